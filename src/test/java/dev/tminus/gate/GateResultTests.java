package dev.tminus.gate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;
import dev.tminus.cutover.CutoverService;
import dev.tminus.gate.GateRooms.Room;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.SqlStatementCounter;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class GateResultTests {

	static final String PILOT_HASH = "ceb56f73837a9c775e2b7f2c870628c89f5a110db8801f80e6dae43533bd6b32";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	CutoverService cutoverService;

	@Autowired
	GateQueries queries;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SqlStatementCounter counter;

	GateRooms rooms;

	@BeforeEach
	void rooms() {
		this.rooms = new GateRooms(this.cutovers, this.accounts, this.cutoverService);
	}

	@Test
	void theOwnerTheScribeAndTheIcRecordAGateResult() throws Exception {
		WarRoom room = this.cutovers.goLive();
		smoke(room, room.deployer(), "COMPUTE", "200", "0").andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/cutovers/" + room.cutoverId() + "#gates"));
		smoke(room, room.scribe(), "COMPUTE", "200", "0").andExpect(status().is3xxRedirection());
		smoke(room, room.ic(), "FAIL", "200", "0").andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("select on_behalf_of from gate_result where cutover_id = ? order by id")
			.param(room.cutoverId())
			.query(String.class)
			.list()).containsExactly(null, "DEPLOYER", "DEPLOYER");
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "GATE")).isEqualTo(3);
		assertThat(gate(room.cutoverId(), "DEPLOY_SMOKE").effective())
			.as("the latest result counts, and the IC may always record FAIL")
			.isEqualTo(Verdict.FAIL);
	}

	@Test
	void otherMembersAuditorsAndAdminsAreRefusedAndNothingIsWritten() throws Exception {
		WarRoom room = this.cutovers.goLive();
		AccountView auditor = this.accounts.create("auditor", GlobalRole.AUDITOR);
		AccountView admin = this.accounts.create("admin", GlobalRole.ADMIN);
		smoke(room, room.oncall(), "COMPUTE", "200", "0").andExpect(status().isForbidden())
			.andExpect(content().string(containsString("Only the Deployer")));
		smoke(room, auditor, "COMPUTE", "200", "0").andExpect(status().isForbidden());
		smoke(room, admin, "COMPUTE", "200", "0").andExpect(status().isForbidden());
		smoke(room, room.other(), "COMPUTE", "200", "0").andExpect(status().isNotFound());
		assertThat(results(room.cutoverId())).isZero();
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "GATE")).isZero();
	}

	@Test
	void aPassIsComputedFromTheValuesAndAFailingValueFails() throws Exception {
		WarRoom room = this.cutovers.goLive();
		smoke(room, room.deployer(), "COMPUTE", "200", "0").andExpect(status().is3xxRedirection());
		assertThat(gate(room.cutoverId(), "DEPLOY_SMOKE").effective()).isEqualTo(Verdict.PASS);

		smoke(room, room.deployer(), "COMPUTE", "500", "0").andExpect(status().is3xxRedirection());
		GateStatus failed = gate(room.cutoverId(), "DEPLOY_SMOKE");
		assertThat(failed.effective()).isEqualTo(Verdict.FAIL);
		assertThat(failed.reasons()).anySatisfy((r) -> assertThat(r).contains("500 is not == 200"));
		assertThat(this.jdbc
			.sql("select details::text from timeline_entry where cutover_id = ? and kind = 'GATE' "
					+ "order by seq desc limit 1")
			.param(room.cutoverId())
			.query(String.class)
			.single()).contains("API_HEALTH_HTTP", "500 is not == 200");
	}

	@Test
	void nobodyRecordsPassAgainstAFailingValue() throws Exception {
		WarRoom room = this.cutovers.goLive();
		smoke(room, room.deployer(), "PASS", "500", "0").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("PASS refused")))
			.andExpect(content().string(containsString("500 is not == 200")));
		assertThat(results(room.cutoverId())).isZero();
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "GATE")).isZero();
	}

	@Test
	void aThresholdMayBeARunParameter() throws Exception {
		Room room = this.rooms.pilot();
		record(room.cutoverId(), "IMAGES_BUILT_WITH_DIGESTS", room.owner(), "PASS",
				Map.of("PACKAGE_SHA256", "0000000000000000000000000000000000000000000000000000000000000000"))
			.andExpect(status().isUnprocessableContent());
		assertThat(results(room.cutoverId())).isZero();
		record(room.cutoverId(), "IMAGES_BUILT_WITH_DIGESTS", room.owner(), "COMPUTE",
				Map.of("PACKAGE_SHA256", PILOT_HASH.toUpperCase()))
			.andExpect(status().is3xxRedirection());
		assertThat(verdicts(room.cutoverId())).containsExactly("PASS");
	}

	@Test
	void missingEvidenceIsAFailureUntilTheFileIsUploaded() throws Exception {
		Room room = this.rooms.pilot();
		record(room.cutoverId(), "IMAGES_BUILT_WITH_DIGESTS", room.owner(), "COMPUTE",
				Map.of("PACKAGE_SHA256", PILOT_HASH))
			.andExpect(status().is3xxRedirection());
		GateStatus missing = gate(room.cutoverId(), "IMAGES_BUILT_WITH_DIGESTS");
		assertThat(missing.effective()).isEqualTo(Verdict.FAIL);
		assertThat(missing.missingEvidence()).containsExactly("manifest.json");
		assertThat(missing.reasons()).contains("missing evidence: manifest.json");
		this.mvc.perform(get("/cutovers/{id}/gates", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("missing evidence: manifest.json")));

		this.mvc
			.perform(multipart("/cutovers/{id}/gates/{gate}/evidence", room.cutoverId(), "IMAGES_BUILT_WITH_DIGESTS")
				.file(new MockMultipartFile("files", "manifest.json", "application/json",
						"{\"digests\":[]}".getBytes(StandardCharsets.UTF_8)))
				.param("command", "docker buildx imagetools inspect")
				.param("exitCode", "0")
				.param("result", "PASS")
				.with(this.accounts.as(room.owner()))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		GateStatus present = gate(room.cutoverId(), "IMAGES_BUILT_WITH_DIGESTS");
		assertThat(present.effective()).isEqualTo(Verdict.PASS);
		assertThat(present.reasons()).isEmpty();
	}

	@Test
	void idempotencyPassesOnlyWhenTheHashBeforeEqualsTheHashAfter() throws Exception {
		Room room = this.rooms.e23();
		Map<String, String> differ = Map.of("BEFORE_HTTP", "200", "AFTER_HTTP", "200", "BEFORE_CANON_HASH", "abc1",
				"AFTER_CANON_HASH", "abc2");
		record(room.cutoverId(), "IDEMPOTENCY", room.owner(), "PASS", differ)
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("abc2 is not == abc1")));
		record(room.cutoverId(), "IDEMPOTENCY", room.owner(), "COMPUTE", differ).andExpect(status().is3xxRedirection());
		assertThat(gate(room.cutoverId(), "IDEMPOTENCY").effective()).isEqualTo(Verdict.FAIL);

		record(room.cutoverId(), "IDEMPOTENCY", room.owner(), "COMPUTE", Map.of("BEFORE_HTTP", "200", "AFTER_HTTP",
				"200", "BEFORE_CANON_HASH", "abc1", "AFTER_CANON_HASH", "abc1"))
			.andExpect(status().is3xxRedirection());
		GateStatus status = gate(room.cutoverId(), "IDEMPOTENCY");
		assertThat(status.effective()).as("PASS values, but its evidence is missing").isEqualTo(Verdict.FAIL);
		assertThat(status.reasons()).containsExactly("missing evidence: 07_idempotency_duplicate.log");

		this.mvc.perform(multipart("/cutovers/{id}/steps/{step}/evidence", room.cutoverId(), "IDEMPOTENCY")
			.file(new MockMultipartFile("files", "07_idempotency_duplicate.log", "text/plain",
					"BEFORE_CANON_HASH=abc1\nAFTER_CANON_HASH=abc1\n".getBytes(StandardCharsets.UTF_8)))
			.with(this.accounts.as(room.owner()))
			.with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(gate(room.cutoverId(), "IDEMPOTENCY").effective())
			.as("evidence uploaded to one of the gate's steps counts")
			.isEqualTo(Verdict.PASS);
	}

	@Test
	void aGateWithoutThresholdsTakesTheChosenVerdict() throws Exception {
		Room room = this.rooms.pilot();
		record(room.cutoverId(), "KILL_SWITCH_FUNCTIONAL", room.ic(), "COMPUTE", Map.of())
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("choose PASS or FAIL")));
		record(room.cutoverId(), "KILL_SWITCH_FUNCTIONAL", room.ic(), "PASS", Map.of())
			.andExpect(status().is3xxRedirection());
		assertThat(gate(room.cutoverId(), "KILL_SWITCH_FUNCTIONAL").effective()).isEqualTo(Verdict.PASS);
	}

	@Test
	void aCutoverThatHasNotStartedTakesNoGateResults() throws Exception {
		AccountView creator = this.accounts.member("creator");
		long id = this.cutovers.create("go-live-canary-money-loop", creator, Map.of("CANARY_TENANT", "t-1"));
		AccountView deployer = this.accounts.member("deployer");
		this.cutovers.assign(id, "DEPLOYER", deployer, creator);
		record(id, "DEPLOY_SMOKE", deployer, "COMPUTE",
				Map.of("API_HEALTH_HTTP", "200", "GO_LIVE_SMOKE_EXIT_CODE", "0"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("has not started")));
		assertThat(results(id)).isZero();
	}

	@Test
	void gateResultsCannotBeUpdatedOrDeleted() throws Exception {
		WarRoom room = this.cutovers.goLive();
		smoke(room, room.deployer(), "COMPUTE", "200", "0").andExpect(status().is3xxRedirection());
		assertThatThrownBy(() -> this.jdbc.sql("update gate_result set verdict = 'FAIL' where cutover_id = ?")
			.param(room.cutoverId())
			.update()).hasMessageContaining("append-only");
		assertThatThrownBy(
				() -> this.jdbc.sql("delete from gate_result where cutover_id = ?").param(room.cutoverId()).update())
			.hasMessageContaining("append-only");
		assertThat(verdicts(room.cutoverId())).containsExactly("PASS");
	}

	@Test
	void statusesCostAFixedNumberOfStatementsWhateverTheResultsAndEvidence() throws Exception {
		WarRoom empty = this.cutovers.goLive();
		this.queries.statuses(empty.cutoverId()); // the template version is parsed once,
													// then cached
		long few = this.counter.count(() -> this.queries.statuses(empty.cutoverId()));

		WarRoom busy = this.cutovers.goLive();
		for (int i = 0; i < 3; i++) {
			smoke(busy, busy.deployer(), "COMPUTE", "200", "0").andExpect(status().is3xxRedirection());
			record(busy.cutoverId(), "PREFLIGHT", busy.deployer(), "COMPUTE", Map.of("VERIFY_PROD_ENV_EXIT_CODE", "0"))
				.andExpect(status().is3xxRedirection());
			record(busy.cutoverId(), "CANARY_MONEY_LOOP", busy.payments(), "FAIL", Map.of())
				.andExpect(status().is3xxRedirection());
			this.mvc
				.perform(multipart("/cutovers/{id}/gates/{gate}/evidence", busy.cutoverId(), "CANARY_MONEY_LOOP")
					.file(new MockMultipartFile("files", "canary_report.md", "text/markdown", new byte[] { 1, 2 }))
					.file(new MockMultipartFile("files", "other.md", "text/markdown", new byte[] { 3 }))
					.with(this.accounts.as(busy.payments()))
					.with(csrf()))
				.andExpect(status().is3xxRedirection());
		}
		List<GateStatus> statuses = this.queries.statuses(busy.cutoverId());
		long many = this.counter.count(() -> this.queries.statuses(busy.cutoverId()));
		assertThat(many).isEqualTo(few).isLessThanOrEqualTo(3);
		assertThat(statuses).extracting(GateStatus::key)
			.containsExactly("PREFLIGHT", "BACKUP", "DEPLOY_SMOKE", "CANARY_MONEY_LOOP");
	}

	private org.springframework.test.web.servlet.ResultActions smoke(WarRoom room, AccountView who, String verdict,
			String http, String exit) throws Exception {
		return record(room.cutoverId(), "DEPLOY_SMOKE", who, verdict,
				Map.of("API_HEALTH_HTTP", http, "GO_LIVE_SMOKE_EXIT_CODE", exit));
	}

	private org.springframework.test.web.servlet.ResultActions record(long cutoverId, String gate, AccountView who,
			String verdict, Map<String, String> measured) throws Exception {
		MockHttpServletRequestBuilder request = post("/cutovers/{id}/gates/{gate}/results", cutoverId, gate)
			.param("verdict", verdict)
			.param("note", "checked")
			.with(this.accounts.as(who))
			.with(csrf());
		measured.forEach((key, value) -> request.param("measure." + key, value));
		return this.mvc.perform(request);
	}

	private GateStatus gate(long cutoverId, String gate) {
		return this.queries.statuses(cutoverId).stream().filter((s) -> s.key().equals(gate)).findFirst().orElseThrow();
	}

	private long results(long cutoverId) {
		return this.jdbc.sql("select count(*) from gate_result where cutover_id = ?")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

	private List<String> verdicts(long cutoverId) {
		return this.jdbc.sql("select verdict from gate_result where cutover_id = ? order by id")
			.param(cutoverId)
			.query(String.class)
			.list();
	}

}
