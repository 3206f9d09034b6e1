package dev.tminus.gate;

import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class GateBoardFragmentTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Test
	void theFragmentRefreshesItselfOnGateAndEvidenceSignals() throws Exception {
		WarRoom room = this.cutovers.goLive();
		String html = fragment(room, room.deployer());
		assertThat(html).contains("id=\"gates\"")
			.contains("hx-get=\"/cutovers/" + room.cutoverId() + "/gates\"")
			.contains("hx-trigger=\"live:gates from:body, live:evidence from:body\"")
			.contains("hx-swap=\"outerHTML\"");
	}

	@Test
	void showsEveryGateWithItsCriteriaClassificationNoGoActionAndStatus() throws Exception {
		WarRoom room = this.cutovers.goLive();
		String html = fragment(room, room.ic());
		assertThat(html).contains("Execution Checklist", "Deploy+Smoke", "Canary Money Loop", "SMOKE_FAILED",
				"NO-GO (Rollback): Canary FAIL. No exceptions.", "missing evidence: canary_report.md", "hard", "== 200",
				"Migrations OK, API Health 200", "Evidence files up to <span>25.0 MB</span> each");
	}

	@Test
	void offersTheRecordAndUploadFormsOnlyToThoseAllowed() throws Exception {
		WarRoom room = this.cutovers.goLive();
		String results = "/cutovers/" + room.cutoverId() + "/gates/DEPLOY_SMOKE/results";
		String upload = "/cutovers/" + room.cutoverId() + "/gates/DEPLOY_SMOKE/evidence";
		assertThat(fragment(room, room.deployer())).contains(results, upload, "multipart/form-data", "multiple");
		assertThat(fragment(room, room.scribe())).contains(results, upload);
		AccountView auditor = this.accounts.create("auditor", GlobalRole.AUDITOR);
		for (AccountView reader : new AccountView[] { room.oncall(), auditor }) {
			assertThat(fragment(room, reader)).doesNotContain(results).doesNotContain(upload);
		}
		this.mvc.perform(get("/cutovers/{id}/gates", room.cutoverId()).with(this.accounts.as(room.other())))
			.andExpect(status().isNotFound());
	}

	private String fragment(WarRoom room, AccountView who) throws Exception {
		return this.mvc.perform(get("/cutovers/{id}/gates", room.cutoverId()).with(this.accounts.as(who)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
