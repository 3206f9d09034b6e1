package dev.tminus.shared.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.util.HtmlUtils;

/**
 * A refusal written straight to the response, for filters and resolvers that answer
 * before (or instead of) a page: a small self-contained page for people, an RFC 9457
 * problem for the API.
 */
public final class Refusals {

	private Refusals() {
	}

	public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
			String detail, String advice) throws IOException {
		response.setStatus(status);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			response.setContentType("application/problem+json");
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"" + json(title) + "\",\"status\":" + status
						+ ",\"detail\":\"" + json(detail) + "\"}");
			return;
		}
		response.setContentType("text/html;charset=UTF-8");
		response.getWriter()
			.write("""
					<!DOCTYPE html>
					<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
					<title>%2$s · T-Minus</title><link rel="stylesheet" href="/assets/css/app.css"></head>
					<body><main class="narrow error-page"><h1><span class="status">%1$d</span> %2$s</h1>
					<p id="refusal">%3$s</p><p>%4$s</p><p><a href="/">Back to your cutovers</a></p></main></body></html>
					"""
				.formatted(status, HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(detail),
						HtmlUtils.htmlEscape(advice)));
	}

	private static String json(String text) {
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

}
