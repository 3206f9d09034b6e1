package dev.tminus.cutover;

import java.util.Map;

import dev.tminus.support.IntegrationTest;
import dev.tminus.support.SqlStatementCounter;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import dev.tminus.timeline.TimelineService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class BoardQueryCountTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	TimelineService timeline;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	SqlStatementCounter counter;

	@Test
	void theBoardCostsTheSameFewStatementsWithThreeOrThreeHundredTimelineRows() throws Exception {
		WarRoom small = this.cutovers.goLive();
		WarRoom large = this.cutovers.goLive();
		this.transactions.executeWithoutResult((tx) -> {
			for (int i = 0; i < 300; i++) {
				this.timeline.append(new NewTimelineEntry(large.cutoverId(), TimelineKind.NOTE, large.scribe().id(),
						large.scribe().label(), null, TimelineResult.INFO, null, "Note " + i, Map.of()));
			}
		});
		for (String step : new String[] { "PRE_RELEASE_PIN", "PRE_ACCESS" }) {
			this.cutovers.record(large.cutoverId(), step, StepStatus.PASS, large.ic(), Map.of());
		}
		// warm the template cache so both renders are compared on equal terms
		this.mvc.perform(get("/cutovers/{id}", small.cutoverId()).with(this.accounts.as(small.ic())));

		long smallBoard = this.counter
			.count(() -> this.mvc.perform(get("/cutovers/{id}", small.cutoverId()).with(this.accounts.as(small.ic())))
				.andExpect(status().isOk()));
		long largeBoard = this.counter
			.count(() -> this.mvc.perform(get("/cutovers/{id}", large.cutoverId()).with(this.accounts.as(large.ic())))
				.andExpect(status().isOk()));

		String statements = this.counter.lastStatements();
		assertThat(largeBoard).as(statements).isEqualTo(smallBoard);
		assertThat(largeBoard).as(statements).isLessThanOrEqualTo(8);
	}

}
