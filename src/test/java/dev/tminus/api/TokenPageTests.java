package dev.tminus.api;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tminus.account.AccountView;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Account → API tokens: created and shown once, stored hashed, listed, revoked. */
@IntegrationTest
class TokenPageTests {

	static final Pattern TOKEN = Pattern.compile("id=\"token-value\">(tmn_[A-Za-z0-9_-]+)<");

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTokenIsShownOnceStoredOnlyAsItsHashAndStopsWorkingWhenRevoked() throws Exception {
		AccountView member = this.accounts.member("pipeline-owner");
		String page = this.mvc
			.perform(post("/account/tokens").with(this.accounts.as(member))
				.with(csrf())
				.param("name", "deploy pipeline")
				.param("days", "30")
				.param("scope", "cutover:read", "step:write"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		Matcher matcher = TOKEN.matcher(page);
		assertThat(matcher.find()).as("the new token on the page").isTrue();
		String token = matcher.group(1);
		assertThat(this.jdbc.sql("select count(*) from api_token where token_hash = ? or token_prefix = ?")
			.params(token, token)
			.query(Long.class)
			.single()).as("the token itself is not stored").isZero();
		this.mvc.perform(get("/account/tokens").with(this.accounts.as(member)))
			.andExpect(content().string(containsString("deploy pipeline")))
			.andExpect(content().string(containsString("cutover:read step:write")))
			.andExpect(content().string(not(containsString(token))));
		this.mvc.perform(get("/api/v1/cutovers/1").header("Authorization", "Bearer " + token))
			.andExpect(status().isNotFound());
		long id = this.jdbc.sql("select id from api_token where account_id = ?")
			.param(member.id())
			.query(Long.class)
			.single();
		this.mvc
			.perform(post("/account/tokens/{id}/revoke", id).with(this.accounts.as(this.accounts.member("other")))
				.with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/account/tokens/{id}/revoke", id).with(this.accounts.as(member)).with(csrf()))
			.andExpect(redirectedUrl("/account/tokens"));
		this.mvc.perform(get("/api/v1/cutovers/1").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized())
			.andExpect(content().string(containsString("revoked")));
	}

	@Test
	void aTokenWithoutNameScopeOrSensibleLifetimeIsRefusedWithAMessage() throws Exception {
		AccountView member = this.accounts.member("careless");
		for (String[] bad : new String[][] { { "", "30", "cutover:read", "Name the token" },
				{ "x", "0", "cutover:read", "1 to 365 days" }, { "x", "many", "cutover:read", "lifetime in days" },
				{ "x", "30", "root:all", "There is no scope" },
				{ "x".repeat(101), "30", "cutover:read", "at most 100" } }) {
			this.mvc
				.perform(post("/account/tokens").with(this.accounts.as(member))
					.with(csrf())
					.param("name", bad[0])
					.param("days", bad[1])
					.param("scope", bad[2]))
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().string(containsString(bad[3])));
		}
		this.mvc
			.perform(post("/account/tokens").with(this.accounts.as(member))
				.with(csrf())
				.param("name", "x")
				.param("days", "30"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("at least one scope")));
		assertThat(this.jdbc.sql("select count(*) from api_token where account_id = ?")
			.param(member.id())
			.query(Long.class)
			.single()).isZero();
		this.mvc.perform(get("/account/tokens")).andExpect(status().is3xxRedirection());
	}

}
