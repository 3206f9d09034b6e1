package dev.tminus.account;

import java.time.Duration;

import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

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
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Wrong username or password")));
	}

	@Test
	void wrongPasswordsFromOneAddressMakeItWaitLongerEachTimeWithoutLockingTheOwnerOut() throws Exception {
		AccountView dana = this.accounts.member("dana");
		String stranger = "203.0.113.7";
		for (int attempt = 1; attempt <= 4; attempt++) {
			this.mvc.perform(login(dana.username(), "guess " + attempt, stranger))
				.andExpect(redirectedUrl("/login?error"));
		}
		// three free, then each wrong password makes the next wait: 1 s, 2 s, 4 s ...
		this.mvc.perform(login(dana.username(), TestAccounts.PASSWORD, stranger))
			.andExpect(redirectedUrl("/login?wait=1"))
			.andExpect(header().string("Retry-After", "1"));
		this.clock.advance(Duration.ofSeconds(1));
		this.mvc.perform(login(dana.username(), "guess 5", stranger)).andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(login(dana.username(), "guess 6", stranger)).andExpect(redirectedUrl("/login?wait=2"));
		this.mvc.perform(get("/login").param("wait", "2"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("wait 2 seconds, then try again")));

		// the owner, from their own address, is not locked out
		this.mvc.perform(login(dana.username(), TestAccounts.PASSWORD, "198.51.100.20")).andExpect(redirectedUrl("/"));
	}

	@Test
	void guessesFromManyAddressesDelayTheAccountByHalfAMinuteAtMost() throws Exception {
		AccountView dana = this.accounts.member("dana");
		for (int attempt = 1; attempt <= 30; attempt++) {
			this.mvc.perform(login(dana.username(), "guess " + attempt, "192.0.2." + attempt));
			this.clock.advance(Duration.ofSeconds(31));
		}
		this.mvc.perform(login(dana.username(), "guess 31", "192.0.2.31")).andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(login(dana.username(), TestAccounts.PASSWORD, "198.51.100.21"))
			.andExpect(redirectedUrl("/login?wait=30"));
		this.clock.advance(Duration.ofSeconds(30));
		this.mvc.perform(login(dana.username(), TestAccounts.PASSWORD, "198.51.100.21")).andExpect(redirectedUrl("/"));
	}

	@Test
	void unknownAndKnownAccountsAnswerAlike() throws Exception {
		AccountView dana = this.accounts.member("dana");
		String unknown = "nobody-" + dana.username();
		for (String name : new String[] { dana.username(), unknown }) {
			String address = "203.0.113." + (name.equals(unknown) ? 99 : 98);
			for (int attempt = 1; attempt <= 4; attempt++) {
				this.mvc.perform(login(name, "guess " + attempt, address)).andExpect(redirectedUrl("/login?error"));
			}
			this.mvc.perform(login(name, "guess 5", address)).andExpect(redirectedUrl("/login?wait=1"));
		}
	}

	@Test
	void aSuccessfulSignInResetsTheCount() throws Exception {
		AccountView dana = this.accounts.member("dana");
		String address = "203.0.113.50";
		for (int attempt = 1; attempt <= 3; attempt++) {
			this.mvc.perform(login(dana.username(), "guess " + attempt, address));
		}
		this.mvc.perform(login(dana.username(), TestAccounts.PASSWORD, address)).andExpect(redirectedUrl("/"));
		for (int attempt = 1; attempt <= 4; attempt++) {
			this.mvc.perform(login(dana.username(), "again " + attempt, address))
				.andExpect(redirectedUrl("/login?error"));
		}
	}

	@Test
	void aDisabledAccountCannotSignInAndIsNotToldApart() throws Exception {
		AccountView dana = this.accounts.member("dana");
		this.jdbc.sql("update account set enabled = false where id = ?").param(dana.id()).update();
		this.mvc.perform(login(dana.username(), TestAccounts.PASSWORD, "203.0.113.60"))
			.andExpect(redirectedUrl("/login?error"));
	}

	/** A sign-in as the form posts it, from a given address. */
	static MockHttpServletRequestBuilder login(String username, String password, String address) {
		return post("/login").param("username", username).param("password", password).with(csrf()).with((request) -> {
			request.setRemoteAddr(address);
			return request;
		});
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

}
