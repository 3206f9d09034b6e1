package dev.tminus.shared.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

/**
 * A form that is shown again because of what was entered answers 422, so that scripts,
 * tests and proxies see the refusal the person sees on the page.
 */
public final class FormResponses {

	private FormResponses() {
	}

	public static void refused(HttpServletResponse response) {
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
	}

}
