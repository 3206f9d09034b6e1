package dev.tminus.cutover;

import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class TimelineOnTheBoardTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theScribeAndTheIcAddTaggedNotesAndNobodyElse() throws Exception {
		WarRoom room = this.cutovers.goLive();
		note(room, room.scribe(), "Snapshot ref snap-0042 noted", "PASS", status().is3xxRedirection());
		note(room, room.ic(), "Waiting for PSP keys", "INFO", status().is3xxRedirection());
		note(room, room.deployer(), "sneaky", "INFO", status().isForbidden());
		note(room, this.accounts.create("admin", GlobalRole.ADMIN), "sneaky", "INFO", status().isForbidden());
		note(room, this.accounts.create("auditor", GlobalRole.AUDITOR), "sneaky", "INFO", status().isForbidden());
		note(room, this.accounts.member("stranger"), "sneaky", "INFO", status().isNotFound());
		note(room, room.scribe(), "  ", "INFO", status().isUnprocessableContent());
		note(room, room.scribe(), "x".repeat(4001), "INFO", status().isUnprocessableContent());
		note(room, room.scribe(), "tagged oddly", "MAYBE", status().isUnprocessableContent());
		assertThat(this.jdbc
			.sql("select result || ':' || text from timeline_entry where cutover_id = ? and kind = 'NOTE' order by seq")
			.param(room.cutoverId())
			.query(String.class)
			.list()).containsExactly("PASS:Snapshot ref snap-0042 noted", "INFO:Waiting for PSP keys");
	}

	@Test
	void theTimelineFiltersByKind() throws Exception {
		WarRoom room = this.cutovers.goLive();
		this.cutovers.record(room.cutoverId(), "PRE_ARTIFACTS", StepStatus.PASS, room.deployer(), Map.of());
		note(room, room.scribe(), "a scribe note", "INFO", status().is3xxRedirection());
		this.mvc
			.perform(get("/cutovers/{id}", room.cutoverId()).with(this.accounts.as(room.ic()))
				.header("HX-Request", "true")
				.param("fragment", "timeline")
				.param("kind", "NOTE"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("a scribe note")))
			.andExpect(content().string(not(containsString("RC Artifacts"))));
		this.mvc
			.perform(get("/cutovers/{id}", room.cutoverId()).with(this.accounts.as(room.ic()))
				.header("HX-Request", "true")
				.param("fragment", "timeline")
				.param("kind", "GOSSIP"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void theDecisionScreenListsOpenHighImpactRisks() throws Exception {
		AccountView creator = this.accounts.member("creator");
		long id = this.cutovers.create("ga-cutover", creator,
				Map.of("P95_LATENCY_MS_MAX", "300", "ERROR_RATE_PCT_MAX", "1", "TPS_MIN", "100", "ERROR_BUDGET_MIN",
						"14", "READ_P95_MS_MAX", "200", "WRITE_P95_MS_MAX", "400", "GRAPH_3HOP_P95_MS_MAX", "800"));
		this.mvc.perform(get("/cutovers/{id}/decision", id).with(this.accounts.as(creator)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Open high-impact risks")))
			.andExpect(content().string(containsString("Perf regression on long-path queries")));
	}

	private void note(WarRoom room, AccountView who, String text, String tag, ResultMatcher expected) throws Exception {
		this.mvc
			.perform(post("/cutovers/{id}/notes", room.cutoverId()).with(this.accounts.as(who))
				.with(csrf())
				.param("text", text)
				.param("tag", tag))
			.andExpect(expected);
	}

}
