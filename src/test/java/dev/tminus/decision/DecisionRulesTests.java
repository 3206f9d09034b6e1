package dev.tminus.decision;

import java.time.Duration;
import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class DecisionRulesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void everyoneButTheIcIsRefusedOnEveryDecisionEndpointAndNothingIsWritten() throws Exception {
		WarRoom room = this.cutovers.goLive();
		AccountView admin = this.accounts.create("admin", GlobalRole.ADMIN);
		AccountView auditor = this.accounts.create("auditor", GlobalRole.AUDITOR);
		for (AccountView someone : new AccountView[] { room.creator(), room.scribe(), room.deployer(), room.payments(),
				admin, auditor }) {
			for (String outcome : new String[] { "GO", "NO_GO", "ROLLBACK" }) {
				this.mvc.perform(decide(room.cutoverId(), someone, outcome).param("reason", "because"))
					.andExpect(status().isForbidden());
			}
		}
		this.mvc.perform(noGo(room.cutoverId(), this.accounts.member("stranger"))).andExpect(status().isNotFound());
		this.mvc.perform(post("/cutovers/{id}/decision", room.cutoverId()).param("outcome", "GO").with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(decisions(room.cutoverId())).isZero();
		assertThat(this.jdbc.sql("select status from cutover where id = ?")
			.param(room.cutoverId())
			.query(String.class)
			.single()).isEqualTo("IN_PROGRESS");
	}

	@Test
	void theIcMustRetypeTheirPassword() throws Exception {
		Rehearsal room = this.cutovers.e23();
		this.mvc.perform(noGo(room.cutoverId(), room.ic()).param("password", "not my password"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Retype your own password")));
		assertThat(decisions(room.cutoverId())).isZero();
	}

	@Test
	void goIsRefusedWithEveryReasonWhileGatesHaveNoResult() throws Exception {
		Rehearsal room = this.cutovers.e23();
		this.mvc
			.perform(post("/cutovers/{id}/decision", room.cutoverId()).with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("outcome", "GO")
				.param("password", TestAccounts.PASSWORD))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("GO refused")))
			// no result and no evidence yet: missing evidence already counts as failure
			.andExpect(content().string(containsString("Gate Migration FAILED")))
			.andExpect(content().string(containsString("missing evidence: 02_alembic_upgrade.log")))
			.andExpect(content().string(containsString("Gate Idempotency FAILED")))
			.andExpect(content().string(containsString("is not done")));
		assertThat(decisions(room.cutoverId())).isZero();
	}

	@Test
	void aNoGoRecordsClassificationOwnerRetryAndCriteriaInTheSeedSummary() throws Exception {
		Rehearsal room = this.cutovers.e23();
		String retryAt = ParameterResolver.format(this.clock.instant().plus(Duration.ofDays(1)));
		this.mvc
			.perform(noGo(room.cutoverId(), room.ic()).param("failureClassification", "IDEMPOTENCY_FAILED")
				.param("owner", "Dora DB-Owner")
				.param("retryAt", retryAt)
				.param("unblockCriteria", "canonical payload hash equal before and after duplicate replay")
				.param("notes", "Idempotency gate FAIL"))
			.andExpect(redirectedUrl("/cutovers/" + room.cutoverId() + "/decision"));
		this.mvc
			.perform(get("/cutovers/{id}/decision/summary.txt", room.cutoverId()).with(this.accounts.as(room.scribe())))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("attachment")))
			.andExpect(content()
				.string("decision=NO_GO\n" + "failure_classification=IDEMPOTENCY_FAILED\n" + "t_cutover_utc="
						+ t0(room.cutoverId()) + "\n" + "owner=Dora DB-Owner\n" + "retry_at_utc=" + retryAt + "\n"
						+ "unblock_criteria=canonical payload hash equal before and after duplicate replay\n"
						+ "notes=Idempotency gate FAIL\n"));
		assertThat(this.jdbc.sql("select status from cutover where id = ?")
			.param(room.cutoverId())
			.query(String.class)
			.single()).isEqualTo("NO_GO");
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "DECISION")).isEqualTo(1);
	}

	@Test
	void aNoGoNeedsAllItsFields() throws Exception {
		Rehearsal room = this.cutovers.e23();
		String future = ParameterResolver.format(this.clock.instant().plus(Duration.ofDays(1)));
		this.mvc
			.perform(noGo(room.cutoverId(), room.ic()).param("failureClassification", "CANARY_FAILED")
				.param("owner", "x")
				.param("retryAt", future)
				.param("unblockCriteria", "y"))
			.andExpect(status().isUnprocessableContent());
		this.mvc
			.perform(noGo(room.cutoverId(), room.ic()).param("failureClassification", "SYNC_FAILED")
				.param("owner", "x")
				.param("retryAt", "2020-01-01T00:00:00Z")
				.param("unblockCriteria", "y"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("must be in the future")));
		this.mvc
			.perform(noGo(room.cutoverId(), room.ic()).param("failureClassification", "SYNC_FAILED")
				.param("owner", "x")
				.param("retryAt", "2030-01-01T09:00")
				.param("unblockCriteria", "y"))
			.andExpect(status().isUnprocessableContent());
		this.mvc
			.perform(noGo(room.cutoverId(), room.ic()).param("failureClassification", "SYNC_FAILED")
				.param("owner", "")
				.param("retryAt", future)
				.param("unblockCriteria", "y"))
			.andExpect(status().isUnprocessableContent());
		this.mvc.perform(decide(room.cutoverId(), room.ic(), "ROLLBACK").param("reason", "x"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("allows only")));
		assertThat(decisions(room.cutoverId())).isZero();
	}

	@Test
	void aDecisionIsFinalAndTheDatabaseRefusesToChangeIt() throws Exception {
		Rehearsal room = this.cutovers.e23();
		String future = ParameterResolver.format(this.clock.instant().plus(Duration.ofDays(1)));
		this.mvc
			.perform(noGo(room.cutoverId(), room.ic()).param("failureClassification", "SYNC_FAILED")
				.param("owner", "x")
				.param("retryAt", future)
				.param("unblockCriteria", "y"))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(noGo(room.cutoverId(), room.ic()).param("failureClassification", "SMOKE_FAILED")
				.param("owner", "x")
				.param("retryAt", future)
				.param("unblockCriteria", "y"))
			.andExpect(status().isUnprocessableContent());
		assertThat(decisions(room.cutoverId())).isEqualTo(1);
		assertThatExceptionOfType(org.springframework.dao.DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("update decision set outcome = 'GO' where cutover_id = ?")
				.param(room.cutoverId())
				.update())
			.withMessageContaining("append-only");
		assertThatExceptionOfType(org.springframework.dao.DataAccessException.class)
			.isThrownBy(
					() -> this.jdbc.sql("delete from decision where cutover_id = ?").param(room.cutoverId()).update())
			.withMessageContaining("append-only");
	}

	@Test
	void aRetryNeedsALaterT0AndCopiesTheRoles() throws Exception {
		Rehearsal room = this.cutovers.e23();
		String future = ParameterResolver.format(this.clock.instant().plus(Duration.ofDays(1)));
		this.mvc
			.perform(noGo(room.cutoverId(), room.ic()).param("failureClassification", "ENVIRONMENT_BLOCKED")
				.param("owner", "x")
				.param("retryAt", future)
				.param("unblockCriteria", "AKS provisioningState=Succeeded"))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post("/cutovers/{id}/retry", room.cutoverId()).with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("t0", ParameterResolver.format(this.clock.instant().plus(Duration.ofMinutes(30)))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("later than the failed one")));
		this.mvc
			.perform(post("/cutovers/{id}/retry", room.cutoverId()).with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("t0", future))
			.andExpect(status().is3xxRedirection());
		Long retry = this.jdbc.sql("select id from cutover where retry_of = ?")
			.param(room.cutoverId())
			.query(Long.class)
			.single();
		assertThat(this.jdbc.sql("select count(*) from cutover_role where cutover_id = ?")
			.param(retry)
			.query(Long.class)
			.single()).isEqualTo(3);
		assertThat(this.jdbc.sql("select status from cutover where id = ?").param(retry).query(String.class).single())
			.isEqualTo("PLANNED");
	}

	private MockHttpServletRequestBuilder noGo(long cutoverId, AccountView who) {
		return decide(cutoverId, who, "NO_GO");
	}

	private MockHttpServletRequestBuilder decide(long cutoverId, AccountView who, String outcome) {
		return post("/cutovers/{id}/decision", cutoverId).with(this.accounts.as(who))
			.with(csrf())
			.param("outcome", outcome)
			.param("password", TestAccounts.PASSWORD);
	}

	private long decisions(long cutoverId) {
		return this.jdbc.sql("select count(*) from decision where cutover_id = ?")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

	private String t0(long cutoverId) {
		return ParameterResolver.format(this.jdbc.sql("select t0 from cutover where id = ?")
			.param(cutoverId)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant());
	}

}
