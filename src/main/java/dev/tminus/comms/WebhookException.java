package dev.tminus.comms;

/**
 * A webhook request that cannot be done, with the reason an admin can act on.
 */
public class WebhookException extends RuntimeException {

	private final String field;

	public WebhookException(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The form field the problem belongs to, or {@code null} for the whole form. */
	public String field() {
		return this.field;
	}

}
