package dev.tminus.comms;

import java.time.Instant;

/**
 * One attempt to post a delivery.
 *
 * @param statusCode the receiver's HTTP status, or {@code null} when it did not answer
 * @param error what went wrong (truncated), or {@code null} after a 2xx
 */
public record WebhookAttemptView(int attempt, Instant attemptedAt, String attemptedAtUtc, int durationMs,
		Integer statusCode, String error) {

	public boolean succeeded() {
		return this.statusCode != null && this.statusCode >= 200 && this.statusCode < 300;
	}

}
