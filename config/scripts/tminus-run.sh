#!/usr/bin/env bash
# tminus-run.sh: run a command and post its output and exit code to T-Minus as the
# result of a step or a gate, with the log as evidence (seed 003 §7: command, exit_code,
# UTC timestamp, owner, result).
#
#   TMINUS_URL=https://tminus.example TMINUS_TOKEN=tmn_... \
#     tminus-run.sh --cutover 12 --step MIGRATION -- alembic upgrade head
#   tminus-run.sh --cutover 12 --gate MIGRATION --exit-measure ALEMBIC_EXIT_CODE -- alembic upgrade head
#
# Exit code 0 records PASS, anything else FAIL. The command's own exit code is returned,
# so the script can sit in a pipeline unchanged; if T-Minus refuses the result, this
# prints why and exits 3 (4 if T-Minus cannot be reached).
set -uo pipefail

usage() {
	cat >&2 <<'USAGE'
usage: tminus-run.sh --cutover ID (--step KEY | --gate KEY) [options] -- command [args...]
  --url URL              T-Minus base URL (default: $TMINUS_URL)
  --token TOKEN          personal access token (default: $TMINUS_TOKEN; prefer the variable)
  --log NAME             evidence file name (default: KEY.log, or the runbook's name for it)
  --field KEY=VALUE      a step field (repeatable)
  --measure KEY=VALUE    a gate measure (repeatable)
  --exit-measure KEY     send the command's exit code as this gate measure
  --note TEXT            a note with the result
  --version N            replace a step's earlier result: the step version you saw (a step that
                         already has a result is refused with 409 and its version otherwise)
  --owner NAME           the evidence owner (default: $USER)
  --idempotency-key KEY  (default: generated once per run)
USAGE
	exit 2
}

url="${TMINUS_URL:-}"
token="${TMINUS_TOKEN:-}"
cutover="" step="" gate="" log_name="" note="" version="" owner="${USER:-$(id -un 2>/dev/null || echo unknown)}"
idem_key=""
extra=()
while [ $# -gt 0 ]; do
	case "$1" in
		--cutover) cutover="${2:-}"; shift 2 ;;
		--step) step="${2:-}"; shift 2 ;;
		--gate) gate="${2:-}"; shift 2 ;;
		--url) url="${2:-}"; shift 2 ;;
		--token) token="${2:-}"; shift 2 ;;
		--log) log_name="${2:-}"; shift 2 ;;
		--field) extra+=(-F "field.${2%%=*}=${2#*=}"); shift 2 ;;
		--measure) extra+=(-F "measure.${2%%=*}=${2#*=}"); shift 2 ;;
		--exit-measure) exit_measure="${2:-}"; shift 2 ;;
		--note) note="${2:-}"; shift 2 ;;
		--version) version="${2:-}"; shift 2 ;;
		--owner) owner="${2:-}"; shift 2 ;;
		--idempotency-key) idem_key="${2:-}"; shift 2 ;;
		--) shift; break ;;
		-h|--help) usage ;;
		*) echo "tminus-run.sh: unknown option $1" >&2; usage ;;
	esac
done
[ $# -gt 0 ] || { echo "tminus-run.sh: no command given after --" >&2; usage; }
[ -n "$cutover" ] && [[ "$cutover" =~ ^[0-9]+$ ]] || { echo "tminus-run.sh: --cutover must be a cutover id" >&2; usage; }
{ [ -n "$step" ] && [ -z "$gate" ]; } || { [ -z "$step" ] && [ -n "$gate" ]; } || { echo "tminus-run.sh: give --step or --gate" >&2; usage; }
[ -z "$version" ] || [[ "$version" =~ ^[0-9]+$ ]] || { echo "tminus-run.sh: --version must be a whole number" >&2; usage; }
[ -n "$url" ] || { echo "tminus-run.sh: set TMINUS_URL or --url" >&2; usage; }
[ -n "$token" ] || { echo "tminus-run.sh: set TMINUS_TOKEN or --token" >&2; usage; }
command -v curl >/dev/null || { echo "tminus-run.sh: curl is required" >&2; exit 4; }

key="${step:-$gate}"
log_name="${log_name:-${key}.log}"
[ -n "$idem_key" ] || idem_key="tminus-run-$(date -u +%Y%m%dT%H%M%S)-$$-${RANDOM}${RANDOM}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log="$work/$log_name"

started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
# the command's output goes to the terminal and to the log
"$@" 2>&1 | tee "$log"
exit_code=${PIPESTATUS[0]}
[ -s "$log" ] || printf '(no output)\n' > "$log"
if [ "$exit_code" -eq 0 ]; then result=PASS; else result=FAIL; fi

form=(-F "files=@${log};filename=${log_name};type=text/plain"
	-F "command=$*" -F "exit_code=${exit_code}" -F "timestamp=${started}" -F "owner=${owner}" -F "result=${result}")
[ -n "$note" ] && form+=(-F "note=${note}")
if [ -n "$step" ]; then
	path="/api/v1/cutovers/${cutover}/steps/${step}"
	form+=(-F "status=${result}")
	[ -n "$version" ] && form+=(-F "version=${version}")
else
	path="/api/v1/cutovers/${cutover}/gates/${gate}"
	form+=(-F "verdict=${result}")
	[ -n "${exit_measure:-}" ] && form+=(-F "measure.${exit_measure}=${exit_code}")
fi

response="$work/response.json"
status=$(curl --silent --show-error --output "$response" --write-out '%{http_code}' \
	--retry 3 --retry-delay 2 --max-time 120 \
	-H "Authorization: Bearer ${token}" -H "Idempotency-Key: ${idem_key}" -H "Accept: application/json" \
	"${form[@]}" "${extra[@]}" "${url%/}${path}") || {
	echo "tminus-run.sh: could not reach T-Minus at ${url}" >&2
	exit 4
}
if [ "$status" -lt 200 ] || [ "$status" -ge 300 ]; then
	echo "tminus-run.sh: T-Minus refused the result (HTTP ${status}):" >&2
	cat "$response" >&2; echo >&2
	exit 3
fi
echo "tminus-run.sh: recorded ${result} (exit code ${exit_code}) for ${step:+step }${gate:+gate }${key} of cutover ${cutover}" >&2
exit "$exit_code"
