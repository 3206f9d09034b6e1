package dev.tminus.shared.web;

import java.io.IOException;
import java.sql.SQLException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * The safety net behind every field's own checks: a value the database refuses as data
 * (SQLSTATE class 22: a date or number out of range, text it cannot hold) is the sender's
 * input, answered 400 with what was wrong, never a 500. It runs after every module's own
 * exception handlers; nothing was saved (the transaction rolled back).
 */
@Component
class UnstorableValueResolver implements HandlerExceptionResolver, Ordered {

	private static final Logger log = LoggerFactory.getLogger(UnstorableValueResolver.class);

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		SQLException data = dataException(ex);
		if (data == null || response.isCommitted()) {
			return null;
		}
		String reason = firstLine(data.getMessage());
		log.warn("Unstorable input refused: {} {}: {}", request.getMethod(), request.getRequestURI(), reason);
		try {
			Refusals.write(request, response, HttpServletResponse.SC_BAD_REQUEST, "Input refused",
					"A value you sent cannot be stored: " + reason + ".",
					"Nothing was saved. Go back with your browser's Back button, correct the value and send it again.");
		}
		catch (IOException writeFailed) {
			return null;
		}
		return new ModelAndView();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static SQLException dataException(Throwable ex) {
		if (!(ex instanceof DataAccessException)) {
			return null;
		}
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
				return sql;
			}
		}
		return null;
	}

	private static String firstLine(String message) {
		String text = (message != null) ? message : "invalid value";
		text = text.replaceFirst("^ERROR:\\s*", "");
		int newline = text.indexOf('\n');
		return ((newline >= 0) ? text.substring(0, newline) : text).strip();
	}

}
