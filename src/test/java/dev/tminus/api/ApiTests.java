package dev.tminus.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import dev.tminus.account.AccountView;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The automation API end to end: what scripts record, and every way a token or a body can
 * be wrong, each answered with a problem detail and nothing written.
 */
@IntegrationTest
class ApiTests {

	static final List<ApiScope> ALL = List.of(ApiScope.values());

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	ApiTokenService tokens;

	@Autowired
	JdbcClient jdbc;

	Rehearsal room;

	String operator;

	@BeforeEach
	void aRunningRehearsalAndItsOperatorsToken() {
		this.room = this.cutovers.e23();
		this.operator = token(this.room.operator(), ALL);
	}

	@Test
	void aScriptRecordsAStepWithItsLogAsEvidenceInOneRequest() throws Exception {
		this.mvc
			.perform(multipart("/api/v1/cutovers/{id}/steps/FIXED_INPUTS", id())
				.file(new MockMultipartFile("files", "fixed_inputs.log", "text/plain",
						"RUN_ID=e2-3-1\n".getBytes(StandardCharsets.UTF_8)))
				.param("status", "PASS")
				.param("command", "./fixed_inputs.sh")
				.param("exit_code", "0")
				.param("result", "PASS")
				.header("Authorization", "Bearer " + this.operator))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("PASS"))
			.andExpect(jsonPath("$.evidence.length()").value(1));
		assertThat(this.cutovers.status(id(), "FIXED_INPUTS")).isEqualTo("PASS");
		assertThat(this.jdbc.sql(
				"select command || ' ' || exit_code || ' ' || result from evidence where cutover_id = ? and step_key = ?")
			.params(id(), "FIXED_INPUTS")
			.query(String.class)
			.single()).isEqualTo("./fixed_inputs.sh 0 PASS");
		assertThat(this.jdbc.sql("select count(*) from timeline_entry where cutover_id = ? and actor_id = ?")
			.params(id(), this.room.operator().id())
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aScriptReadsTheCutoversState() throws Exception {
		this.mvc.perform(get("/api/v1/cutovers/{id}", id()).header("Authorization", "Bearer " + this.operator))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id()))
			.andExpect(jsonPath("$.status").value("IN_PROGRESS"))
			.andExpect(jsonPath("$.phases[0].steps[0].key").value("FIXED_INPUTS"))
			.andExpect(jsonPath("$.phases[0].steps[0].version").isNumber())
			.andExpect(jsonPath("$.gates[?(@.key == 'MIGRATION')].status").value("FAIL"))
			.andExpect(jsonPath("$.gates[?(@.key == 'MIGRATION')].missingEvidence[0]").value("02_alembic_upgrade.log"));
	}

	@Test
	void aGateIsComputedFromTheMeasuredValueTheScriptSends() throws Exception {
		this.mvc
			.perform(post("/api/v1/cutovers/{id}/gates/MIGRATION", id())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("measure.ALEMBIC_EXIT_CODE", "1")
				.header("Authorization", "Bearer " + this.operator))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.verdict").value("FAIL"));
		assertThat(this.jdbc.sql("select verdict from gate_result where cutover_id = ? and gate_key = 'MIGRATION'")
			.param(id())
			.query(String.class)
			.single()).isEqualTo("FAIL");
	}

	@Test
	void theScribeAddsANoteAndAnyoneOnTheCutoverReportsATrigger() throws Exception {
		String scribe = token(this.room.scribe(), List.of(ApiScope.TIMELINE_WRITE, ApiScope.TRIGGER_WRITE));
		this.mvc
			.perform(post("/api/v1/cutovers/{id}/notes", id()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("text", "Backfill started by the pipeline")
				.param("tag", "INFO")
				.header("Authorization", "Bearer " + scribe))
			.andExpect(status().isCreated());
		this.mvc
			.perform(post("/api/v1/cutovers/{id}/triggers", id()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("title", "Consumer lag over 10 minutes")
				.param("action", "IMMEDIATE_ROLLBACK")
				.param("note", "lag 12m on partition 3")
				.header("Authorization", "Bearer " + scribe))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.trigger").isNumber());
		assertThat(this.cutovers.timelineRows(id(), "NOTE")).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from rollback_trigger where cutover_id = ?")
			.param(id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void everyEndpointRefusesMissingExpiredRevokedWrongScopeStrangersAndAuditorsWritingNothing() throws Exception {
		AccountView stranger = this.accounts.member("stranger");
		AccountView auditor = this.accounts.auditor("auditor");
		String expired = token(this.room.operator(), ALL);
		this.jdbc
			.sql("update api_token set created_at = now() - interval '3 days', expires_at = now() - interval '1 day'"
					+ " where token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')")
			.param(expired)
			.update();
		String revoked = token(this.room.operator(), ALL);
		long revokedId = this.jdbc
			.sql("select id from api_token where token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')")
			.param(revoked)
			.query(Long.class)
			.single();
		this.tokens.revoke(revokedId, this.cutovers.user(this.room.operator()));
		String readOnly = token(this.room.operator(), List.of(ApiScope.CUTOVER_READ));
		String strangers = token(stranger, ALL);
		String auditors = token(auditor, List.of(ApiScope.CUTOVER_READ));
		List<Function<String, MockHttpServletRequestBuilder>> writes = List.of(
				(t) -> form(post("/api/v1/cutovers/{id}/steps/FIXED_INPUTS", id()), t).param("status", "PASS"),
				(t) -> form(post("/api/v1/cutovers/{id}/gates/MIGRATION", id()), t).param("measure.ALEMBIC_EXIT_CODE",
						"0"),
				(t) -> form(post("/api/v1/cutovers/{id}/notes", id()), t).param("text", "note"),
				(t) -> form(post("/api/v1/cutovers/{id}/triggers", id()), t).param("title", "t")
					.param("action", "MONITOR"));
		String before = written();
		for (Function<String, MockHttpServletRequestBuilder> write : writes) {
			problem(write.apply(null), 401, "Send a personal access token");
			problem(write.apply(expired), 401, "expired");
			problem(write.apply(revoked), 401, "revoked");
			problem(write.apply("tmn_not-a-real-token"), 401, "not known");
			problem(write.apply(readOnly), 403, "lacks the scope");
			problem(write.apply(auditors), 403, "lacks the scope");
			problem(write.apply(strangers), 404, "No cutover");
		}
		assertThat(written()).isEqualTo(before);
		problem(get("/api/v1/cutovers/{id}", id()).header("Authorization", "Bearer " + strangers), 404, "No cutover");
		problem(get("/api/v1/cutovers/{id}", id()).header("Authorization", "Bearer " + expired), 401, "expired");
		this.mvc.perform(get("/api/v1/cutovers/{id}", id()).header("Authorization", "Bearer " + auditors))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/cutovers/{id}", id()).header("Authorization", "Bearer " + readOnly))
			.andExpect(status().isOk());
	}

	@Test
	void aSessionCookieIsNotEnoughForTheApi() throws Exception {
		problem(get("/api/v1/cutovers/{id}", id()).with(this.accounts.as(this.room.operator())), 401,
				"Send a personal access token");
	}

	@Test
	void badBodiesAreProblemsAndWriteNothing() throws Exception {
		String before = written();
		problem(form(post("/api/v1/cutovers/{id}/steps/FIXED_INPUTS", id()), this.operator), 400, "status is required");
		problem(form(post("/api/v1/cutovers/{id}/steps/FIXED_INPUTS", id()), this.operator).param("status", "MAYBE"),
				400, "status must be one of PENDING, PASS, FAIL, NA");
		problem(form(post("/api/v1/cutovers/{id}/steps/FIXED_INPUTS", id()), this.operator).param("status", "PASS")
			.param("version", "seven"), 400, "version must be");
		problem(form(post("/api/v1/cutovers/{id}/steps/NO_SUCH_STEP", id()), this.operator).param("status", "PASS"),
				404, "NO_SUCH_STEP");
		problem(form(post("/api/v1/cutovers/{id}/gates/MIGRATION", id()), this.operator)
			.param("measure.ALEMBIC_EXIT_CODE", "1".repeat(2001)), 422, "Use at most");
		problem(form(post("/api/v1/cutovers/{id}/gates/MIGRATION", id()), this.operator).param("measure.NOPE", "1"),
				422, "NOPE is not a measure");
		problem(form(post("/api/v1/cutovers/{id}/notes", id()), token(this.room.scribe(), ALL)), 422, "");
		problem(form(post("/api/v1/cutovers/{id}/steps/FIXED_INPUTS", id()), this.operator).param("status", "PASS")
			.param("version", "99"), 409, "");
		problem(post("/api/v1/cutovers/{id}/steps/FIXED_INPUTS", id()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"status\": \"PASS\"}")
			.header("Authorization", "Bearer " + this.operator), 415, "multipart/form-data");
		// a required step field left out, with a log that must not be kept either
		this.cutovers.pass(id(), "FIXED_INPUTS", this.room.operator());
		String afterFirstStep = written();
		problem(multipart("/api/v1/cutovers/{id}/steps/PRECHECK", id())
			.file(new MockMultipartFile("files", "01_precheck.log", "text/plain",
					"ok".getBytes(StandardCharsets.UTF_8)))
			.param("status", "PASS")
			.header("Authorization", "Bearer " + this.operator), 422, "");
		byte[] oversize = new byte[25 * 1024 * 1024 + 1];
		problem(multipart("/api/v1/cutovers/{id}/steps/PRECHECK", id())
			.file(new MockMultipartFile("files", "01_precheck.log", "text/plain", oversize))
			.param("status", "PASS")
			.param("field.provisioning_state", "Succeeded")
			.header("Authorization", "Bearer " + this.operator), 413, "at most");
		assertThat(written()).isEqualTo(afterFirstStep);
		assertThat(afterFirstStep).isNotEqualTo(before);
	}

	@Test
	void theSameIdempotencyKeyTwiceRecordsOnceAndAnswersTheSame() throws Exception {
		MvcResult first = this.mvc.perform(idempotentStep("retry-1", "PASS"))
			.andExpect(status().isCreated())
			.andReturn();
		String timeline = written();
		this.mvc.perform(idempotentStep("retry-1", "PASS"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Idempotent-Replayed", "true"))
			.andExpect(content().json(first.getResponse().getContentAsString(), true));
		assertThat(written()).isEqualTo(timeline);
		assertThat(this.jdbc.sql("select count(*) from evidence where cutover_id = ?")
			.param(id())
			.query(Long.class)
			.single()).isEqualTo(1);
		problem(idempotentStep("retry-1", "FAIL"), 422, "used for a different request");
		assertThat(written()).isEqualTo(timeline);
	}

	@Test
	void aTokenOverItsRateIsAnswered429WithRetryAfter() throws Exception {
		String token = token(this.room.operator(), List.of(ApiScope.CUTOVER_READ));
		for (int i = 0; i < 120; i++) {
			this.mvc.perform(get("/api/v1/cutovers/{id}", id()).header("Authorization", "Bearer " + token))
				.andExpect(status().isOk());
		}
		// the bucket refills evenly (2 a second here): requests as fast as these soon
		// find it empty
		MvcResult refused = null;
		for (int i = 0; i < 100 && refused == null; i++) {
			MvcResult result = this.mvc
				.perform(get("/api/v1/cutovers/{id}", id()).header("Authorization", "Bearer " + token))
				.andReturn();
			refused = (result.getResponse().getStatus() == 429) ? result : null;
		}
		assertThat(refused).as("a 429 within 100 more requests").isNotNull();
		assertThat(Integer.parseInt(refused.getResponse().getHeader("Retry-After"))).isPositive();
		assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
	}

	@Test
	void theOpenApiDescriptionIsBehindSignIn() throws Exception {
		this.mvc.perform(get("/api-docs")).andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/api-docs").with(this.accounts.as(this.room.operator())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/cutovers/{id}/steps/{stepKey}'].post").exists())
			.andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"));
	}

	private RequestBuilder idempotentStep(String key, String status) {
		return multipart("/api/v1/cutovers/{id}/steps/FIXED_INPUTS", id())
			.file(new MockMultipartFile("files", "run.log", "text/plain", "done".getBytes(StandardCharsets.UTF_8)))
			.param("status", status)
			.header("Idempotency-Key", key)
			.header("Authorization", "Bearer " + this.operator);
	}

	private void problem(RequestBuilder request, int status, String detail) throws Exception {
		this.mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.detail", containsString(detail)));
	}

	private static MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, String token) {
		MockHttpServletRequestBuilder form = request.contentType(MediaType.APPLICATION_FORM_URLENCODED);
		return (token != null) ? form.header("Authorization", "Bearer " + token) : form;
	}

	/** What the cutover's record holds now. */
	private String written() {
		return this.jdbc.sql("""
				select (select count(*) from timeline_entry where cutover_id = :id) || '/'
				    || (select count(*) from evidence where cutover_id = :id) || '/'
				    || (select count(*) from gate_result where cutover_id = :id) || '/'
				    || (select count(*) from rollback_trigger where cutover_id = :id) || '/'
				    || (select string_agg(step_key || status || version, ',' order by step_key) from step_state
				         where cutover_id = :id)""").param("id", id()).query(String.class).single();
	}

	private String token(AccountView account, List<ApiScope> scopes) {
		return this.tokens.create("test", 30, scopes, this.cutovers.user(account)).token();
	}

	private long id() {
		return this.room.cutoverId();
	}

}
