package dev.tminus.cutover;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.tminus.api.ApiScope;
import dev.tminus.api.ApiTokenService;
import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A step marked {@code evidence_required} records PASS only with its evidence: on the
 * seed 001 canary report (board) and the seed 003 precheck log (API, in the same
 * request).
 */
@IntegrationTest
class EvidenceRequiredStepTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	RunbookCatalog catalog;

	@Autowired
	ApiTokenService tokens;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theCanaryReportPassesOnlyWithCanaryReportMdAttachedWhileFailNeedsNone() throws Exception {
		WarRoom room = this.cutovers.goLive();
		long id = room.cutoverId();
		RunbookTemplate template = this.catalog.current("go-live-canary-money-loop").orElseThrow().template();
		for (RunbookTemplate.Step step : template.steps()) {
			if (step.key().equals("CANARY_REPORT")) {
				break;
			}
			this.cutovers.pass(id, step.key(), room.ic());
		}
		record(room, "PASS").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("canary_report.md is not attached yet")))
			.andExpect(content().string(containsString("FAIL and N/A need no evidence")));
		assertThat(this.cutovers.status(id, "CANARY_REPORT")).isEqualTo("PENDING");

		record(room, "FAIL").andExpect(status().is3xxRedirection());
		assertThat(this.cutovers.status(id, "CANARY_REPORT")).isEqualTo("FAIL");

		// attached to the Canary Money Loop gate, which lists the step, it counts for the
		// step
		this.mvc.perform(multipart("/cutovers/{id}/gates/CANARY_MONEY_LOOP/evidence", id)
			.file(new MockMultipartFile("files", "canary_report.md", "text/markdown",
					"# Canary report\nall PASS\n".getBytes(StandardCharsets.UTF_8)))
			.with(this.accounts.as(room.payments()))
			.with(csrf())).andExpect(status().is3xxRedirection());
		record(room, "PASS").andExpect(status().is3xxRedirection());
		assertThat(this.cutovers.status(id, "CANARY_REPORT")).isEqualTo("PASS");
	}

	@Test
	void aScriptSendsThePrecheckLogWithThePassOrIsToldWhichFileIsExpected() throws Exception {
		Rehearsal room = this.cutovers.e23();
		this.cutovers.pass(room.cutoverId(), "FIXED_INPUTS", room.operator());
		String token = this.tokens.create("ci", 1, List.of(ApiScope.values()), this.cutovers.user(room.operator()))
			.token();
		this.mvc
			.perform(post("/api/v1/cutovers/{id}/steps/PRECHECK", room.cutoverId())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("status", "PASS")
				.param("field.provisioning_state", "Succeeded")
				.header("Authorization", "Bearer " + token))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail", containsString("01_precheck.log is not attached yet")));
		this.mvc.perform(multipart("/api/v1/cutovers/{id}/steps/PRECHECK", room.cutoverId())
			.file(new MockMultipartFile("files", "01_precheck.log", "text/plain",
					"provisioningState=Succeeded\n".getBytes(StandardCharsets.UTF_8)))
			.param("status", "PASS")
			.param("field.provisioning_state", "Succeeded")
			.header("Authorization", "Bearer " + token)).andExpect(status().isCreated());
		assertThat(this.cutovers.status(room.cutoverId(), "PRECHECK")).isEqualTo("PASS");
	}

	private org.springframework.test.web.servlet.ResultActions record(WarRoom room, String status) throws Exception {
		return this.mvc.perform(
				post("/cutovers/{id}/steps/CANARY_REPORT", room.cutoverId()).with(this.accounts.as(room.payments()))
					.with(csrf())
					.param("status", status)
					.param("version", String.valueOf(this.cutovers.version(room.cutoverId(), "CANARY_REPORT"))));
	}

}
