package dev.tminus.api;

/** A token that cannot be created as asked: the message says why. */
public class ApiTokenException extends RuntimeException {

	public ApiTokenException(String message) {
		super(message);
	}

}
