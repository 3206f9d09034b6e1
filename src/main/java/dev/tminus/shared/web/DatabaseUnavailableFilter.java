package dev.tminus.shared.web;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database is down, every request that needs it gets a quick {@code 503} with
 * {@code Retry-After} (a page for people, an RFC 9457 problem for the API) instead of a
 * 500 or a hang: the pool gives up on a connection after
 * {@code spring.datasource.hikari.connection-timeout}, and this filter, first in the
 * chain (before the session store), turns that into the answer. Readiness says DOWN
 * meanwhile ({@code db} is in the readiness group), so a load balancer routes around it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

	static final String RETRY_AFTER_SECONDS = "5";

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	private static final String PAGE = """
			<!DOCTYPE html>
			<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
			<title>Database unavailable · T-Minus</title><link rel="stylesheet" href="/assets/css/app.css"></head>
			<body><main class="narrow error-page"><h1><span class="status">503</span> The database is not reachable</h1>
			<p>T-Minus cannot reach its database right now and is reconnecting by itself. Nothing you saved before
			this page was lost. Try again in a few seconds; what you typed is still in the previous page
			(use your browser's Back button).</p><p><a href="">Try again</a></p></main></body></html>
			""";

	private static final String PROBLEM = """
			{"type":"about:blank","title":"Service Unavailable","status":503,\
			"detail":"The database is not reachable; T-Minus is reconnecting. Retry in a few seconds."}""";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!databaseDown(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("Database unavailable: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(),
					rootMessage(ex));
			response.reset();
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
			response.setHeader("Cache-Control", "no-store");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
				response.setContentType("application/problem+json");
				response.getWriter().write(PROBLEM);
			}
			else {
				response.setContentType("text/html;charset=UTF-8");
				response.getWriter().write(PAGE);
			}
		}
	}

	/** Whether {@code ex} says the database cannot be reached (rather than a bug). */
	static boolean databaseDown(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException
					|| cause instanceof ConnectException || cause instanceof DataAccessResourceFailureException) {
				return true;
			}
			if (cause instanceof CannotCreateTransactionException && cause.getCause() != null
					&& databaseDown(cause.getCause())) {
				return true;
			}
			if (cause instanceof SQLException && "Connection is closed".equals(cause.getMessage())) {
				// the pool's answer for a connection that broke in the middle of a
				// transaction
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				// connection exceptions, and the server shutting down or starting up
				if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
					return true;
				}
			}
			if (cause.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
