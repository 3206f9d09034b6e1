package dev.tminus.cutover;

/**
 * A cutover request that the rules refuse, with the reason a person can act on. Answered
 * with 422 and the message on the page.
 */
public class CutoverException extends RuntimeException {

	private final String field;

	public CutoverException(String message) {
		this(null, message);
	}

	public CutoverException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
