package dev.tminus.decision;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.tminus.account.AccountView;
import dev.tminus.hypercare.GoLives;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Seed 001 rule 2, "Canary FAIL = NO-GO (No exceptions)": a FAIL on the hard canary gate
 * is final for the run, whatever is recorded after it; a gate that is not hard counts its
 * latest result, and the Decide page lists its earlier FAILs with who recorded them.
 */
@IntegrationTest
class HardGateTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

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
	void aCanaryFailThenPassStillRefusesGoWithTheReasonAndTheWayOnIsNoGoThenARetry() throws Exception {
		WarRoom room = readyButTheCanary();
		canary(room, "10").andExpect(status().is3xxRedirection());
		canary(room, "0").andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("""
				select string_agg(verdict, ',' order by id) from gate_result
				 where cutover_id = ? and gate_key = 'CANARY_MONEY_LOOP'""")
			.param(room.cutoverId())
			.query(String.class)
			.single()).as("the later PASS is kept in the record").isEqualTo("FAIL,PASS");

		this.mvc.perform(get("/cutovers/{id}/gates", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(content().string(containsString("data-gate=\"CANARY_MONEY_LOOP\" data-status=\"FAIL\"")))
			.andExpect(content().string(containsString("a hard gate&#39;s FAIL is final for this run")));
		this.mvc.perform(sign(room, "GO"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Hard gate Canary Money Loop FAILED")))
			.andExpect(content().string(containsString("FAIL recorded by " + label(room.payments()))))
			.andExpect(content().string(containsString("later results do not count")));
		assertThat(this.goLives.status(room.cutoverId())).isEqualTo("IN_PROGRESS");

		String retryAt = ParameterResolver.format(this.clock.instant().plus(Duration.ofDays(3)));
		this.mvc
			.perform(sign(room, "NO_GO").param("failureClassification", "CANARY_FAILED")
				.param("owner", "Pat Payments")
				.param("retryAt", retryAt)
				.param("unblockCriteria", "held releases to 0 on a canary rerun"))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post("/cutovers/{id}/retry", room.cutoverId()).with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("t0", retryAt))
			.andExpect(status().is3xxRedirection());
	}

	@Test
	void aGateThatIsNotHardCountsItsLatestResultAndTheDecidePageListsItsEarlierFail() throws Exception {
		WarRoom room = readyButTheCanary();
		smoke(room, "500").andExpect(status().is3xxRedirection());
		smoke(room, "200").andExpect(status().is3xxRedirection());
		this.mvc.perform(multipart("/cutovers/{id}/gates/CANARY_MONEY_LOOP/evidence", room.cutoverId())
			.file(new MockMultipartFile("files", "canary_report.md", "text/markdown",
					"# Canary report\n".getBytes(StandardCharsets.UTF_8)))
			.with(this.accounts.as(room.payments()))
			.with(csrf())).andExpect(status().is3xxRedirection());
		canary(room, "0").andExpect(status().is3xxRedirection());

		this.mvc.perform(get("/cutovers/{id}/decision", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(content().string(containsString("id=\"go-ready\"")))
			.andExpect(content().string(containsString("id=\"earlier-fails\"")))
			.andExpect(content().string(containsString("Gate Deploy+Smoke: FAIL by " + label(room.deployer()))))
			.andExpect(content().string(containsString("500 is not == 200")));
		this.mvc.perform(sign(room, "GO")).andExpect(status().is3xxRedirection());
		assertThat(this.goLives.status(room.cutoverId())).isEqualTo("GO");
	}

	/** Everything before T-0 done and signed off; the canary gate not recorded yet. */
	private WarRoom readyButTheCanary() {
		return this.goLives.readyWithoutCanary();
	}

	private ResultActions canary(WarRoom room, String held) throws Exception {
		return this.mvc.perform(post("/cutovers/{id}/gates/CANARY_MONEY_LOOP/results", room.cutoverId())
			.param("measure.LEDGER_HELD", held)
			.param("measure.AVAILABLE_REDUCED_BY", "10")
			.with(this.accounts.as(room.payments()))
			.with(csrf()));
	}

	private ResultActions smoke(WarRoom room, String http) throws Exception {
		return this.mvc.perform(post("/cutovers/{id}/gates/DEPLOY_SMOKE/results", room.cutoverId())
			.param("measure.API_HEALTH_HTTP", http)
			.param("measure.GO_LIVE_SMOKE_EXIT_CODE", "0")
			.with(this.accounts.as(room.deployer()))
			.with(csrf()));
	}

	private MockHttpServletRequestBuilder sign(WarRoom room, String outcome) {
		return post("/cutovers/{id}/decision", room.cutoverId()).with(this.accounts.as(room.ic()))
			.with(csrf())
			.param("outcome", outcome)
			.param("password", TestAccounts.PASSWORD);
	}

	private static String label(AccountView account) {
		return account.displayName() + " (" + account.username() + ")";
	}

}
