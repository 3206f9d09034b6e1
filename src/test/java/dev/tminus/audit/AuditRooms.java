package dev.tminus.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
import dev.tminus.support.TestCutovers.Rehearsal;

import org.springframework.core.io.ByteArrayResource;

/**
 * E2-3 rehearsals (seeds 000 + 003) taken to a decision, with the evidence files the
 * runbook names, for the auditor's desk to read.
 */

class AuditRooms {

	static final String HASH = "9f2c6a0d1e5b4c3a2f1e0d9c8b7a69584736251403f2e1d0c9b8a7968574635";

	private final TestCutovers cutovers;

	private final GateService gates;

	private final EvidenceService evidence;

	private final DecisionService decisions;

	private final MutableClock clock;

	AuditRooms(TestCutovers cutovers, GateService gates, EvidenceService evidence, DecisionService decisions,
			MutableClock clock) {
		this.cutovers = cutovers;
		this.gates = gates;
		this.evidence = evidence;
		this.decisions = decisions;
		this.clock = clock;
	}

	/** A rehearsal whose every gate passed with its evidence, signed GO by the IC. */
	Rehearsal go() {
		Rehearsal room = ready(HASH);
		this.decisions.decide(room.cutoverId(),
				new Decide("GO", TestAccounts.PASSWORD, null, null, null, null, null, null, "5/5 gates PASS"),
				this.cutovers.user(room.ic()));
		return room;
	}

	/** A rehearsal whose idempotency gate failed, signed NO-GO with a retry. */
	Rehearsal noGo(String retryAt) {
		Rehearsal room = ready("0000000000000000000000000000000000000000000000000000000000000000");
		this.decisions.decide(room.cutoverId(),
				new Decide("NO_GO", TestAccounts.PASSWORD, "IDEMPOTENCY_FAILED", "Olga Operator", retryAt,
						"BEFORE_CANON_HASH == AFTER_CANON_HASH after duplicate replay", null, null, "Idempotency FAIL"),
				this.cutovers.user(room.ic()));
		return room;
	}

	String tomorrow() {
		return ParameterResolver.format(this.clock.instant().plus(Duration.ofDays(1)));
	}

	/** A started rehearsal with its steps before T-0 done and every gate recorded. */
	Rehearsal ready(String afterHash) {
		Rehearsal room = this.cutovers.e23();
		upload(room, EvidenceTarget.step("PRECHECK"), "01_precheck.log",
				"az aks show -g rg -n aks\n{\"provisioningState\": \"Succeeded\"}\n", "az aks show -g rg -n aks", "0",
				"PASS");
		for (String step : List.of("FIXED_INPUTS", "PRECHECK", "T_CUTOVER_POLICY", "GENERATE_SYNTHETIC_JSONL")) {
			this.cutovers.pass(room.cutoverId(), step, room.operator());
		}
		record(room, "MIGRATION", Map.of("ALEMBIC_EXIT_CODE", "0"), "02_alembic_upgrade.log");
		record(room, "BACKFILL", Map.of("BACKFILL_EXIT_CODE", "0"), "03_backfill.log");
		record(room, "SYNC", Map.of("PUBLISH_EXIT_CODE", "0", "CONSUME_EXIT_CODE", "0"), "04_sync_happy.log");
		record(room, "SMOKE", Map.of("HTTP_CODE_EXISTING", "200", "HTTP_CODE_MISSING", "404"), "05_smoke_200.log",
				"06_smoke_404.log");
		record(room, "IDEMPOTENCY", Map.of("BEFORE_HTTP", "200", "AFTER_HTTP", "200", "BEFORE_CANON_HASH", HASH,
				"AFTER_CANON_HASH", afterHash), "07_idempotency_duplicate.log");
		return room;
	}

	List<Long> upload(Rehearsal room, EvidenceTarget target, String name, String content, String command,
			String exitCode, String result) {
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		return this.evidence.upload(room.cutoverId(), target,
				List.of(new NewEvidenceFile(name, "text/plain", bytes.length, new ByteArrayResource(bytes))),
				new EvidenceContract(command, exitCode, ParameterResolver.format(this.clock.instant()),
						room.operator().username(), result),
				this.cutovers.user(room.operator()));
	}

	private void record(Rehearsal room, String gate, Map<String, String> measured, String... files) {
		Arrays.stream(files)
			.forEach((name) -> upload(room, EvidenceTarget.gate(gate), name, "output of " + name + "\n",
					"./run " + name, "0", "PASS"));
		this.gates.record(room.cutoverId(), gate, new RecordGate(null, measured, null),
				this.cutovers.user(room.operator()));
	}

}
