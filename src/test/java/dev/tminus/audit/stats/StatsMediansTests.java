package dev.tminus.audit.stats;

import java.time.Duration;

import dev.tminus.audit.stats.StatsRooms.Room;
import dev.tminus.audit.stats.StatsView.MedianCell;
import dev.tminus.audit.stats.StatsView.PhaseDuration;
import dev.tminus.audit.stats.StatsView.ReactionRow;
import dev.tminus.audit.stats.StatsView.SlippageRow;
import dev.tminus.audit.stats.StatsView.StepDuration;
import dev.tminus.cutover.CutoverKind;
import dev.tminus.support.IntegrationTest;
import dev.tminus.trigger.internal.BreachedDecisionClocks;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/**
 * Medians computed by hand from times set on the clock: slippage per phase, planned vs
 * rehearsal vs live durations, and the IC's reaction to rollback triggers.
 */
@IntegrationTest
class StatsMediansTests extends StatsTestSupport {

	@Autowired
	BreachedDecisionClocks breaches;

	@Test
	void medianSlippagePerPhaseKeepsRehearsalsAndLiveRunsApartUnlessCombined() throws Exception {
		recordFivePreparations();

		StatsView apart = stats(this.auditor);

		// rehearsals finished T-30 (planned T0-30) at T0-20, T0-10 and T0-35: +10, +20,
		// -5
		assertThat(slippage(apart, "T-30").cells()).containsExactly(new MedianCell("10 min", 3, 10.0),
				new MedianCell("40 min", 1, 40.0));
		assertThat(slippage(apart, "T-5").cells()).extracting(MedianCell::text).containsExactly("—", "—");
		// mixed: 10, 20, -5 and 40
		assertThat(slippage(stats(this.auditor, "combine", "true"), "T-30").cells())
			.containsExactly(new MedianCell("15 min", 4, 15.0));
		assertThat(slippage(stats(this.auditor, "kind", "LIVE"), "T-30").cells())
			.containsExactly(new MedianCell("40 min", 1, 40.0));
	}

	@Test
	void plannedRehearsalAndLiveDurationsOfATemplateStandSideBySide() throws Exception {
		recordFivePreparations();

		StatsView stats = stats(this.auditor, "template", StatsRooms.E23_NAME);

		assertThat(stats.durations().chosen()).isTrue();
		PhaseDuration prepare = stats.durations().phases().get(0);
		assertThat(prepare.key()).isEqualTo("T-30");
		// T-5 is planned 25 minutes after T-30
		assertThat(prepare.planned()).isEqualTo("25 min");
		// the phase starts as planned at T0-30 (the runs started at T0-120): 10, 20 and 0
		// (done early) for rehearsals, 40 live
		assertThat(prepare.cells()).containsExactly(new MedianCell("10 min", 3, 10.0),
				new MedianCell("40 min", 1, 40.0));
		// FIXED_INPUTS: 5, 15, 0 and 2 (the unfinished run); PRECHECK: 5, 5, 0
		assertThat(prepare.steps()).extracting(StepDuration::key).containsExactly("FIXED_INPUTS", "PRECHECK");
		assertThat(prepare.steps().get(0).cells()).containsExactly(new MedianCell("3.5 min", 4, 3.5),
				new MedianCell("35 min", 1, 35.0));
		assertThat(prepare.steps().get(1).cells()).containsExactly(new MedianCell("5 min", 3, 5.0),
				new MedianCell("5 min", 1, 5.0));
		PhaseDuration last = stats.durations().phases().get(stats.durations().phases().size() - 1);
		assertThat(last.planned()).isEqualTo("—");
		assertThat(last.cells()).extracting(MedianCell::text).containsExactly("—", "—");

		page(this.auditor, "template", StatsRooms.E23_NAME)
			.andExpect(content().string(containsString("<title id=\"durations-title\">Phase durations of E2-3")))
			.andExpect(content().string(containsString("data-step=\"FIXED_INPUTS\"")));
	}

	@Test
	void medianReactionToImmediateRollbackTriggersWithUnresolvedAndBreachedOnes() throws Exception {
		at("07-01T08:00:00");
		Room quick = this.rooms.started(StatsRooms.PILOT, CutoverKind.REHEARSAL);
		// a trigger to monitor starts no decision clock and does not count
		this.rooms.report(quick, "PERFORMANCE_DEGRADATION");
		this.rooms.report(quick, "SECURITY_INCIDENT");
		this.clock.advance(Duration.ofMinutes(3));
		this.rooms.rollback(quick);
		Room slow = this.rooms.started(StatsRooms.PILOT, CutoverKind.REHEARSAL);
		this.rooms.report(slow, "DATA_CORRUPTION");
		this.clock.advance(Duration.ofMinutes(7));
		this.rooms.rollback(slow);
		Room live = this.rooms.started(StatsRooms.PILOT, CutoverKind.LIVE);
		this.rooms.report(live, "SECURITY_INCIDENT");
		this.clock.advance(Duration.ofMinutes(2));
		this.rooms.noGo(live, "SMOKE_FAILED");
		Room open = this.rooms.started(StatsRooms.PILOT, CutoverKind.REHEARSAL);
		this.rooms.report(open, "SECURITY_INCIDENT");
		// the slow decision came after its 5 minutes; the open one is still within them
		this.breaches.recordBreaches();

		StatsView apart = stats(this.auditor);

		assertThat(apart.reactions()).containsExactly(
				new ReactionRow(StatsSeries.REHEARSAL, 3, 2, new MedianCell("5 min", 2, 5.0), 1, 1),
				new ReactionRow(StatsSeries.LIVE, 1, 1, new MedianCell("2 min", 1, 2.0), 0, 0));
		assertThat(stats(this.auditor, "combine", "true").reactions())
			.containsExactly(new ReactionRow(StatsSeries.ALL, 4, 3, new MedianCell("3 min", 3, 3.0), 1, 1));
		assertThat(stats(this.auditor, "kind", "LIVE", "to", this.year + "-06-30").reactions())
			.containsExactly(new ReactionRow(StatsSeries.LIVE, 0, 0, new MedianCell("—", 0, null), 0, 0));
	}

	/**
	 * Four E2-3 rehearsals and one live run, each started two hours before its T-0, their
	 * T-30 phase (planned at T0-30) recorded at set times.
	 */
	private void recordFivePreparations() {
		prepare(1, CutoverKind.REHEARSAL, -25, -20);
		prepare(2, CutoverKind.REHEARSAL, -15, -10);
		prepare(3, CutoverKind.REHEARSAL, -40, -35);
		// not finished: only its first step
		prepare(4, CutoverKind.REHEARSAL, -28, null);
		prepare(5, CutoverKind.LIVE, 5, 10);
	}

	private void prepare(int day, CutoverKind kind, int fixedInputs, Integer precheck) {
		at("09-0" + day + "T08:00:00");
		Room room = this.rooms.started(StatsRooms.E23, kind);
		this.rooms.passAt(room, "FIXED_INPUTS", Duration.ofMinutes(fixedInputs));
		if (precheck != null) {
			this.rooms.passAt(room, "PRECHECK", Duration.ofMinutes(precheck));
		}
	}

	private static SlippageRow slippage(StatsView stats, String phase) {
		return stats.slippage()
			.stream()
			.filter((row) -> row.template().equals(StatsRooms.E23_NAME) && row.phaseKey().equals(phase))
			.findFirst()
			.orElseThrow();
	}

}
