package dev.tminus.runbook;

import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The runbooks page: every loaded version, the current one marked, its YAML as loaded.
 */
@IntegrationTest
class RunbookVersionsPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	RunbookCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestCutovers cutovers;

	@Test
	void everyoneSignedInSeesEveryVersionWithTheCurrentOnesMarked() throws Exception {
		RunbookCatalog.StoredTemplate goLive = this.catalog.current("go-live-canary-money-loop").orElseThrow();
		String page = this.mvc.perform(get("/runbooks").with(this.accounts.as(this.accounts.member("dana"))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("go-live-canary-money-loop.yml", "e2-3-reload-cutover-rehearsal.yml",
				"ga-cutover.yml", "pilot-go-no-go.yml", goLive.shortHash(), "Go-Live Cutover (Sprint 7)");
		long rows = this.jdbc.sql("select count(*) from runbook_template").query(Long.class).single();
		assertThat(page.split("data-version=").length - 1).isEqualTo((int) rows);
		assertThat(page.split("badge ok\">current").length - 1).isEqualTo(4);

		this.mvc.perform(get("/runbooks").with(this.accounts.as(this.accounts.auditor("audrey"))))
			.andExpect(status().isOk());
	}

	@Test
	void aVersionShowsItsYamlExactlyAsLoadedAndEscaped() throws Exception {
		RunbookCatalog.StoredTemplate goLive = this.catalog.current("go-live-canary-money-loop").orElseThrow();
		this.mvc.perform(get("/runbooks/{id}", goLive.id()).with(this.accounts.as(this.accounts.member("dana"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(goLive.contentHash())))
			.andExpect(content().string(containsString("badge ok\">current")))
			.andExpect(content().string(containsString("Canary FAIL = NO-GO")))
			.andExpect(content().string(containsString("&quot;")))
			.andExpect(content().string(not(containsString("<script>"))));
	}

	@Test
	void theBoardAndTheRecordLinkToTheVersionTheCutoverWasCreatedFrom() throws Exception {
		WarRoom room = this.cutovers.goLive();
		long version = this.jdbc.sql("select template_id from cutover where id = ?")
			.param(room.cutoverId())
			.query(Long.class)
			.single();
		this.mvc.perform(get("/cutovers/{id}", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(content().string(containsString("href=\"/runbooks/" + version + "\"")));
		this.mvc.perform(get("/audit/cutovers/{id}", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(content().string(containsString("href=\"/runbooks/" + version + "\"")));
	}

	@Test
	void unknownOrMalformedVersionsAndAnonymousVisitorsAreRefused() throws Exception {
		this.mvc.perform(get("/runbooks/{id}", 999_999).with(this.accounts.as(this.accounts.member("dana"))))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/runbooks/abc").with(this.accounts.as(this.accounts.member("dana"))))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/runbooks")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
	}

}
