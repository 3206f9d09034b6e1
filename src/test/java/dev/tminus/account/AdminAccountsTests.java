package dev.tminus.account;

import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class AdminAccountsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theFirstStartCreatedAdminWithTheConfiguredPassword() throws Exception {
		this.mvc.perform(formLogin().user("admin").password("initial admin password for tests"))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void membersAndAuditorsGetOurForbiddenPageOnAdminPages() throws Exception {
		for (AccountView someone : new AccountView[] { this.accounts.member("member"),
				this.accounts.create("auditor", GlobalRole.AUDITOR) }) {
			this.mvc.perform(get("/admin/accounts").with(this.accounts.as(someone)).accept("text/html"))
				.andExpect(status().isForbidden());
			this.mvc
				.perform(post("/admin/accounts").with(this.accounts.as(someone))
					.with(csrf())
					.param("username", "sneaky")
					.param("displayName", "Sneaky")
					.param("role", "ADMIN")
					.param("password", "a long enough password"))
				.andExpect(status().isForbidden());
		}
		assertThat(count("sneaky")).isZero();
	}

	@Test
	void theForbiddenPageIsOursAndShowsNoStackTrace() throws Exception {
		AccountView member = this.accounts.member("member");
		this.mvc
			.perform(get("/error").with(this.accounts.as(member))
				.requestAttr("jakarta.servlet.error.status_code", 403)
				.accept("text/html"))
			.andExpect(content().string(containsString("Not allowed")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Exception"))));
	}

	@Test
	void anAdminCreatesAnAccountThatCanSignIn() throws Exception {
		AccountView admin = this.accounts.create("admin", GlobalRole.ADMIN);
		this.mvc
			.perform(post("/admin/accounts").with(this.accounts.as(admin))
				.with(csrf())
				.param("username", "  New.Member ")
				.param("displayName", "Zoë Ñandú ✓")
				.param("role", "MEMBER")
				.param("password", "twelve chars ok"))
			.andExpect(redirectedUrl("/admin/accounts"));
		assertThat(this.jdbc.sql("select display_name from account where username = 'new.member'")
			.query(String.class)
			.single()).isEqualTo("Zoë Ñandú ✓");
		this.mvc.perform(formLogin().user("new.member").password("twelve chars ok")).andExpect(redirectedUrl("/"));
	}

	@Test
	void malformedAccountFormsGetAMessageAndA422AndWriteNothing() throws Exception {
		AccountView admin = this.accounts.create("admin", GlobalRole.ADMIN);
		long before = this.jdbc.sql("select count(*) from account").query(Long.class).single();
		String[][] cases = { { "", "", "MEMBER", "", "Enter a username." },
				{ "x".repeat(10_000), "ok", "MEMBER", "long enough pw", "Use at most 40 characters." },
				{ "ünïcødé", "ok", "MEMBER", "long enough pw", "letters a-z" },
				{ "valid-name", "d".repeat(10_000), "MEMBER", "long enough pw", "Use at most 100 characters." },
				{ "valid-name", "ok", "KING", "long enough pw", "Choose one of the listed roles." },
				{ "valid-name", "ok", "MEMBER", "short", "Use at least 12 characters." },
				{ "valid-name", "ok", "MEMBER", "é".repeat(60), "Use at most 72 bytes" },
				{ admin.username(), "ok", "MEMBER", "long enough pw", "is taken" } };
		for (String[] c : cases) {
			this.mvc
				.perform(post("/admin/accounts").with(this.accounts.as(admin))
					.with(csrf())
					.param("username", c[0])
					.param("displayName", c[1])
					.param("role", c[2])
					.param("password", c[3]))
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().string(containsString(c[4])));
		}
		assertThat(this.jdbc.sql("select count(*) from account").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void anAdminDisablesEnablesResetsAndChangesRoles() throws Exception {
		AccountView admin = this.accounts.create("admin", GlobalRole.ADMIN);
		AccountView dana = this.accounts.member("dana");
		this.mvc
			.perform(post("/admin/accounts/{id}/enabled", dana.id()).with(this.accounts.as(admin))
				.with(csrf())
				.param("enabled", "false"))
			.andExpect(redirectedUrl("/admin/accounts"));
		// refused like a wrong password: whether an account exists or is disabled is not
		// told
		this.mvc.perform(formLogin().user(dana.username()).password(TestAccounts.PASSWORD))
			.andExpect(redirectedUrl("/login?error"));
		this.mvc
			.perform(post("/admin/accounts/{id}/enabled", dana.id()).with(this.accounts.as(admin))
				.with(csrf())
				.param("enabled", "true"))
			.andExpect(redirectedUrl("/admin/accounts"));
		this.mvc
			.perform(post("/admin/accounts/{id}/password", dana.id()).with(this.accounts.as(admin))
				.with(csrf())
				.param("newPassword", "reset by the admin"))
			.andExpect(redirectedUrl("/admin/accounts"));
		this.mvc.perform(formLogin().user(dana.username()).password("reset by the admin"))
			.andExpect(redirectedUrl("/"));
		this.mvc
			.perform(post("/admin/accounts/{id}/role", dana.id()).with(this.accounts.as(admin))
				.with(csrf())
				.param("role", "AUDITOR"))
			.andExpect(redirectedUrl("/admin/accounts"));
		assertThat(this.jdbc.sql("select role from account where id = ?").param(dana.id()).query(String.class).single())
			.isEqualTo("AUDITOR");
	}

	@Test
	void anAdminCannotLockThemselvesOut() throws Exception {
		AccountView admin = this.accounts.create("admin", GlobalRole.ADMIN);
		this.mvc
			.perform(post("/admin/accounts/{id}/enabled", admin.id()).with(this.accounts.as(admin))
				.with(csrf())
				.param("enabled", "false"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("You cannot disable your own account.")));
		this.mvc
			.perform(post("/admin/accounts/{id}/role", admin.id()).with(this.accounts.as(admin))
				.with(csrf())
				.param("role", "MEMBER"))
			.andExpect(status().isUnprocessableContent());
		assertThat(this.jdbc.sql("select enabled from account where id = ?")
			.param(admin.id())
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void badIdsAndValuesAreClientErrorsNotServerErrors() throws Exception {
		AccountView admin = this.accounts.create("admin", GlobalRole.ADMIN);
		this.mvc
			.perform(post("/admin/accounts/{id}/enabled", 999_999_999).with(this.accounts.as(admin))
				.with(csrf())
				.param("enabled", "false")
				.accept("text/html"))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/admin/accounts/abc/enabled").with(this.accounts.as(admin))
				.with(csrf())
				.param("enabled", "false"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/admin/accounts/{id}/role", admin.id()).with(this.accounts.as(admin))
				.with(csrf())
				.param("role", "EMPEROR"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/admin/accounts/{id}/password", admin.id()).with(this.accounts.as(admin))
				.with(csrf())
				.param("newPassword", ""))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Enter a password.")));
	}

	@Test
	void everyoneChangesTheirOwnPassword() throws Exception {
		AccountView dana = this.accounts.member("dana");
		this.mvc
			.perform(post("/account/password").with(this.accounts.as(dana))
				.with(csrf())
				.param("currentPassword", "not my password")
				.param("newPassword", "brand new river-stone passphrase")
				.param("confirmPassword", "brand new river-stone passphrase"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("That is not your current password.")));
		this.mvc
			.perform(post("/account/password").with(this.accounts.as(dana))
				.with(csrf())
				.param("currentPassword", TestAccounts.PASSWORD)
				.param("newPassword", "brand new river-stone passphrase")
				.param("confirmPassword", "another new password"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("The two new passwords differ.")));
		this.mvc
			.perform(post("/account/password").with(this.accounts.as(dana))
				.with(csrf())
				.param("currentPassword", TestAccounts.PASSWORD)
				.param("newPassword", "brand new river-stone passphrase")
				.param("confirmPassword", "brand new river-stone passphrase"))
			.andExpect(redirectedUrl("/"));
		this.mvc.perform(formLogin().user(dana.username()).password("brand new river-stone passphrase"))
			.andExpect(redirectedUrl("/"));
	}

	private long count(String username) {
		return this.jdbc.sql("select count(*) from account where username = ?")
			.param(username)
			.query(Long.class)
			.single();
	}

}
