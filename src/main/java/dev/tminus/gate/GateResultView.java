package dev.tminus.gate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tminus.runbook.ParameterResolver;

/**
 * One recorded gate result (results are append-only: a gate may have several, the latest
 * counts).
 *
 * @param computed whether T-Minus computed the verdict from measured values
 * @param measured the values as entered
 * @param reasons the per-measure reasons of the evaluation
 * @param onBehalfOf the owner role recorded for, or {@code null}
 */
public record GateResultView(long id, String gateKey, String verdict, boolean computed, Map<String, String> measured,
		List<String> reasons, String note, String recordedBy, String onBehalfOf, Instant recordedAt) {

	public String recordedAtUtc() {
		return ParameterResolver.format(this.recordedAt);
	}

}
