package dev.tminus.risk;

import java.util.List;

import dev.tminus.account.AccountView;
import dev.tminus.cutover.CutoverService;
import dev.tminus.signoff.GaWarRooms;
import dev.tminus.signoff.GaWarRooms.GaRoom;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class RiskLogTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	CutoverService cutoverService;

	@Autowired
	RiskQueries queries;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theRiskLogShowsTheTemplatesRisksAndReadingItWritesNothing() throws Exception {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		List<RiskView> risks = this.queries.forCutover(room.cutoverId());
		assertThat(risks)
			.extracting(RiskView::key, RiskView::description, RiskView::likelihood, RiskView::impact,
					RiskView::ownerRole, RiskView::status, RiskView::fromTemplate)
			.containsExactly(tuple("R-01", "Perf regression on long-path queries", "M", "H", "PERF_ENG", "OPEN", true),
					tuple("R-02", "OPA policy drift blocks prod queries", "L", "H", "APPSEC", "OPEN", true),
					tuple("R-03", "Cost spike from LLM burst", "M", "M", "FINOPS", "OPEN", true));
		assertThat(this.queries.forCutover(room.cutoverId())).hasSize(3);
		assertThat(rows(room.cutoverId())).as("an auditor's read must not write").isZero();
		change(room.cutoverId(), room.perf(), "R-01", "MITIGATED").andExpect(status().is3xxRedirection());
		assertThat(rows(room.cutoverId())).as("the template's risks are stored with the first change").isEqualTo(3);
		assertThat(this.queries.forCutover(room.cutoverId())).extracting(RiskView::key, RiskView::status)
			.containsExactly(tuple("R-01", "MITIGATED"), tuple("R-02", "OPEN"), tuple("R-03", "OPEN"));
	}

	@Test
	void openHighImpactListsOnlyOpenRisksWithHighImpact() throws Exception {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		assertThat(this.queries.openHighImpact(room.cutoverId())).extracting(RiskView::key)
			.containsExactly("R-01", "R-02");
		change(room.cutoverId(), room.perf(), "R-01", "MITIGATED").andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/cutovers/" + room.cutoverId() + "#risks"));
		assertThat(this.queries.openHighImpact(room.cutoverId())).extracting(RiskView::key).containsExactly("R-02");
	}

	@Test
	void theIcTheScribeAndTheOwnerRoleChangeARiskButNobodyElse() throws Exception {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		change(room.cutoverId(), room.pm(), "R-03", "CLOSED").andExpect(status().isForbidden())
			.andExpect(content().string(containsString("Only the IC, the Scribe or the FINOPS")));
		change(room.cutoverId(), room.other(), "R-03", "CLOSED").andExpect(status().isNotFound());
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "RISK")).isZero();

		change(room.cutoverId(), room.finops(), "R-03", "MITIGATED").andExpect(status().is3xxRedirection());
		change(room.cutoverId(), room.scribe(), "R-03", "OPEN").andExpect(status().is3xxRedirection());
		change(room.cutoverId(), room.ic(), "R-03", "CLOSED").andExpect(status().is3xxRedirection());
		assertThat(this.queries.forCutover(room.cutoverId())).filteredOn((r) -> r.key().equals("R-03"))
			.singleElement()
			.extracting(RiskView::status)
			.isEqualTo("CLOSED");
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "RISK")).isEqualTo(3);
		assertThat(this.jdbc.sql("select text from timeline_entry where cutover_id = ? and kind = 'RISK' order by seq")
			.param(room.cutoverId())
			.query(String.class)
			.list()).first().asString().contains("R-03").contains("OPEN → MITIGATED");
	}

	@Test
	void aMemberAddsARiskWithTheNextKeyAndItIsInTheTimeline() throws Exception {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		add(room.cutoverId(), room.pm(), "Support queue overload", "H", "H", "PM")
			.andExpect(status().is3xxRedirection());
		assertThat(this.queries.forCutover(room.cutoverId())).last().satisfies((r) -> {
			assertThat(r.key()).isEqualTo("R-04");
			assertThat(r.fromTemplate()).isFalse();
			assertThat(r.status()).isEqualTo("OPEN");
		});
		assertThat(this.queries.openHighImpact(room.cutoverId())).extracting(RiskView::key).contains("R-04");
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "RISK")).isEqualTo(1);
	}

	@Test
	void aRiskWithoutDescriptionOrWithAnUnknownOwnerIsRefused() throws Exception {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		add(room.cutoverId(), room.pm(), " ", "H", "H", "PM").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Describe the risk")));
		add(room.cutoverId(), room.pm(), "x", "H", "H", "NOBODY").andExpect(status().isUnprocessableContent());
		add(room.cutoverId(), room.pm(), "x", "Z", "H", "PM").andExpect(status().isUnprocessableContent());
		assertThat(this.queries.forCutover(room.cutoverId())).extracting(RiskView::key)
			.containsExactly("R-01", "R-02", "R-03");
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "RISK")).isZero();
	}

	@Test
	void adminsAndAuditorsMayNotAddRisks() throws Exception {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		AccountView auditor = this.accounts.create("auditor", dev.tminus.account.GlobalRole.AUDITOR);
		add(room.cutoverId(), auditor, "x", "H", "H", "PM").andExpect(status().isForbidden());
		this.mvc.perform(get("/cutovers/{id}/risks", room.cutoverId()).with(this.accounts.as(auditor)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("hx-trigger=\"live:risks from:body\"")))
			.andExpect(content().string(containsString("R-01")));
	}

	@Test
	void aTemplateWithoutRisksHasAnEmptyLog() {
		WarRoom room = this.cutovers.goLive();
		assertThat(this.queries.forCutover(room.cutoverId())).isEmpty();
		assertThat(this.queries.openHighImpact(room.cutoverId())).isEmpty();
	}

	private ResultActions change(long cutoverId, AccountView as, String key, String status) throws Exception {
		return this.mvc.perform(post("/cutovers/{id}/risks/{key}/status", cutoverId, key).with(this.accounts.as(as))
			.with(csrf())
			.param("status", status));
	}

	private ResultActions add(long cutoverId, AccountView as, String description, String likelihood, String impact,
			String owner) throws Exception {
		return this.mvc.perform(post("/cutovers/{id}/risks", cutoverId).with(this.accounts.as(as))
			.with(csrf())
			.param("description", description)
			.param("likelihood", likelihood)
			.param("impact", impact)
			.param("ownerRole", owner));
	}

	private long rows(long cutoverId) {
		return this.jdbc.sql("select count(*) from risk where cutover_id = ?")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

}
