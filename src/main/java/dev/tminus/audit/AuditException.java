package dev.tminus.audit;

/**
 * A request to the auditor's desk that cannot be answered as asked (a filter value that
 * does not parse, a page out of range): the message says what to change.
 */
public class AuditException extends RuntimeException {

	public AuditException(String message) {
		super(message);
	}

}
