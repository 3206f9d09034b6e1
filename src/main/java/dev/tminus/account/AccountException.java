package dev.tminus.account;

/**
 * A request about accounts that cannot be done, with the reason a person can act on.
 */
public class AccountException extends RuntimeException {

	private final String field;

	public AccountException(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The form field the problem belongs to, or {@code null} for the whole form. */
	public String field() {
		return this.field;
	}

}
