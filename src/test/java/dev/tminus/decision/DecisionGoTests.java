package dev.tminus.decision;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.tminus.evidence.EvidenceContract;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.evidence.EvidenceTarget;
import dev.tminus.evidence.NewEvidenceFile;
import dev.tminus.gate.GateService;
import dev.tminus.gate.RecordGate;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The rules of seeds 000 and 003 end to end on the E2-3 rehearsal: gates with measured
 * values and evidence files, then the IC's decision.
 */
@IntegrationTest
class DecisionGoTests {

	static final String HASH = "9f2c6a0d1e5b4c3a2f1e0d9c8b7a69584736251403f2e1d0c9b8a7968574635";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	GateService gates;

	@Autowired
	EvidenceService evidence;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void allGatesPassingWithEvidenceLetTheIcSignGoAndTheSummarySaysSo() throws Exception {
		Rehearsal room = readyRehearsal();
		passAllGates(room, HASH, List.of());
		sign(room, "GO").andExpect(status().is3xxRedirection());
		this.mvc
			.perform(get("/cutovers/{id}/decision/summary.txt", room.cutoverId()).with(this.accounts.as(room.scribe())))
			.andExpect(content().string(containsString("decision=GO\nfailure_classification=NONE\n")))
			.andExpect(content().string(containsString("retry_at_utc=N/A\nunblock_criteria=N/A\n")));
		assertThat(this.jdbc.sql("select status from cutover where id = ?")
			.param(room.cutoverId())
			.query(String.class)
			.single()).isEqualTo("GO");
		assertThat(this.jdbc.sql("select timeline_hash from decision where cutover_id = ?")
			.param(room.cutoverId())
			.query(String.class)
			.single()).hasSize(64);
	}

	@Test
	void aFailingIdempotencyGateRefusesGoWithThatReasonThenNoGoRecordsIt() throws Exception {
		Rehearsal room = readyRehearsal();
		passAllGates(room, "0000000000000000000000000000000000000000000000000000000000000000", List.of());
		sign(room, "GO").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Gate Idempotency FAILED")));
		String retryAt = ParameterResolver.format(this.clock.instant().plus(Duration.ofDays(1)));
		this.mvc
			.perform(post("/cutovers/{id}/decision", room.cutoverId()).with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("outcome", "NO_GO")
				.param("password", TestAccounts.PASSWORD)
				.param("failureClassification", "IDEMPOTENCY_FAILED")
				.param("owner", "Olga Operator")
				.param("retryAt", retryAt)
				.param("unblockCriteria", "BEFORE_CANON_HASH == AFTER_CANON_HASH after duplicate replay"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/cutovers/{id}/decision/summary.txt", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(content().string(containsString("decision=NO_GO\nfailure_classification=IDEMPOTENCY_FAILED\n")))
			.andExpect(content().string(containsString("owner=Olga Operator\nretry_at_utc=" + retryAt + "\n")));
	}

	@Test
	void aMissingEvidenceFileBlocksGo() throws Exception {
		Rehearsal room = readyRehearsal();
		passAllGates(room, HASH, List.of("06_smoke_404.log"));
		sign(room, "GO").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("06_smoke_404.log")));
		assertThat(this.jdbc.sql("select count(*) from decision where cutover_id = ?")
			.param(room.cutoverId())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aFailedHardCanaryGateBlocksGoAndSaysItCanNeverBeOverridden() throws Exception {
		WarRoom room = this.cutovers.goLive();
		this.gates.record(room.cutoverId(), "CANARY_MONEY_LOOP",
				new RecordGate(null, Map.of("LEDGER_HELD", "10", "AVAILABLE_REDUCED_BY", "10"), "held not released"),
				this.cutovers.user(room.payments()));
		this.mvc
			.perform(post("/cutovers/{id}/decision", room.cutoverId()).with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("outcome", "GO")
				.param("password", TestAccounts.PASSWORD))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Hard gate Canary Money Loop FAILED")))
			.andExpect(content().string(containsString("never be overridden")));
	}

	private org.springframework.test.web.servlet.ResultActions sign(Rehearsal room, String outcome) throws Exception {
		return this.mvc.perform(post("/cutovers/{id}/decision", room.cutoverId()).with(this.accounts.as(room.ic()))
			.with(csrf())
			.param("outcome", outcome)
			.param("password", TestAccounts.PASSWORD));
	}

	/** A started rehearsal whose steps before T-0 are done. */
	private Rehearsal readyRehearsal() {
		Rehearsal room = this.cutovers.e23();
		byte[] log = "command=az aks show ...\nexit_code=0\nresult=PASS\n".getBytes(StandardCharsets.UTF_8);
		this.evidence.upload(room.cutoverId(), EvidenceTarget.step("PRECHECK"),
				List.of(new NewEvidenceFile("01_precheck.log", "text/plain", log.length, new ByteArrayResource(log))),
				EvidenceContract.none(), this.cutovers.user(room.operator()));
		for (String step : List.of("FIXED_INPUTS", "PRECHECK", "T_CUTOVER_POLICY", "GENERATE_SYNTHETIC_JSONL")) {
			this.cutovers.pass(room.cutoverId(), step, room.operator());
		}
		return room;
	}

	private void passAllGates(Rehearsal room, String afterHash, List<String> withoutFiles) {
		var operator = this.cutovers.user(room.operator());
		record(room, "MIGRATION", Map.of("ALEMBIC_EXIT_CODE", "0"), withoutFiles, "02_alembic_upgrade.log");
		record(room, "BACKFILL", Map.of("BACKFILL_EXIT_CODE", "0"), withoutFiles, "03_backfill.log");
		record(room, "SYNC", Map.of("PUBLISH_EXIT_CODE", "0", "CONSUME_EXIT_CODE", "0"), withoutFiles,
				"04_sync_happy.log");
		record(room, "SMOKE", Map.of("HTTP_CODE_EXISTING", "200", "HTTP_CODE_MISSING", "404"), withoutFiles,
				"05_smoke_200.log", "06_smoke_404.log");
		record(room, "IDEMPOTENCY", Map.of("BEFORE_HTTP", "200", "AFTER_HTTP", "200", "BEFORE_CANON_HASH", HASH,
				"AFTER_CANON_HASH", afterHash), withoutFiles, "07_idempotency_duplicate.log");
		assertThat(operator).isNotNull();
	}

	private void record(Rehearsal room, String gate, Map<String, String> measured, List<String> withoutFiles,
			String... files) {
		var operator = this.cutovers.user(room.operator());
		List<NewEvidenceFile> uploads = java.util.Arrays.stream(files)
			.filter((name) -> !withoutFiles.contains(name))
			.map((name) -> {
				byte[] bytes = ("command=...\nexit_code=0\nresult=PASS\n" + name).getBytes(StandardCharsets.UTF_8);
				return new NewEvidenceFile(name, "text/plain", bytes.length, new ByteArrayResource(bytes));
			})
			.toList();
		if (!uploads.isEmpty()) {
			this.evidence.upload(
					room.cutoverId(), EvidenceTarget.gate(gate), uploads, new EvidenceContract("see file", "0",
							ParameterResolver.format(this.clock.instant()), room.operator().username(), "PASS"),
					operator);
		}
		this.gates.record(room.cutoverId(), gate, new RecordGate(null, measured, null), operator);
	}

}
