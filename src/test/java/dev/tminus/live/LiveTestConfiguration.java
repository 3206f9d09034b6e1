package dev.tminus.live;

import dev.tminus.shared.web.NotFoundException;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Stands in for the cutover module in the live tests: a {@link LiveAccess} that lets
 * accounts named {@code watcher-*} watch existing cutovers, and a bare board page that
 * opts in to live updates the way real pages will.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LiveTestConfiguration {

	/**
	 * Primary: in these tests it replaces the cutover module's rule (tested with the
	 * board).
	 */
	@Bean
	@org.springframework.context.annotation.Primary
	LiveAccess watchersOnly(JdbcClient jdbc) {
		return (cutoverId, who) -> {
			boolean exists = jdbc.sql("select count(*) from cutover where id = ?")
				.param(cutoverId)
				.query(Long.class)
				.single() > 0;
			if (!exists) {
				throw new NotFoundException("No cutover " + cutoverId);
			}
			if (!who.getName().startsWith("watcher-")) {
				throw new AccessDeniedException(who.getName() + " may not watch cutover " + cutoverId);
			}
		};
	}

	/**
	 * Registered as a member of this configuration: a board with one fragment that
	 * re-fetches itself on {@code live:steps}: it shows how many {@code steps} signals
	 * the cutover has had.
	 */
	@Controller
	static class TestBoard {

		private final JdbcClient jdbc;

		TestBoard(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@GetMapping(path = "/live-test/boards/{id}", produces = MediaType.TEXT_HTML_VALUE)
		@ResponseBody
		String board(@PathVariable long id) {
			return """
					<!DOCTYPE html>
					<html lang="en">
					<head>
					<meta charset="utf-8">
					<title>Test board</title>
					<link rel="icon" href="/assets/img/favicon.svg" type="image/svg+xml">
					<link rel="stylesheet" href="/assets/css/app.css">
					<script src="/webjars/htmx.org/dist/htmx.min.js" defer></script>
					<script src="/assets/js/live.js" defer></script>
					</head>
					<body>
					<main data-live-url="/cutovers/%1$d/events" data-session-url="/account/session" data-sign-in-url="/login">
					<p>Steps signalled: <span id="steps" hx-get="/live-test/boards/%1$d/steps"
					   hx-trigger="live:steps from:body">%2$s</span></p>
					</main>
					</body>
					</html>
					"""
				.formatted(id, steps(id));
		}

		@GetMapping(path = "/live-test/boards/{id}/steps", produces = MediaType.TEXT_HTML_VALUE)
		@ResponseBody
		String steps(@PathVariable long id) {
			return Long
				.toString(this.jdbc.sql("select count(*) from live_signal where cutover_id = ? and topic = 'steps'")
					.param(id)
					.query(Long.class)
					.single());
		}

	}

}
