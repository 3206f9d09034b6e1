package dev.tminus.decision;

import java.time.Instant;

import dev.tminus.runbook.ParameterResolver;

/** A recorded decision. */
public record DecisionView(long id, long cutoverId, String outcome, String decidedBy, Instant decidedAt,
		String failureClassification, String owner, Instant retryAt, String unblockCriteria, String triggerRef,
		String reason, String notes, String statement, String summary, String timelineHash) {

	public String decidedAtUtc() {
		return ParameterResolver.format(this.decidedAt);
	}

}
