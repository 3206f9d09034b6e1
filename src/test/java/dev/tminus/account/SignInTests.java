package dev.tminus.account;

import java.time.Duration;

import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class SignInTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void signsInWithTheRightPassword() throws Exception {
		AccountView dana = this.accounts.member("dana");
		this.mvc.perform(formLogin().user(dana.username()).password(TestAccounts.PASSWORD))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void refusesAWrongPasswordWithAMessage() throws Exception {
		AccountView dana = this.accounts.member("dana");
		this.mvc.perform(formLogin().user(dana.username()).password("wrong password!"))
			.andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(get("/login").param("error", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Wrong username or password.")));
	}

	@Test
	void locksTheAccountAfterFiveWrongPasswordsSoTheSixthAttemptIsRefused() throws Exception {
		AccountView dana = this.accounts.member("dana");
		for (int attempt = 1; attempt <= 5; attempt++) {
			this.mvc.perform(formLogin().user(dana.username()).password("guess " + attempt))
				.andExpect(redirectedUrl("/login?error"));
		}
		this.mvc.perform(formLogin().user(dana.username()).password(TestAccounts.PASSWORD))
			.andExpect(redirectedUrl("/login?locked"));
		assertThat(lockedUntil(dana)).isNotNull();
		this.mvc.perform(get("/login").param("locked", ""))
			.andExpect(content().string(org.hamcrest.Matchers
				.containsString("This account is locked for 15 minutes after 5 wrong passwords in a row.")));
	}

	@Test
	void unlocksAfterFifteenMinutes() throws Exception {
		AccountView dana = this.accounts.member("dana");
		for (int attempt = 1; attempt <= 5; attempt++) {
			this.mvc.perform(formLogin().user(dana.username()).password("guess " + attempt));
		}
		this.clock.advance(Duration.ofMinutes(14));
		this.mvc.perform(formLogin().user(dana.username()).password(TestAccounts.PASSWORD))
			.andExpect(redirectedUrl("/login?locked"));
		this.clock.advance(Duration.ofMinutes(2));
		this.mvc.perform(formLogin().user(dana.username()).password(TestAccounts.PASSWORD))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void aSuccessfulSignInResetsTheCount() throws Exception {
		AccountView dana = this.accounts.member("dana");
		for (int attempt = 1; attempt <= 4; attempt++) {
			this.mvc.perform(formLogin().user(dana.username()).password("guess " + attempt));
		}
		this.mvc.perform(formLogin().user(dana.username()).password(TestAccounts.PASSWORD))
			.andExpect(redirectedUrl("/"));
		this.mvc.perform(formLogin().user(dana.username()).password("one more guess"))
			.andExpect(redirectedUrl("/login?error"));
		assertThat(lockedUntil(dana)).isNull();
	}

	@Test
	void aDisabledAccountCannotSignIn() throws Exception {
		AccountView dana = this.accounts.member("dana");
		this.jdbc.sql("update account set enabled = false where id = ?").param(dana.id()).update();
		this.mvc.perform(formLogin().user(dana.username()).password(TestAccounts.PASSWORD))
			.andExpect(redirectedUrl("/login?disabled"));
	}

	@Test
	void storesAHashNotThePassword() {
		AccountView dana = this.accounts.member("dana");
		String hash = this.jdbc.sql("select password_hash from account where id = ?")
			.param(dana.id())
			.query(String.class)
			.single();
		assertThat(hash).isNotEqualTo(TestAccounts.PASSWORD).startsWith("{bcrypt}$2");
		assertThat(hash).doesNotContain(TestAccounts.PASSWORD);
	}

	@Test
	void treatsAHugePasswordAsWrongNotAsAnError() throws Exception {
		AccountView dana = this.accounts.member("dana");
		this.mvc.perform(formLogin().user(dana.username()).password("é".repeat(10_000)))
			.andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(formLogin().user("ü".repeat(10_000)).password("x".repeat(10_000)))
			.andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(formLogin().user("").password("")).andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void sendsAnonymousVisitorsToTheLoginPage() throws Exception {
		this.mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/admin/accounts")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void refusesAPostWithoutCsrfToken() throws Exception {
		AccountView dana = this.accounts.member("dana");
		this.mvc
			.perform(post("/account/password").with(this.accounts.as(dana))
				.param("currentPassword", TestAccounts.PASSWORD)
				.param("newPassword", "a brand new password")
				.param("confirmPassword", "a brand new password"))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/login").param("username", dana.username()).param("password", TestAccounts.PASSWORD))
			.andExpect(status().isForbidden());
	}

	@Test
	void signsOut() throws Exception {
		AccountView dana = this.accounts.member("dana");
		this.mvc.perform(post("/logout").with(this.accounts.as(dana)).with(csrf()))
			.andExpect(redirectedUrl("/login?logout"));
	}

	@Test
	void sendsSecurityHeadersWithAContentSecurityPolicyWithoutInlineScript() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(header().string("Content-Security-Policy",
					org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("script-src 'self'"),
							org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("unsafe-inline")))))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("X-Frame-Options", "DENY"));
	}

	private java.time.Instant lockedUntil(AccountView account) {
		return this.jdbc.sql("select locked_until from account where id = ?")
			.param(account.id())
			.query(java.time.Instant.class)
			.optional()
			.orElse(null);
	}

}
