package dev.tminus.gate;

import java.util.Map;

/**
 * A gate result as entered.
 *
 * @param claimed PASS or FAIL as chosen; {@code null} to take the verdict computed from
 * the measured values (only for gates with thresholds)
 * @param measured values by measure key
 * @param note optional, at most 2000 characters
 */
public record RecordGate(dev.tminus.runbook.Verdict claimed, Map<String, String> measured, String note) {

	public RecordGate {
		measured = (measured != null) ? Map.copyOf(measured) : Map.of();
	}

}
