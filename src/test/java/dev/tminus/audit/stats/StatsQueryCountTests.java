package dev.tminus.audit.stats;

import java.time.Duration;

import dev.tminus.account.CurrentUser;
import dev.tminus.audit.stats.StatsRooms.Room;
import dev.tminus.cutover.CutoverKind;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.SqlStatementCounter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class StatsQueryCountTests extends StatsTestSupport {

	@Autowired
	SqlStatementCounter counter;

	@Autowired
	StatsQueries queries;

	@Test
	void thePageCostsTheSameSixQueriesForTwoOrTenCutovers() throws Exception {
		at("08-01T08:00:00");
		addRuns(1);
		// warm the template cache so both renders are compared on equal terms
		page(this.auditor, "template", StatsRooms.E23_NAME).andExpect(status().isOk());

		long few = this.counter
			.count(() -> page(this.auditor, "template", StatsRooms.E23_NAME).andExpect(status().isOk()));
		StatsView before = stats(this.auditor);
		addRuns(4);
		long many = this.counter
			.count(() -> page(this.auditor, "template", StatsRooms.E23_NAME).andExpect(status().isOk()));

		StatsFilter filter = StatsFilter.parse(StatsRooms.E23_NAME, this.year + "-01-01", this.year + "-12-31", null,
				null);
		CurrentUser user = this.cutovers.user(this.auditor);
		long queries = this.counter.count(() -> this.queries.stats(filter, user));

		StatsView after = stats(this.auditor);
		assertThat(before.cutovers()).extracting(StatsView.SeriesCount::cutovers).containsExactly(1L, 1L);
		assertThat(after.cutovers()).extracting(StatsView.SeriesCount::cutovers).containsExactly(5L, 5L);
		assertThat(many).isEqualTo(few);
		// template names, cutover counts, decisions, classifications, triggers, step
		// records
		assertThat(queries).isLessThanOrEqualTo(6);
		// and around them the request loads who signs in and stores the test's session
		assertThat(many).isLessThanOrEqualTo(queries + 3);
	}

	/**
	 * Each time an E2-3 rehearsal with recorded steps and a NO-GO, and a live run with a
	 * trigger.
	 */
	private void addRuns(int times) {
		for (int i = 0; i < times; i++) {
			Room rehearsal = this.rooms.started(StatsRooms.E23, CutoverKind.REHEARSAL);
			this.rooms.passAt(rehearsal, "FIXED_INPUTS", Duration.ofMinutes(-25));
			this.rooms.passAt(rehearsal, "PRECHECK", Duration.ofMinutes(-20));
			this.rooms.noGo(rehearsal, "SYNC_FAILED");
			Room live = this.rooms.started(StatsRooms.PILOT, CutoverKind.LIVE);
			this.rooms.report(live, "SECURITY_INCIDENT");
			this.clock.advance(Duration.ofMinutes(2));
			this.rooms.rollback(live);
		}
	}

}
