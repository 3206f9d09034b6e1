package dev.tminus.audit.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tminus.cutover.StepStatus;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Phase;
import dev.tminus.runbook.RunbookTemplate.Step;

/**
 * The measured times of one run of a template, from its recorded steps. Pure: no clock,
 * no database.
 * <ul>
 * <li>A phase is <em>finished</em> when it has steps and none is PENDING; its
 * <em>slippage</em> is then its last recorded time minus its planned start (T-0 + phase
 * offset), in whole minutes, as the board shows it.</li>
 * <li>Its <em>actual start</em> is the later of its planned start and the end of the work
 * before it: the last recorded time of the nearest earlier phase with a recorded step, or
 * the cutover's start for the first one.</li>
 * <li>A finished phase's <em>duration</em> is its last recorded time minus its actual
 * start (0 when it was done before it was due).</li>
 * <li>A recorded step's (PASS, FAIL or N/A) <em>duration</em> is its recorded time minus
 * that of the step recorded just before it in the same phase, or minus the phase's actual
 * start for the first (0 when recorded before it).</li>
 * </ul>
 */
final class RunTimes {

	/** A step state as stored. */
	record StepRecord(String stepKey, StepStatus status, Instant recordedAt) {

		boolean recorded() {
			return this.status != StepStatus.PENDING && this.recordedAt != null;
		}

	}

	/**
	 * @param slippageMinutes {@code null} unless the phase is finished
	 * @param duration {@code null} unless the phase is finished
	 */
	record PhaseTimes(String phaseKey, Instant plannedStart, boolean finished, Long slippageMinutes,
			Duration duration) {

	}

	private final List<PhaseTimes> phases;

	private final Map<String, Duration> steps;

	private RunTimes(List<PhaseTimes> phases, Map<String, Duration> steps) {
		this.phases = List.copyOf(phases);
		this.steps = Map.copyOf(steps);
	}

	static RunTimes of(RunbookTemplate template, Instant t0, Instant startedAt, Map<String, StepRecord> states) {
		List<PhaseTimes> phases = new ArrayList<>();
		Map<String, Duration> steps = new LinkedHashMap<>();
		Instant previousEnd = startedAt;
		for (Phase phase : template.phases()) {
			Instant planned = t0.plus(Duration.ofMinutes(phase.offsetMinutes()));
			List<Step> phaseSteps = template.stepsIn(phase.key());
			boolean finished = !phaseSteps.isEmpty();
			List<StepRecord> recorded = new ArrayList<>();
			for (Step step : phaseSteps) {
				StepRecord state = states.get(step.key());
				if (state == null || state.status() == StepStatus.PENDING) {
					finished = false;
				}
				else if (state.recorded()) {
					recorded.add(state);
				}
			}
			// stable: steps recorded at the same instant keep the template's order
			recorded.sort(Comparator.comparing(StepRecord::recordedAt));
			Instant last = recorded.isEmpty() ? null : recorded.get(recorded.size() - 1).recordedAt();
			Instant actualStart = (previousEnd != null && previousEnd.isAfter(planned)) ? previousEnd : planned;
			Long slippage = null;
			Duration duration = null;
			if (finished && last != null) {
				slippage = Duration.between(planned, last).toMinutes();
				duration = notNegative(Duration.between(actualStart, last));
			}
			phases.add(new PhaseTimes(phase.key(), planned, finished, slippage, duration));
			Instant previous = actualStart;
			for (StepRecord step : recorded) {
				steps.put(step.stepKey(), notNegative(Duration.between(previous, step.recordedAt())));
				if (step.recordedAt().isAfter(previous)) {
					previous = step.recordedAt();
				}
			}
			if (last != null) {
				previousEnd = last;
			}
		}
		return new RunTimes(phases, steps);
	}

	List<PhaseTimes> phases() {
		return this.phases;
	}

	/** Durations of the recorded steps, by step key. */
	Map<String, Duration> steps() {
		return this.steps;
	}

	private static Duration notNegative(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}
