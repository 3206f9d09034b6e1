package dev.tminus.shared.web;

import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class OperabilityTests {

	/** As set in application-test.properties. */
	static final String METRICS_TOKEN = "test-metrics-token-0123456789abcdef0123456789";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Test
	void healthIsOpenToAnonymousProbes() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
		this.mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
	}

	@Test
	void metricsAreForTheScrapersBearerTokenOnlyNeverForAnAccountPassword() throws Exception {
		this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("Bearer")));
		AccountView admin = this.accounts.create("admin", GlobalRole.ADMIN);
		// an account's password over Basic auth is no way in (nor a way to guess or lock
		// it)
		this.mvc.perform(get("/actuator/prometheus").with(httpBasic(admin.username(), TestAccounts.PASSWORD)))
			.andExpect(status().isUnauthorized());
		// signed in as an admin is not a scraper
		this.mvc.perform(get("/actuator/prometheus").with(this.accounts.as(admin))).andExpect(status().isForbidden());
		this.mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + "x".repeat(40)))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + METRICS_TOKEN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("jvm_memory_used_bytes")));
	}

	@Test
	void anUnknownPageIsOurNotFoundPage() throws Exception {
		AccountView member = this.accounts.member("member");
		this.mvc
			.perform(get("/error").with(this.accounts.as(member))
				.requestAttr("jakarta.servlet.error.status_code", 404)
				.requestAttr("jakarta.servlet.error.request_uri", "/no/such/page")
				.accept("text/html"))
			.andExpect(content().string(containsString("Not found")));
	}

	@Test
	void aServerErrorPageShowsNoStackTraceNorExceptionDetail() throws Exception {
		AccountView member = this.accounts.member("member");
		this.mvc
			.perform(get("/error").with(this.accounts.as(member))
				.requestAttr("jakarta.servlet.error.status_code", 500)
				.requestAttr("jakarta.servlet.error.exception", new IllegalStateException("secret internal detail"))
				.accept("text/html"))
			.andExpect(content().string(containsString("Something went wrong on our side")))
			.andExpect(content().string(not(containsString("secret internal detail"))))
			.andExpect(content().string(not(containsString("IllegalStateException"))))
			.andExpect(content().string(not(containsString("at dev.tminus"))));
	}

	@Test
	void theHomePageGreetsTheSignedInPerson() throws Exception {
		AccountView member = this.accounts.member("member");
		this.mvc.perform(get("/").with(this.accounts.as(member)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(member.displayName())))
			.andExpect(content().string(containsString("Sign out")));
	}

}
