package dev.tminus.runbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

@IntegrationTest
class RunbookCatalogTests {

	@Autowired
	RunbookCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	MockMvc mvc;

	@TempDir
	Path folder;

	@Test
	void loadsTheFourSeedTemplatesAndStoresThemByContentHash() {
		assertThat(this.catalog.current()).extracting(RunbookCatalog.StoredTemplate::key)
			.containsExactlyInAnyOrder("e2-3-reload-cutover-rehearsal", "go-live-canary-money-loop", "ga-cutover",
					"pilot-go-no-go");
		for (RunbookCatalog.StoredTemplate stored : this.catalog.current()) {
			assertThat(this.jdbc.sql("select content_hash from runbook_template where id = ?")
				.param(stored.id())
				.query(String.class)
				.single()).isEqualTo(stored.contentHash()).hasSize(64);
		}
	}

	@Test
	void aBrokenTemplateStopsTheStartNamingFileLineAndField() throws IOException {
		Files.writeString(this.folder.resolve("broken.yml"), """
				name: Broken
				roles:
				  - {key: IC, title: Incident Commander}
				  - {key: SCRIBE, title: Scribe}
				phases:
				  - {key: T-0, offset_minutes: 0, title: Go}
				steps:
				  - key: DEPLOY
				    phase: T-0
				    title: Deploy
				    owner: DEPLOYER
				""");
		assertThatIllegalStateException()
			.isThrownBy(() -> new RunbookCatalog(this.jdbc, new RunbookProperties(this.folder.toString()), this.clock))
			.withMessageContaining("broken.yml")
			.withMessageContaining("11")
			.withMessageContaining("DEPLOYER");
	}

	@Test
	void aCutoverKeepsTheTemplateVersionItWasCreatedFromWhenTheFileChanges() throws Exception {
		AccountView creator = this.accounts.member("creator");
		long id = this.cutovers.create("pilot-go-no-go", creator, Map.of());
		String original = Files.readString(Path.of("config/runbooks/pilot-go-no-go.yml"));
		String firstStepTitle = this.catalog.current("pilot-go-no-go").orElseThrow().template().steps().get(0).title();
		Files.writeString(this.folder.resolve("pilot-go-no-go.yml"),
				original.replace(firstStepTitle, firstStepTitle + " (edited later)"));
		RunbookCatalog reloaded = new RunbookCatalog(this.jdbc, new RunbookProperties(this.folder.toString()),
				this.clock);
		assertThat(reloaded.current("pilot-go-no-go").orElseThrow().id())
			.isNotEqualTo(this.catalog.current("pilot-go-no-go").orElseThrow().id());
		this.mvc.perform(get("/cutovers/{id}", id).with(this.accounts.as(creator)))
			.andExpect(
					content().string(containsString(org.springframework.web.util.HtmlUtils.htmlEscape(firstStepTitle))))
			.andExpect(content().string(not(containsString("(edited later)"))));
	}

}
