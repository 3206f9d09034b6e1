package dev.tminus.hypercare;

/**
 * Someone recorded the check (or ticked the criterion) first: nothing was overwritten.
 * Answered with 409 and the message.
 */
public class CheckAlreadyRecordedException extends RuntimeException {

	public CheckAlreadyRecordedException(String message) {
		super(message);
	}

}
