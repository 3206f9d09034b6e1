package dev.tminus.account;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestDatabase;
import dev.tminus.support.TestHttp;
import dev.tminus.support.TestSupportConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real sessions over HTTP: who stays signed in when a password or someone's rights
 * change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class SessionEndTests {

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts accounts;

	@Autowired
	AccountService accountService;

	@Autowired
	JdbcClient jdbc;

	TestHttp http;

	@BeforeEach
	void http() {
		this.http = new TestHttp(this.port);
	}

	@Test
	void changingOnesOwnPasswordSignsOutEveryOtherSessionButNotThisOne() throws Exception {
		AccountView dana = this.accounts.member("dana");
		String laptop = this.http.signIn(dana.username());
		String leaked = this.http.signIn(dana.username());
		assertThat(this.http.get("/", leaked).statusCode()).isEqualTo(200);

		HttpResponse<String> changed = this.http.submit("/account/password", "/account/password", laptop,
				Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", "a much longer passphrase",
						"confirmPassword", "a much longer passphrase"));

		assertThat(changed.statusCode()).isEqualTo(302);
		assertThat(this.http.get("/", laptop).statusCode()).isEqualTo(200);
		assertSignedOut(leaked);
		assertThat(sessionsOf(dana)).isEqualTo(1);
		// what an open live board asks when its stream fails
		assertThat(this.http.get("/account/session", laptop).statusCode()).isEqualTo(204);
		assertThat(this.http.get("/account/session", leaked).statusCode()).isEqualTo(302);
	}

	@Test
	void aRefusedChangeEndsNothing() throws Exception {
		AccountView dana = this.accounts.member("dana");
		String laptop = this.http.signIn(dana.username());
		String phone = this.http.signIn(dana.username());

		HttpResponse<String> refused = this.http.submit("/account/password", "/account/password", laptop,
				Map.of("currentPassword", "not my password", "newPassword", "a much longer passphrase",
						"confirmPassword", "a much longer passphrase"));

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("That is not your current password.");
		assertThat(this.http.get("/", phone).statusCode()).isEqualTo(200);
		assertThat(sessionsOf(dana)).isEqualTo(2);
	}

	@Test
	void disablingAnAccountEndsEveryOneOfItsSessions() throws Exception {
		AccountView dana = this.accounts.member("dana");
		String laptop = this.http.signIn(dana.username());
		String phone = this.http.signIn(dana.username());

		this.accountService.setEnabled(dana.id(), false, "an-admin");

		assertSignedOut(laptop);
		assertSignedOut(phone);
		assertThat(sessionsOf(dana)).isZero();
	}

	private void assertSignedOut(String cookie) throws Exception {
		HttpResponse<String> home = this.http.get("/", cookie);
		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(home.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
	}

	private long sessionsOf(AccountView account) {
		return this.jdbc.sql("select count(*) from spring_session where principal_name = ?")
			.param(account.username())
			.query(Long.class)
			.single();
	}

}
