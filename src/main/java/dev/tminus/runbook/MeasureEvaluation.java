package dev.tminus.runbook;

import java.util.List;

/**
 * The verdict on a gate's measured values: PASS only when every measure passes.
 *
 * @param results one per measure of the gate, in the template's order
 */
public record MeasureEvaluation(Verdict verdict, List<MeasureResult> results) {

	public MeasureEvaluation {
		results = List.copyOf(results);
	}

	/** The reasons of the measures that failed, for the gate board and the timeline. */
	public List<String> failures() {
		return this.results.stream()
			.filter((result) -> result.verdict() == Verdict.FAIL)
			.map(MeasureResult::reason)
			.toList();
	}

	/**
	 * @param actual the measured value, or {@code null} when none was given
	 * @param expected what it was compared with, parameters resolved; {@code null} for a
	 * measure that is only recorded
	 * @param reason a sentence: "p95 latency: 320 ms is not ≤ 300 ms"
	 */
	public record MeasureResult(String key, Verdict verdict, String actual, String expected, String reason) {

	}

}
