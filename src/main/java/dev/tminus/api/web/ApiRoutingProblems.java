package dev.tminus.api.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Requests to {@code /api/} that match no handler (wrong method or content type) are
 * problem details too; anywhere else these errors keep their usual pages.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiRoutingProblems {

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> unsupported(HttpMediaTypeNotSupportedException ex, HttpServletRequest request)
			throws HttpMediaTypeNotSupportedException {
		if (!api(request)) {
			throw ex;
		}
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"Send form fields as multipart/form-data (curl -F) or application/x-www-form-urlencoded, not "
						+ ex.getContentType() + ".");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException ex, HttpServletRequest request)
			throws HttpRequestMethodNotSupportedException {
		if (!api(request)) {
			throw ex;
		}
		return problem(HttpStatus.METHOD_NOT_ALLOWED, ex.getMethod() + " is not supported here.");
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException ex, HttpServletRequest request)
			throws HttpMediaTypeNotAcceptableException {
		if (!api(request)) {
			throw ex;
		}
		return problem(HttpStatus.NOT_ACCEPTABLE, "The API answers application/json.");
	}

	private static boolean api(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
