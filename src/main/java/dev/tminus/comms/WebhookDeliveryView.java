package dev.tminus.comms;

import java.time.Instant;

/**
 * One row of the delivery log: the outbox entry and the outcome of its latest attempt.
 *
 * @param status PENDING (waiting for its next attempt), DELIVERED or FAILED (given up)
 * @param attempts attempts made so far
 * @param lastStatusCode the receiver's HTTP status at the latest attempt, if it answered
 * @param lastError what went wrong at the latest attempt (truncated), if anything
 * @param nextAttemptAt when a PENDING delivery is tried next
 */
public record WebhookDeliveryView(long id, long endpointId, String endpointName, WebhookEvent event, Long cutoverId,
		String cutoverName, String status, int attempts, Integer lastStatusCode, String lastError, Instant createdAt,
		String createdAtUtc, Instant lastAttemptAt, String lastAttemptAtUtc, Instant nextAttemptAt,
		String nextAttemptAtUtc, Instant deliveredAt, String deliveredAtUtc) {

	public boolean pending() {
		return "PENDING".equals(this.status);
	}

}
