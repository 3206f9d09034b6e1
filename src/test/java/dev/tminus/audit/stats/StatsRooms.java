package dev.tminus.audit.stats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tminus.account.AccountView;
import dev.tminus.cutover.CutoverKind;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.NewCutover;
import dev.tminus.decision.Decide;
import dev.tminus.decision.DecisionService;
import dev.tminus.evidence.EvidenceContract;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.evidence.EvidenceTarget;
import dev.tminus.evidence.NewEvidenceFile;
import dev.tminus.gate.GateService;
import dev.tminus.gate.RecordGate;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.trigger.ReportTrigger;
import dev.tminus.trigger.TriggerService;

import org.springframework.core.io.ByteArrayResource;

/**
 * Cutovers for the statistics tests, built through the services as people build them:
 * created, staffed, started, recorded and decided at times the test sets. Every test
 * works in a year of its own far in the future and filters on it, so that the cutovers
 * other tests leave in the shared database never count.
 */
final class StatsRooms {

	static final String E23 = "e2-3-reload-cutover-rehearsal";

	static final String E23_NAME = "E2-3 Reload/Cutover Rehearsal (dev)";

	static final String PILOT = "pilot-go-no-go";

	private static final AtomicInteger years = new AtomicInteger(2100);

	private static final String HASH = "9f2c6a0d1e5b4c3a2f1e0d9c8b7a69584736251403f2e1d0c9b8a7968574635";

	private final CutoverService cutoverService;

	private final DecisionService decisions;

	private final TriggerService triggers;

	private final GateService gates;

	private final EvidenceService evidence;

	private final TestAccounts accounts;

	private final TestCutovers cutovers;

	private final MutableClock clock;

	StatsRooms(CutoverService cutoverService, DecisionService decisions, TriggerService triggers, GateService gates,
			EvidenceService evidence, TestAccounts accounts, TestCutovers cutovers, MutableClock clock) {
		this.cutoverService = cutoverService;
		this.decisions = decisions;
		this.triggers = triggers;
		this.gates = gates;
		this.evidence = evidence;
		this.accounts = accounts;
		this.cutovers = cutovers;
		this.clock = clock;
	}

	/** A cutover and its people. */
	record Room(long id, AccountView creator, AccountView ic, AccountView operator, Instant t0) {
	}

	/** A year no other test uses. */
	static int freshYear() {
		return years.incrementAndGet();
	}

	/** The filter of one year, as query parameters. */
	static String year(int year) {
		return "from=" + year + "-01-01&to=" + year + "-12-31";
	}

	/** Created now with T-0 in two hours, an IC (and for E2-3 an operator), started. */
	Room started(String template, CutoverKind kind) {
		return started(template, kind, this.accounts.member("creator"), this.accounts.member("ic"));
	}

	Room started(String template, CutoverKind kind, AccountView creator, AccountView ic) {
		Instant t0 = this.clock.instant().plus(Duration.ofHours(2));
		long id = this.cutoverService.create(new NewCutover(template, "Stats " + template, "prod", "8e28d6c3", kind,
				ParameterResolver.format(t0), Map.of()), this.cutovers.user(creator));
		this.cutovers.assign(id, "IC", ic, creator);
		AccountView operator = null;
		if (template.equals(E23)) {
			operator = this.accounts.member("operator");
			this.cutovers.assign(id, "OPERATOR", operator, creator);
		}
		this.cutoverService.start(id, this.cutovers.user(creator));
		return new Room(id, creator, ic, operator, t0);
	}

	void noGo(Room room, String classification) {
		decide(room,
				new Decide("NO_GO", TestAccounts.PASSWORD, classification, "Olga Owner",
						ParameterResolver.format(this.clock.instant().plus(Duration.ofDays(1))), "fixed and rehearsed",
						null, null, null));
	}

	void rollback(Room room) {
		decide(room, new Decide("ROLLBACK", TestAccounts.PASSWORD, null, null, null, null, "SECURITY_INCIDENT",
				"security incident confirmed", null));
	}

	/**
	 * GO on an E2-3 run: the steps before T-0 done, every gate passed with its evidence
	 * (as in DecisionGoTests).
	 */
	void go(Room room) {
		upload(room, EvidenceTarget.step("PRECHECK"), "01_precheck.log");
		for (String step : List.of("FIXED_INPUTS", "PRECHECK", "T_CUTOVER_POLICY", "GENERATE_SYNTHETIC_JSONL")) {
			this.cutovers.pass(room.id(), step, room.operator());
		}
		gate(room, "MIGRATION", Map.of("ALEMBIC_EXIT_CODE", "0"), "02_alembic_upgrade.log");
		gate(room, "BACKFILL", Map.of("BACKFILL_EXIT_CODE", "0"), "03_backfill.log");
		gate(room, "SYNC", Map.of("PUBLISH_EXIT_CODE", "0", "CONSUME_EXIT_CODE", "0"), "04_sync_happy.log");
		gate(room, "SMOKE", Map.of("HTTP_CODE_EXISTING", "200", "HTTP_CODE_MISSING", "404"), "05_smoke_200.log",
				"06_smoke_404.log");
		gate(room, "IDEMPOTENCY",
				Map.of("BEFORE_HTTP", "200", "AFTER_HTTP", "200", "BEFORE_CANON_HASH", HASH, "AFTER_CANON_HASH", HASH),
				"07_idempotency_duplicate.log");
		decide(room, new Decide("GO", TestAccounts.PASSWORD, null, null, null, null, null, null, null));
	}

	/** The IC reports a trigger of the pilot runbook. */
	long report(Room room, String triggerKey) {
		return this.triggers.report(room.id(), new ReportTrigger(triggerKey, null, null, "seen on the dashboard"),
				this.cutovers.user(room.ic()));
	}

	/**
	 * Records PASS on an E2-3 step at a time relative to T-0, with the precheck log its
	 * PASS needs.
	 */
	void passAt(Room room, String step, Duration fromT0) {
		this.clock.set(room.t0().plus(fromT0));
		if (step.equals("PRECHECK")) {
			upload(room, EvidenceTarget.step(step), "01_precheck.log");
		}
		this.cutovers.pass(room.id(), step, room.operator());
	}

	private void decide(Room room, Decide decide) {
		this.decisions.decide(room.id(), decide, this.cutovers.user(room.ic()));
	}

	private void gate(Room room, String gate, Map<String, String> measured, String... files) {
		upload(room, EvidenceTarget.gate(gate), files);
		this.gates.record(room.id(), gate, new RecordGate(null, measured, null), this.cutovers.user(room.operator()));
	}

	private void upload(Room room, EvidenceTarget target, String... files) {
		List<NewEvidenceFile> uploads = Arrays.stream(files).map((name) -> {
			byte[] bytes = ("command=...\nexit_code=0\nresult=PASS\n" + name).getBytes(StandardCharsets.UTF_8);
			return new NewEvidenceFile(name, "text/plain", bytes.length, new ByteArrayResource(bytes));
		}).toList();
		this.evidence.upload(
				room.id(), target, uploads, new EvidenceContract("see file", "0",
						ParameterResolver.format(this.clock.instant()), room.operator().username(), "PASS"),
				this.cutovers.user(room.operator()));
	}

}
