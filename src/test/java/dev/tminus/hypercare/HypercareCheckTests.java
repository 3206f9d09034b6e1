package dev.tminus.hypercare;

import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Recording hypercare checks and filing the 24-hour control report after GO, through the
 * web, for every kind of person.
 */
@IntegrationTest
class HypercareCheckTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	GoLives goLives;

	@BeforeEach
	void goLives() {
		this.goLives = new GoLives(this.context);
	}

	@Test
	void theOnCallRecordsAnOkCheckAndItGoesIntoTheTimeline() throws Exception {
		WarRoom room = this.goLives.go();
		long check = firstCheck(room);

		record(room, room.oncall(), check, "OK", "").andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/cutovers/" + room.cutoverId() + "/hypercare"));

		assertThat(this.jdbc.sql("select status || ' ' || recorded_by from hypercare_check where id = ?")
			.param(check)
			.query(String.class)
			.single()).isEqualTo("OK " + room.oncall().id());
		assertThat(this.jdbc.sql("""
				select result || ' ' || text from timeline_entry
				 where cutover_id = ? and kind = 'HYPERCARE' and actor_id = ?""")
			.params(room.cutoverId(), room.oncall().id())
			.query(String.class)
			.single()).startsWith("PASS Hypercare check 0-6h · every 30 min #1 (due ").endsWith("): OK.");
		this.mvc.perform(get("/cutovers/{id}/hypercare", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(content().string(containsString("data-state=\"OK\"")))
			.andExpect(content().string(containsString(room.oncall().username())));
	}

	@Test
	void anIssueWithoutANoteIsRefusedAndNothingIsRecorded() throws Exception {
		WarRoom room = this.goLives.go();
		long check = firstCheck(room);

		record(room, room.scribe(), check, "ISSUE", "  ").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("An ISSUE needs a note")));
		assertThat(statusOf(check)).isNull();

		record(room, room.scribe(), check, "ISSUE", "queue backlog 1200 jobs, SLA 500")
			.andExpect(status().is3xxRedirection());
		assertThat(statusOf(check)).isEqualTo("ISSUE");
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "HYPERCARE")).isEqualTo(2);
	}

	@Test
	void aRecordedCheckIsFinalForEveryoneAndForTheDatabase() throws Exception {
		WarRoom room = this.goLives.go();
		long check = firstCheck(room);
		record(room, room.oncall(), check, "OK", "").andExpect(status().is3xxRedirection());

		record(room, room.ic(), check, "ISSUE", "actually 5xx at 3%").andExpect(status().isConflict())
			.andExpect(content().string(containsString("already recorded OK by")));
		assertThat(statusOf(check)).isEqualTo("OK");

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("update hypercare_check set status = 'ISSUE', note = 'x' where id = ?")
				.param(check)
				.update())
			.withMessageContaining("is recorded and final");
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(
				() -> this.jdbc.sql("update hypercare_check set overdue_at = now() where id = ?").param(check).update())
			.withMessageContaining("is recorded and final");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("delete from hypercare_check where id = ?").param(check).update())
			.withMessageContaining("append-only");
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.jdbc.sql(
				"update hypercare_check set due_at = due_at + interval '1 hour' where cutover_id = ? and status is null")
			.param(room.cutoverId())
			.update()).withMessageContaining("not changed");
		assertThat(statusOf(check)).isEqualTo("OK");
	}

	@Test
	void aCheckOpensOnlyWhenTheOneBeforeItIsDue() throws Exception {
		WarRoom room = this.goLives.go();
		long second = this.jdbc
			.sql("select id from hypercare_check where cutover_id = ? and window_index = 0 and seq = 2")
			.param(room.cutoverId())
			.query(Long.class)
			.single();

		record(room, room.oncall(), second, "OK", "").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("opens at")));
		assertThat(statusOf(second)).isNull();
	}

	@Test
	void everyRoleHolderRecordsChecksAndNobodyElse() throws Exception {
		WarRoom room = this.goLives.go();
		AccountView stranger = this.accounts.member("stranger");
		AccountView auditor = this.accounts.auditor("auditor");
		AccountView admin = this.accounts.create("admin", GlobalRole.ADMIN);
		long check = firstCheck(room);

		record(room, stranger, check, "OK", "").andExpect(status().isNotFound());
		record(room, auditor, check, "OK", "").andExpect(status().isForbidden());
		record(room, admin, check, "OK", "").andExpect(status().isForbidden())
			.andExpect(content().string(containsString("Only people holding a role")));
		record(room, room.creator(), check, "OK", "").andExpect(status().isForbidden());
		this.mvc
			.perform(post("/cutovers/{id}/hypercare/checks", room.cutoverId()).with(csrf())
				.param("checkId", String.valueOf(check))
				.param("status", "OK"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		assertThat(statusOf(check)).isNull();

		record(room, room.deployer(), check, "OK", "").andExpect(status().is3xxRedirection());
		assertThat(statusOf(check)).isEqualTo("OK");
	}

	@Test
	void everyoneWhoReadsTheCutoverSeesTheHypercareViewAndStrangersDoNot() throws Exception {
		WarRoom room = this.goLives.go();
		for (AccountView reader : new AccountView[] { room.ic(), room.scribe(), room.deployer(), room.oncall(),
				room.creator(), this.accounts.auditor("auditor") }) {
			this.mvc.perform(get("/cutovers/{id}/hypercare", room.cutoverId()).with(this.accounts.as(reader)))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("0-6h · every 30 min")));
		}
		this.mvc
			.perform(get("/cutovers/{id}/hypercare", room.cutoverId())
				.with(this.accounts.as(this.accounts.member("stranger"))))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/cutovers/{id}/hypercare", room.cutoverId()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		this.mvc
			.perform(get("/cutovers/{id}/hypercare", room.cutoverId()).header("HX-Request", "true")
				.with(this.accounts.as(room.oncall())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"hypercare-view\"")))
			.andExpect(content().string(containsString("id=\"record-check-form\"")))
			.andExpect(content().string(containsString("id=\"report-form\"")));
	}

	@Test
	void checksWaitForGo() throws Exception {
		WarRoom room = this.cutovers.goLive();
		this.mvc
			.perform(post("/cutovers/{id}/hypercare/checks", room.cutoverId()).with(this.accounts.as(room.oncall()))
				.with(csrf())
				.param("checkId", "1")
				.param("status", "OK"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("only after GO")));
		this.mvc.perform(get("/cutovers/{id}/hypercare", room.cutoverId()).with(this.accounts.as(room.oncall())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Hypercare starts with GO")));
	}

	@Test
	void theOnCallFilesTheControlReportAndItIsInTheTimelineAndTheView() throws Exception {
		WarRoom room = this.goLives.go();

		report(room, room.oncall(), "Stable 24h, no incidents", "5xx 0.02%, queue p95 40s, 0 webhook failures",
				"Keep recon daily; close waiver W-3")
			.andExpect(status().is3xxRedirection());

		assertThat(this.jdbc
			.sql("""
					select text from timeline_entry where cutover_id = ? and kind = 'HYPERCARE' and subject_key like 'control-report-%'""")
			.param(room.cutoverId())
			.query(String.class)
			.single())
			.isEqualTo("24-hour control report filed. Summary: Stable 24h, no incidents "
					+ "Metrics: 5xx 0.02%, queue p95 40s, 0 webhook failures Actions: Keep recon daily; close waiver W-3");
		this.mvc.perform(get("/cutovers/{id}/hypercare", room.cutoverId()).with(this.accounts.as(room.deployer())))
			.andExpect(content().string(containsString("5xx 0.02%, queue p95 40s, 0 webhook failures")));
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("update control_report set summary = 'all good' where cutover_id = ?")
				.param(room.cutoverId())
				.update())
			.withMessageContaining("append-only");
	}

	@Test
	void theControlReportNeedsItsThreePartsAndKeepsWhatWasTyped() throws Exception {
		WarRoom room = this.goLives.go();

		report(room, room.oncall(), "Stable 24h", "", "none").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("needs its Metrics")))
			.andExpect(content().string(containsString(">Stable 24h</textarea>")));
		report(room, room.oncall(), "Stable 24h", "x".repeat(1201), "none").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("at most 1200 characters")));
		assertThat(reports(room)).isZero();
	}

	@Test
	void onlyTheOnCallAndTheIcFileTheControlReport() throws Exception {
		WarRoom room = this.goLives.go();

		report(room, room.scribe(), "s", "m", "a").andExpect(status().isForbidden())
			.andExpect(content().string(containsString("Only the On-call (Hypercare) or the IC files")));
		report(room, room.payments(), "s", "m", "a").andExpect(status().isForbidden());
		report(room, this.accounts.member("stranger"), "s", "m", "a").andExpect(status().isNotFound());
		report(room, this.accounts.auditor("auditor"), "s", "m", "a").andExpect(status().isForbidden());
		assertThat(reports(room)).isZero();

		report(room, room.ic(), "s", "m", "a").andExpect(status().is3xxRedirection());
		assertThat(reports(room)).isEqualTo(1);
	}

	private long firstCheck(WarRoom room) {
		return this.jdbc.sql("select id from hypercare_check where cutover_id = ? and window_index = 0 and seq = 1")
			.param(room.cutoverId())
			.query(Long.class)
			.single();
	}

	private String statusOf(long check) {
		return this.jdbc.sql("select status from hypercare_check where id = ?")
			.param(check)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private long reports(WarRoom room) {
		return this.jdbc.sql("select count(*) from control_report where cutover_id = ?")
			.param(room.cutoverId())
			.query(Long.class)
			.single();
	}

	private ResultActions record(WarRoom room, AccountView who, long check, String status, String note)
			throws Exception {
		return this.mvc.perform(as(post("/cutovers/{id}/hypercare/checks", room.cutoverId()), who)
			.param("checkId", String.valueOf(check))
			.param("status", status)
			.param("note", note));
	}

	private ResultActions report(WarRoom room, AccountView who, String summary, String metrics, String actions)
			throws Exception {
		return this.mvc
			.perform(as(post("/cutovers/{id}/hypercare/report", room.cutoverId()), who).param("summary", summary)
				.param("metrics", metrics)
				.param("actions", actions));
	}

	private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, AccountView who) {
		return request.with(this.accounts.as(who)).with(csrf());
	}

}
