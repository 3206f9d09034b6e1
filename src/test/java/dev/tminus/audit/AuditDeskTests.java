package dev.tminus.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.tminus.account.AccountView;
import dev.tminus.decision.DecisionService;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.gate.GateService;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The history list, the read-only record and the evidence summary export, as auditors,
 * members and strangers see them.
 */
@IntegrationTest
class AuditDeskTests {

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
	DecisionService decisions;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	AuditRooms rooms;

	@BeforeEach
	void rooms() {
		this.rooms = new AuditRooms(this.cutovers, this.gates, this.evidence, this.decisions, this.clock);
	}

	@Test
	void theEvidenceSummaryOfAGoMatchesSeed000Exactly() throws Exception {
		Rehearsal room = this.rooms.go();
		String t0 = t0(room.cutoverId());
		this.mvc
			.perform(get("/audit/cutovers/{id}/evidence-summary.txt", room.cutoverId())
				.with(this.accounts.as(this.accounts.auditor("auditor"))))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
			.andExpect(header().string("Content-Disposition", containsString("attachment")))
			.andExpect(content().string("decision=GO\n" + "failure_classification=NONE\n" + "t_cutover_utc=" + t0 + "\n"
					+ "owner=" + room.ic().displayName() + " (" + room.ic().username() + ")\n" + "retry_at_utc=N/A\n"
					+ "unblock_criteria=N/A\n" + "notes=5/5 gates PASS\n"));
	}

	@Test
	void theEvidenceSummaryOfANoGoMatchesSeed000Exactly() throws Exception {
		String retryAt = this.rooms.tomorrow();
		Rehearsal room = this.rooms.noGo(retryAt);
		this.mvc
			.perform(get("/audit/cutovers/{id}/evidence-summary.txt", room.cutoverId())
				.with(this.accounts.as(room.scribe())))
			.andExpect(status().isOk())
			.andExpect(content().string("decision=NO_GO\n" + "failure_classification=IDEMPOTENCY_FAILED\n"
					+ "t_cutover_utc=" + t0(room.cutoverId()) + "\n" + "owner=Olga Operator\n" + "retry_at_utc="
					+ retryAt + "\n" + "unblock_criteria=BEFORE_CANON_HASH == AFTER_CANON_HASH after duplicate replay\n"
					+ "notes=Idempotency FAIL\n"));
	}

	@Test
	void aCutoverWithoutADecisionHasNoEvidenceSummaryToExport() throws Exception {
		Rehearsal room = this.cutovers.e23();
		this.mvc
			.perform(get("/audit/cutovers/{id}/evidence-summary.txt", room.cutoverId())
				.with(this.accounts.as(this.accounts.auditor("auditor"))))
			.andExpect(status().isNotFound());
	}

