package dev.tminus.gate;

import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.runbook.RunbookTemplate;
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
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Seed 001's Backup gate is "all three PASS": its verdict follows from its three
 * checklist steps, and nobody records it by hand.
 */
@IntegrationTest
class GateFromStepsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	RunbookCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theBackupGatePassesWhenItsThreeStepsPassAndFailsWhenOneFails() throws Exception {
		WarRoom room = this.cutovers.goLive();
		RunbookTemplate template = this.catalog.current("go-live-canary-money-loop").orElseThrow().template();
		assertThat(template.gate("BACKUP").orElseThrow().fromSteps()).isTrue();
		for (RunbookTemplate.Step step : template.steps()) {
			if (step.key().equals("DB_SNAPSHOT")) {
				break;
			}
			this.cutovers.pass(room.cutoverId(), step.key(), room.ic());
		}
		step(room, "DB_SNAPSHOT", "PASS").andExpect(status().is3xxRedirection());
		step(room, "SNAPSHOT_ACCESSIBLE", "PASS").andExpect(status().is3xxRedirection());
		gates(room).andExpect(content().string(containsString("data-gate=\"BACKUP\" data-status=\"PENDING\"")))
			.andExpect(content().string(containsString("follows from its steps")));

		this.mvc
			.perform(post("/cutovers/{id}/gates/BACKUP/results", room.cutoverId()).param("verdict", "PASS")
				.with(this.accounts.as(room.dbOwner()))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Backup follows from its steps")));
		assertThat(verdicts(room)).isEmpty();

		step(room, "RESTORE_PROCEDURE_ACCESSIBLE", "PASS").andExpect(status().is3xxRedirection());
		gates(room).andExpect(content().string(containsString("data-gate=\"BACKUP\" data-status=\"PASS\"")));
		assertThat(verdicts(room)).isEqualTo("PASS");
		assertThat(this.jdbc.sql("""
				select count(*) from timeline_entry
				 where cutover_id = ? and kind = 'GATE' and subject_key = 'BACKUP' and result = 'PASS'""")
			.param(room.cutoverId())
			.query(Long.class)
			.single()).isEqualTo(1);

		step(room, "SNAPSHOT_ACCESSIBLE", "FAIL").andExpect(status().is3xxRedirection());
		gates(room).andExpect(content().string(containsString("data-gate=\"BACKUP\" data-status=\"FAIL\"")))
			.andExpect(content().string(containsString("Snapshot accessibility verified FAILED")));
		this.mvc.perform(get("/cutovers/{id}/decision", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(content().string(containsString("Gate Backup FAILED")));

		step(room, "SNAPSHOT_ACCESSIBLE", "PASS").andExpect(status().is3xxRedirection());
		assertThat(verdicts(room)).isEqualTo("PASS,FAIL,PASS");
		gates(room).andExpect(content().string(containsString("data-gate=\"BACKUP\" data-status=\"PASS\"")))
			.andExpect(content().string(containsString("Earlier FAIL by " + room.dbOwner().displayName())));
	}

	private ResultActions step(WarRoom room, String step, String status) throws Exception {
		var request = post("/cutovers/{id}/steps/{step}", room.cutoverId(), step).param("status", status)
			.param("version", String.valueOf(this.cutovers.version(room.cutoverId(), step)))
			.with(this.accounts.as(room.dbOwner()))
			.with(csrf());
		if (step.equals("DB_SNAPSHOT")) {
			request.param("field.snapshot_id", "snap-0042")
				.param("field.snapshot_timestamp", "2026-11-22T20:30:00Z")
				.param("field.snapshot_checksum", "sha256:abc");
		}
		return this.mvc.perform(request);
	}

	private ResultActions gates(WarRoom room) throws Exception {
		return this.mvc.perform(get("/cutovers/{id}/gates", room.cutoverId()).with(this.accounts.as(room.ic())));
	}

	private String verdicts(WarRoom room) {
		return this.jdbc.sql("""
				select coalesce(string_agg(verdict, ',' order by id), '') from gate_result
				 where cutover_id = ? and gate_key = 'BACKUP' and computed""")
			.param(room.cutoverId())
			.query(String.class)
			.single();
	}

}
