package dev.tminus.comms;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a webhook endpoint can subscribe to, plus the test ping an admin sends by hand.
 * Each module posts its event with {@link WebhookService#enqueue} in the transaction of
 * the change it reports.
 */
public enum WebhookEvent {

	/** A checkpoint broadcast was sent (PRODUCT item 10). */
	BROADCAST("broadcast", "Checkpoint broadcasts"),

	/** The IC recorded GO, NO-GO or ROLLBACK. */
	DECISION("decision", "Decisions (GO / NO-GO / ROLLBACK)"),

	/** Someone reported a rollback trigger. */
	TRIGGER("trigger", "Rollback triggers"),

	/** A hypercare check fell overdue (PRODUCT item 9). */
	OVERDUE_CHECK("overdue_check", "Overdue hypercare checks"),

	/**
	 * A timeline checkpoint was signed: receivers keep an outside copy of the signed
	 * chain heads, against which the record can be verified later.
	 */
	CHECKPOINT("checkpoint", "Timeline checkpoints (signed chain heads)"),

	/** An admin's test ping; not subscribable. */
	PING("ping", "Test ping");

	private final String key;

	private final String label;

	WebhookEvent(String key, String label) {
		this.key = key;
		this.label = label;
	}

	/** The name in the JSON body, the {@code X-TMinus-Event} header and the database. */
	public String key() {
		return this.key;
	}

	public String label() {
		return this.label;
	}

	public boolean subscribable() {
		return this != PING;
	}

	public static List<WebhookEvent> subscribableEvents() {
		return Arrays.stream(values()).filter(WebhookEvent::subscribable).toList();
	}

	public static Optional<WebhookEvent> fromKey(String key) {
		return Arrays.stream(values()).filter((event) -> event.key.equals(key)).findFirst();
	}

}