	@Test
	void theRecordShowsDecisionGatesEvidenceHashesAndTheTimelineToAnAuditor() throws Exception {
		Rehearsal room = this.rooms.go();
		String sha = this.jdbc.sql("select sha256 from evidence where cutover_id = ? and name = '01_precheck.log'")
			.param(room.cutoverId())
			.query(String.class)
			.single();
		String page = this.mvc
			.perform(get("/audit/cutovers/{id}", room.cutoverId())
				.with(this.accounts.as(this.accounts.auditor("auditor"))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("data-outcome=\"GO\"", "decision=GO", sha, "data-gate=\"IDEMPOTENCY\"",
				"ALEMBIC_EXIT_CODE=0", "data-step=\"PRECHECK\"", "data-seq=\"1\"", "az aks show -g rg -n aks",
				"Check integrity");
		assertThat(page).doesNotContain("name=\"_csrf\"\" value", "Assign</button>", "Sign GO");
	}

	@Test
	void theRecordIsHiddenFromAMemberWhoTakesNoPartAndFromAnonymous() throws Exception {
		Rehearsal room = this.rooms.go();
		AccountView stranger = this.accounts.member("stranger");
		this.mvc.perform(get("/audit/cutovers/{id}", room.cutoverId()).with(this.accounts.as(stranger)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/audit/cutovers/{id}/bundle.zip", room.cutoverId()).with(this.accounts.as(stranger)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/audit/cutovers/{id}/report.pdf", room.cutoverId()).with(this.accounts.as(stranger)))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(
					get("/audit/cutovers/{id}/evidence-summary.txt", room.cutoverId()).with(this.accounts.as(stranger)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/audit/cutovers/{id}/integrity", room.cutoverId()).with(this.accounts.as(stranger)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/audit/cutovers/{id}", room.cutoverId()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/audit/cutovers/{id}", room.cutoverId()).with(this.accounts.as(room.scribe())))
			.andExpect(status().isOk());
	}

	@Test
	void anUnknownCutoverOrTimelinePageIsAClear4xx() throws Exception {
		AccountView auditor = this.accounts.auditor("auditor");
		this.mvc.perform(get("/audit/cutovers/{id}", 987654321L).with(this.accounts.as(auditor)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/audit/cutovers/not-a-number").with(this.accounts.as(auditor)))
			.andExpect(status().isBadRequest());
		Rehearsal room = this.cutovers.e23();
		this.mvc
			.perform(get("/audit/cutovers/{id}", room.cutoverId()).param("timelinePage", "99")
				.with(this.accounts.as(auditor)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("there is no page 99")));
	}

	@Test
	void historyShowsAnAuditorEveryCutoverWithItsDecisionAndAMemberOnlyTheirs() throws Exception {
		Rehearsal go = this.rooms.go();
		Rehearsal noGo = this.rooms.noGo(this.rooms.tomorrow());
		String auditorPage = history(this.accounts.auditor("auditor"), "");
		assertThat(auditorPage).contains("data-cutover=\"" + go.cutoverId() + "\"",
				"data-cutover=\"" + noGo.cutoverId() + "\"");
		String goIcPage = history(go.ic(), "");
		assertThat(goIcPage).contains("data-cutover=\"" + go.cutoverId() + "\"")
			.doesNotContain("data-cutover=\"" + noGo.cutoverId() + "\"");
	}

	@Test
	void historyFiltersByDecisionClassificationKindTextAndT0Range() throws Exception {
		Rehearsal go = this.rooms.go();
		Rehearsal noGo = this.rooms.noGo(this.rooms.tomorrow());
		AccountView auditor = this.accounts.auditor("auditor");
		String noGos = history(auditor, "decision=NO_GO&size=100");
		assertThat(noGos).contains("data-cutover=\"" + noGo.cutoverId() + "\"")
			.doesNotContain("data-cutover=\"" + go.cutoverId() + "\"");
		assertThat(history(auditor, "classification=IDEMPOTENCY_FAILED&size=100"))
			.contains("data-cutover=\"" + noGo.cutoverId() + "\"")
			.doesNotContain("data-cutover=\"" + go.cutoverId() + "\"");
		assertThat(history(auditor, "kind=LIVE&size=100")).doesNotContain("data-cutover=\"" + go.cutoverId() + "\"");
		String release = "rel-" + System.nanoTime();
		this.jdbc.sql("update cutover set release_ref = ? where id = ?").params(release, go.cutoverId()).update();
		String found = history(auditor, "q=" + release.toUpperCase());
		assertThat(found).contains("data-cutover=\"" + go.cutoverId() + "\"").contains("1–1 of 1");
		Instant t0 = Instant.parse(t0(go.cutoverId()));
		assertThat(history(auditor, "q=" + release + "&from=" + t0.toString().substring(0, 10)))
			.contains("data-cutover=\"" + go.cutoverId() + "\"");
		assertThat(history(auditor, "q=" + release + "&to=" + t0.minusSeconds(86400 * 2).toString().substring(0, 10)))
			.contains("No cutover matches");
		assertThat(history(auditor, "q=%25")).doesNotContain("1–1 of 1").contains("0 of 0");
	}

	@Test
	void historyShowsWhoDecidedWhenAndHowLongItTook() throws Exception {
		Rehearsal go = this.rooms.go();
		String release = "rel-" + System.nanoTime();
		this.jdbc.sql("update cutover set release_ref = ? where id = ?").params(release, go.cutoverId()).update();
		String page = history(this.accounts.auditor("auditor"), "q=" + release);
		assertThat(page).contains(go.ic().displayName() + " (" + go.ic().username() + ")", ">GO<");
	}

	@Test
	void historyPagesOnTheServer() throws Exception {
		AccountView creator = this.accounts.member("pager");
		for (int i = 0; i < 27; i++) {
			this.cutovers.create("pilot-go-no-go", creator, java.util.Map.of());
		}
		String first = history(creator, "size=25");
		assertThat(first).contains("1–25 of 27", "page 1 of 2", "id=\"next-page\"");
		assertThat(count(first, "data-cutover=")).isEqualTo(25);
		String second = history(creator, "size=25&page=2");
		assertThat(second).contains("26–27 of 27", "id=\"previous-page\"");
		assertThat(count(second, "data-cutover=")).isEqualTo(2);
	}

	@Test
	void badFiltersAreRefusedWithAMessageNamingTheParameter() throws Exception {
		AccountView auditor = this.accounts.auditor("auditor");
		for (String[] bad : List.of(new String[] { "status=WAITING", "status must be one of" },
				new String[] { "decision=MAYBE", "decision must be one of" },
				new String[] { "from=2026-13-01", "from must be a UTC date" },
				new String[] { "from=2026-11-22T10:00:00", "from must be a UTC date" },
				new String[] { "from=2026-11-22&to=2026-11-01", "The T-0 range is empty" },
				new String[] { "page=0", "page must be between" },
				new String[] { "page=x", "page must be a whole number" },
				new String[] { "size=7", "size must be one of" }, new String[] { "sort=colour", "sort must be one of" },
				new String[] { "q=" + "x".repeat(201), "q is longer than 200" })) {
			this.mvc.perform(get("/audit?" + bad[0]).with(this.accounts.as(auditor)))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString(bad[1])))
				.andExpect(content().string(not(containsString("Exception"))));
		}
	}

	@Test
	void theCsvHoldsEveryMatchingRowAndDefusesFormulas() throws Exception {
		AccountView creator = this.accounts.member("csv");
		long id = this.cutovers.create("pilot-go-no-go", creator, java.util.Map.of());
		this.jdbc.sql("update cutover set name = ? where id = ?").params("=HYPERLINK(\"x\")", id).update();
		MvcResult result = this.mvc.perform(get("/audit/history.csv").with(this.accounts.as(creator)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
			.andReturn();
		String csv = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv).startsWith(String.join(",", HistoryCsv.HEADER) + "\r\n");
		assertThat(csv).contains(id + ",\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(csv.split("\r\n")).hasSize(2);
	}

	private String history(AccountView viewer, String query) throws Exception {
		return this.mvc.perform(get("/audit?" + query).with(this.accounts.as(viewer)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private String t0(long cutoverId) {
		return dev.tminus.runbook.ParameterResolver.format(this.jdbc.sql("select t0 from cutover where id = ?")
			.param(cutoverId)
			.query(java.time.OffsetDateTime.class)
			.single()
			.toInstant());
	}

	private static int count(String text, String needle) {
		return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
	}

}
