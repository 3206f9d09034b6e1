package dev.tminus.comms;

import java.time.Instant;
import java.util.Map;

/**
 * What a module posts to the endpoints subscribed to an event. Its one-line {@code text}
 * reads "{headline} on {cutover name} ({environment}): {detail}", prefixed with
 * {@code [REHEARSAL]} on drills, e.g. ":rotating_light: Rollback trigger on Sprint 7
 * go-live (prod): Canary FAIL (IMMEDIATE_ROLLBACK)".
 *
 * @param event what happened (not {@link WebhookEvent#PING})
 * @param cutoverId the cutover it happened on
 * @param occurredAt when it happened
 * @param headline plain text, may start with a Slack emoji code (":no_entry: NO-GO")
 * @param detail plain text; made one Slack-safe line when enqueued
 * @param fields the event's own fields, added to the body as they are, e.g.
 * {@code "decision": {...}}: strings, numbers, booleans, {@code null}, lists and maps
 */
public record WebhookMessage(WebhookEvent event, long cutoverId, Instant occurredAt, String headline, String detail,
		Map<String, Object> fields) {

	public WebhookMessage {
		if (event == null || !event.subscribable()) {
			throw new IllegalArgumentException(event + " is not an event endpoints subscribe to");
		}
		fields = (fields != null) ? fields : Map.of();
	}

}
