package dev.tminus.api.internal;

import org.springframework.http.HttpStatus;

/** An API request refused before it reached a service: its status and why. */
public class ApiRequestException extends RuntimeException {

	private final HttpStatus status;

	public ApiRequestException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	public HttpStatus status() {
		return this.status;
	}

}
