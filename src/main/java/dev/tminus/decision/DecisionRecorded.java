package dev.tminus.decision;

import java.time.Instant;

/**
 * A decision was recorded. Published inside the decision's transaction: a listener that
 * writes (the webhook outbox) commits or rolls back with the decision itself.
 *
 * @param decisionId the decision
 * @param cutoverId its cutover
 * @param outcome {@code GO}, {@code NO_GO} or {@code ROLLBACK}
 * @param decidedAt when it was signed
 * @param decidedBy who signed it, "Dana Diaz (dana)"
 * @param failureClassification the primary failure classification of a NO-GO
 * @param owner the owner of the retry after a NO-GO
 * @param retryAt when a NO-GO is retried
 * @param triggerRef the trigger a ROLLBACK answers, if named
 * @param reason the reason of a ROLLBACK
 */
public record DecisionRecorded(long decisionId, long cutoverId, String outcome, Instant decidedAt, String decidedBy,
		String failureClassification, String owner, Instant retryAt, String triggerRef, String reason) {

}
