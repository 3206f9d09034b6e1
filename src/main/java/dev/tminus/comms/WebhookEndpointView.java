package dev.tminus.comms;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint as the admin page shows it. Carries whether a secret is set, never the
 * secret.
 *
 * @param pending deliveries waiting for their next attempt
 * @param delivered deliveries a receiver accepted (2xx)
 * @param failed deliveries given up after the last attempt
 */
public record WebhookEndpointView(long id, String name, String url, boolean signed, boolean enabled,
		List<WebhookEvent> events, String createdBy, Instant createdAt, String createdAtUtc, long pending,
		long delivered, long failed) {

	/** "decision, trigger". */
	public String eventKeys() {
		return String.join(", ", this.events.stream().map(WebhookEvent::key).toList());
	}

}
