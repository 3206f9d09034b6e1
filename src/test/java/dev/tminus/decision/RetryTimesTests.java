package dev.tminus.decision;

import java.time.Duration;
import java.time.Instant;

import dev.tminus.runbook.ParameterResolver;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Seed 000 §4 and seed 003 §6: a NO-GO's retry_at_utc is later than the failed T-0 and
 * than the decision, and the retry with a new T-0 starts from it.
 */
@IntegrationTest
class RetryTimesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void retryAtBeforeTheFailedT0IsRefusedAndTheRetryFormStartsFromTheRecordedOne() throws Exception {
		Rehearsal room = this.cutovers.e23();
		Instant t0 = t0(room.cutoverId());
		assertThat(t0).isAfter(this.clock.instant());
		String beforeT0 = ParameterResolver.format(t0.minus(Duration.ofMinutes(30)));
		this.mvc.perform(noGo(room, beforeT0))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content()
				.string(containsString("later than this cutover&#39;s T-0 (" + ParameterResolver.format(t0) + ")")));
		this.mvc.perform(noGo(room, ParameterResolver.format(t0))).andExpect(status().isUnprocessableContent());

		String retryAt = ParameterResolver.format(t0.plus(Duration.ofDays(1)));
		this.mvc.perform(noGo(room, retryAt)).andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/cutovers/{id}/decision", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(content().string(containsString("aria-label=\"New T-0 (UTC)\" value=\"" + retryAt + "\"")));

		this.mvc
			.perform(post("/cutovers/{id}/retry", room.cutoverId()).with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("t0", retryAt))
			.andExpect(status().is3xxRedirection());
		long retry = this.jdbc.sql("select id from cutover where retry_of = ?")
			.param(room.cutoverId())
			.query(Long.class)
			.single();
		assertThat(ParameterResolver.format(t0(retry))).isEqualTo(retryAt);
	}

	@Test
	void aRolledBackCutoverIsRetriedWithALaterT0Too() throws Exception {
		dev.tminus.support.TestCutovers.WarRoom room = this.cutovers.goLive();
		this.mvc
			.perform(post("/cutovers/{id}/decision", room.cutoverId()).with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("outcome", "ROLLBACK")
				.param("password", TestAccounts.PASSWORD)
				.param("reason", "Canary FAIL: held not released"))
			.andExpect(status().is3xxRedirection());
		Instant t0 = t0(room.cutoverId());
		this.mvc
			.perform(post("/cutovers/{id}/retry", room.cutoverId()).with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("t0", ParameterResolver.format(t0)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("later than the failed one")));
		this.mvc
			.perform(post("/cutovers/{id}/retry", room.cutoverId()).with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("t0", ParameterResolver.format(t0.plus(Duration.ofDays(1)))))
			.andExpect(status().is3xxRedirection());
	}

	private MockHttpServletRequestBuilder noGo(Rehearsal room, String retryAt) {
		return post("/cutovers/{id}/decision", room.cutoverId()).with(this.accounts.as(room.ic()))
			.with(csrf())
			.param("outcome", "NO_GO")
			.param("password", TestAccounts.PASSWORD)
			.param("failureClassification", "ENVIRONMENT_BLOCKED")
			.param("owner", "Olga Operator")
			.param("retryAt", retryAt)
			.param("unblockCriteria", "AKS provisioningState=Succeeded");
	}

	private Instant t0(long cutoverId) {
		return this.jdbc.sql("select t0 from cutover where id = ?")
			.param(cutoverId)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
	}

}
