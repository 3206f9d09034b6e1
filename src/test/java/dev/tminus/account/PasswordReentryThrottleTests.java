package dev.tminus.account;

import java.time.Duration;

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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Retyping one's password (to sign a decision, to change it, and through
 * {@link AccountService#passwordMatches} for any other step-up) is throttled like
 * sign-in: a stolen session cannot guess its owner's password at full speed.
 */
@IntegrationTest
class PasswordReentryThrottleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	AccountService accountService;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void wrongPasswordsWhenSigningADecisionMakeTheNextWaitAndTheRightOneIsNotCheckedMeanwhile() throws Exception {
		Rehearsal room = this.cutovers.e23();
		for (int attempt = 1; attempt <= 4; attempt++) {
			this.mvc.perform(noGo(room, "guess " + attempt))
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().string(containsString("Retype your own password")));
		}
		this.mvc.perform(noGo(room, TestAccounts.PASSWORD))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Too many wrong passwords: wait 1 second, then retype it.")));
		assertThat(this.jdbc.sql("select count(*) from decision where cutover_id = ?")
			.param(room.cutoverId())
			.query(Long.class)
			.single()).isZero();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.accountService.passwordMatches(room.ic().username(), TestAccounts.PASSWORD)).isTrue();
	}

	@Test
	void wrongCurrentPasswordsWhenChangingItAreThrottledToo() throws Exception {
		AccountView dana = this.accounts.member("dana");
		for (int attempt = 1; attempt <= 4; attempt++) {
			this.mvc.perform(change(dana, "guess " + attempt))
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().string(containsString("That is not your current password.")));
		}
		for (int attempt = 5; attempt <= 8; attempt++) {
			this.mvc.perform(change(dana, TestAccounts.PASSWORD))
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().string(containsString("Too many wrong passwords: wait")));
		}
		this.clock.advance(Duration.ofSeconds(1));
		this.mvc.perform(change(dana, TestAccounts.PASSWORD)).andExpect(status().is3xxRedirection());
	}

	private MockHttpServletRequestBuilder noGo(Rehearsal room, String password) {
		return post("/cutovers/{id}/decision", room.cutoverId()).with(this.accounts.as(room.ic()))
			.with(csrf())
			.param("outcome", "NO_GO")
			.param("password", password);
	}

	private MockHttpServletRequestBuilder change(AccountView who, String current) {
		return post("/account/password").with(this.accounts.as(who))
			.with(csrf())
			.param("currentPassword", current)
			.param("newPassword", "brand new river-stone passphrase")
			.param("confirmPassword", "brand new river-stone passphrase");
	}

}
