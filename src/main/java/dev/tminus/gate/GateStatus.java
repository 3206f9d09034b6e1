package dev.tminus.gate;

import java.time.Instant;
import java.util.List;

/**
 * Where one gate of a cutover stands, for the decision.
 *
 * @param fromSteps the verdict follows from the gate's steps; nobody records it
 * @param effective PASS only when the latest result is PASS (for a hard gate: no FAIL was
 * ever recorded) and every required evidence file is present
 * @param reasons why it is FAIL or PENDING (empty for PASS)
 * @param missingEvidence the template's evidence files not uploaded to the gate or its
 * steps
 * @param earlierFails every FAIL recorded before the latest result, with who and when
 * @param recordedAt the latest result's time, or {@code null}
 * @param recordedBy who recorded it ("Dana Diaz (dana)"), or {@code null}
 */
public record GateStatus(String key, String title, String group, boolean hard, boolean fromSteps,
		String failureClassification, String noGoAction, Verdict effective, List<String> reasons,
		List<String> missingEvidence, List<String> earlierFails, Instant recordedAt, String recordedBy) {

	public GateStatus {
		reasons = List.copyOf(reasons);
		missingEvidence = List.copyOf(missingEvidence);
		earlierFails = List.copyOf(earlierFails);
	}

}
