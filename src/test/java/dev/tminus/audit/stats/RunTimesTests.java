package dev.tminus.audit.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tminus.audit.stats.RunTimes.PhaseTimes;
import dev.tminus.audit.stats.RunTimes.StepRecord;
import dev.tminus.cutover.StepStatus;
import dev.tminus.runbook.RunbookParser;
import dev.tminus.runbook.RunbookTemplate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slippage and durations of one run, computed by hand from recorded times. T-0 is 12:00.
 */
class RunTimesTests {

	static final RunbookTemplate TEMPLATE = new RunbookParser().parse("times.yml", """
			name: Times
			roles:
			  - key: IC
			    title: Incident Commander
			  - key: SCRIBE
			    title: Scribe
			failure_classifications: [SMOKE_FAILED]
			phases:
			  - key: T-30
			    offset_minutes: -30
			    title: Prepare
			  - key: T-10
			    offset_minutes: -10
			    title: Deploy
			  - key: T-5
			    offset_minutes: -5
			    title: Nothing to do
			  - key: T+15
			    offset_minutes: 15
			    title: Verify
			steps:
			  - key: A
			    phase: T-30
			    title: A
			    owner: IC
			  - key: B
			    phase: T-30
			    title: B
			    owner: IC
			  - key: C
			    phase: T-10
			    title: C
			    owner: IC
			  - key: D
			    phase: T-10
			    title: D
			    owner: IC
			  - key: E
			    phase: T+15
			    title: E
			    owner: IC
			""");

	static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

	@Test
	void slippageOfAFinishedPhaseIsItsLastRecordedTimeMinusItsPlannedStart() {
		RunTimes times = run(at("11:20"), Map.of("A", pass("11:35"), "B", pass("11:40")));

		assertThat(phase(times, "T-30").finished()).isTrue();
		assertThat(phase(times, "T-30").slippageMinutes()).isEqualTo(10);
		// started 11:20, before the planned 11:30: the phase starts as planned
		assertThat(phase(times, "T-30").duration()).isEqualTo(Duration.ofMinutes(10));
		assertThat(times.steps()).containsEntry("A", Duration.ofMinutes(5)).containsEntry("B", Duration.ofMinutes(5));
	}

	@Test
	void slippageIsInWholeMinutesAsOnTheBoardAndEarlyIsNegative() {
		RunTimes late = run(at("11:20"), Map.of("A", pass("11:35"), "B", pass("11:40:59")));
		RunTimes early = run(at("11:00"), Map.of("A", pass("11:10"), "B", pass("11:15")));

		assertThat(phase(late, "T-30").slippageMinutes()).isEqualTo(10);
		assertThat(phase(early, "T-30").slippageMinutes()).isEqualTo(-15);
		assertThat(phase(early, "T-30").duration()).as("done before it was due").isEqualTo(Duration.ZERO);
		assertThat(early.steps()).containsEntry("A", Duration.ZERO).containsEntry("B", Duration.ZERO);
	}

	@Test
	void aPhaseWithAPendingStepIsNotFinishedButItsRecordedStepsHaveDurations() {
		RunTimes times = run(at("11:20"), Map.of("A", pass("11:33")));

		assertThat(phase(times, "T-30").finished()).isFalse();
		assertThat(phase(times, "T-30").slippageMinutes()).isNull();
		assertThat(phase(times, "T-30").duration()).isNull();
		assertThat(times.steps()).containsOnly(Map.entry("A", Duration.ofMinutes(3)));
	}

	@Test
	void aPhaseStartsWhenTheWorkBeforeItEndedIfThatIsLaterThanPlanned() {
		// T-30 ends at 11:52, after T-10 was due (11:50)
		RunTimes times = run(at("11:20"), Map.of("A", pass("11:45"), "B", pass("11:52"), "C", pass("11:55"), "D",
				record(StepStatus.FAIL, "11:58")));

		assertThat(phase(times, "T-10").duration()).isEqualTo(Duration.ofMinutes(6));
		assertThat(phase(times, "T-10").slippageMinutes()).isEqualTo(8);
		assertThat(times.steps()).containsEntry("C", Duration.ofMinutes(3)).containsEntry("D", Duration.ofMinutes(3));
	}

	@Test
	void theWorkBeforeAPhaseIsTheNearestEarlierPhaseWithARecordedStepOrTheStart() {
		// T-5 has no steps; T+15 (planned 12:15) follows the end of T-10 at 12:20
		RunTimes times = run(at("11:20"), Map.of("A", pass("11:31"), "B", pass("11:32"), "C", pass("11:50"), "D",
				pass("12:20"), "E", record(StepStatus.NA, "12:26")));
		// nothing recorded before T-10: it starts when the cutover started, if later
		RunTimes lateStart = run(at("11:54"), Map.of("C", pass("11:57"), "D", pass("11:59")));

		assertThat(phase(times, "T-5").finished()).as("a phase without steps is never finished").isFalse();
		assertThat(phase(times, "T+15").duration()).isEqualTo(Duration.ofMinutes(6));
		assertThat(times.steps()).containsEntry("E", Duration.ofMinutes(6));
		assertThat(phase(lateStart, "T-10").duration()).isEqualTo(Duration.ofMinutes(5));
		assertThat(lateStart.steps()).containsEntry("C", Duration.ofMinutes(3));
	}

	@Test
	void stepsAreMeasuredInTheOrderTheyWereRecorded() {
		RunTimes times = run(at("11:20"), Map.of("B", pass("11:34"), "A", pass("11:41")));

		assertThat(times.steps()).containsEntry("B", Duration.ofMinutes(4)).containsEntry("A", Duration.ofMinutes(7));
	}

	private static RunTimes run(Instant startedAt, Map<String, StepRecord> recorded) {
		Map<String, StepRecord> states = new LinkedHashMap<>();
		for (RunbookTemplate.Step step : TEMPLATE.steps()) {
			StepRecord state = recorded.get(step.key());
			states.put(step.key(), (state != null) ? new StepRecord(step.key(), state.status(), state.recordedAt())
					: new StepRecord(step.key(), StepStatus.PENDING, null));
		}
		return RunTimes.of(TEMPLATE, T0, startedAt, states);
	}

	private static PhaseTimes phase(RunTimes times, String key) {
		return times.phases().stream().filter((p) -> p.phaseKey().equals(key)).findFirst().orElseThrow();
	}

	private static StepRecord pass(String time) {
		return record(StepStatus.PASS, time);
	}

	private static StepRecord record(StepStatus status, String time) {
		return new StepRecord(null, status, at(time));
	}

	private static Instant at(String time) {
		return Instant.parse("2026-03-10T" + ((time.length() == 5) ? time + ":00" : time) + "Z");
	}

}
