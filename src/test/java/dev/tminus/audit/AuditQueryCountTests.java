package dev.tminus.audit;

import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.decision.DecisionService;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.gate.GateService;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.SqlStatementCounter;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The desk's pages cost a fixed, small number of statements whatever they show. */
@IntegrationTest
class AuditQueryCountTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	GateService gates;

	@Autowired
	EvidenceService evidence;

	@Autowired
	DecisionService decisions;

	@Autowired
	MutableClock clock;

	@Autowired
	SqlStatementCounter counter;

	@Test
	void aHistoryPageCostsTheSameStatementsForTwoOrThirtyCutovers() throws Exception {
		AccountView few = this.accounts.member("few");
		AccountView many = this.accounts.member("many");
		for (int i = 0; i < 2; i++) {
			this.cutovers.create("pilot-go-no-go", few, Map.of());
		}
		for (int i = 0; i < 30; i++) {
			this.cutovers.create("pilot-go-no-go", many, Map.of());
		}
		this.mvc.perform(get("/audit").with(this.accounts.as(few)));
		long small = this.counter
			.count(() -> this.mvc.perform(get("/audit").with(this.accounts.as(few))).andExpect(status().isOk()));
		long large = this.counter
			.count(() -> this.mvc.perform(get("/audit").with(this.accounts.as(many))).andExpect(status().isOk()));
		String statements = this.counter.lastStatements();
		assertThat(large).as(statements).isEqualTo(small);
		assertThat(large).as(statements).isLessThanOrEqualTo(6);
	}

	@Test
	void theRecordCostsTheSameStatementsWithOrWithoutGatesEvidenceAndADecision() throws Exception {
		AuditRooms rooms = new AuditRooms(this.cutovers, this.gates, this.evidence, this.decisions, this.clock);
		Rehearsal bare = this.cutovers.e23();
		Rehearsal full = rooms.go();
		AccountView auditor = this.accounts.auditor("auditor");
		this.mvc.perform(get("/audit/cutovers/{id}", bare.cutoverId()).with(this.accounts.as(auditor)));
		long small = this.counter
			.count(() -> this.mvc.perform(get("/audit/cutovers/{id}", bare.cutoverId()).with(this.accounts.as(auditor)))
				.andExpect(status().isOk()));
		long large = this.counter
			.count(() -> this.mvc.perform(get("/audit/cutovers/{id}", full.cutoverId()).with(this.accounts.as(auditor)))
				.andExpect(status().isOk()));
		String statements = this.counter.lastStatements();
		assertThat(large).as(statements).isEqualTo(small);
		assertThat(large).as(statements).isLessThanOrEqualTo(20);
	}

}
