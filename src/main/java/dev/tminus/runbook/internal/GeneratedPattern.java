package dev.tminus.runbook.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated parameter such as {@code e2-3-{utc:yyyyMMddHHmmss}}: literal text with
 * {@code {utc:PATTERN}} (the cutover's creation time) and {@code {t0:PATTERN}} (its T-0),
 * both in UTC, in {@link DateTimeFormatter} patterns.
 */
public final class GeneratedPattern {

	private final List<Part> parts;

	private GeneratedPattern(List<Part> parts) {
		this.parts = parts;
	}

	/**
	 * @throws IllegalArgumentException naming what is wrong with the pattern
	 */
	public static GeneratedPattern compile(String pattern) {
		List<Part> parts = new ArrayList<>();
		int at = 0;
		while (at < pattern.length()) {
			int open = pattern.indexOf('{', at);
			int strayClose = pattern.indexOf('}', at);
			if (strayClose >= 0 && (open < 0 || strayClose < open)) {
				throw new IllegalArgumentException("'}' at position " + (strayClose + 1) + " closes nothing");
			}
			if (open < 0) {
				parts.add(new Part(pattern.substring(at), null, false));
				break;
			}
			if (open > at) {
				parts.add(new Part(pattern.substring(at, open), null, false));
			}
			int close = pattern.indexOf('}', open);
			if (close < 0) {
				throw new IllegalArgumentException("'{' at position " + (open + 1) + " is never closed");
			}
			parts.add(token(pattern.substring(open + 1, close)));
			at = close + 1;
		}
		return new GeneratedPattern(List.copyOf(parts));
	}

	private static Part token(String token) {
		boolean t0 = token.startsWith("t0:");
		if (!t0 && !token.startsWith("utc:")) {
			throw new IllegalArgumentException(
					"'{" + token + "}' must be {utc:PATTERN} (creation time) or {t0:PATTERN} (T-0)");
		}
		String format = token.substring(token.indexOf(':') + 1);
		try {
			DateTimeFormatter formatter = DateTimeFormatter.ofPattern(format).withZone(ZoneOffset.UTC);
			formatter.format(Instant.EPOCH);
			return new Part(null, formatter, t0);
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			throw new IllegalArgumentException("'" + format + "' is not a date-time pattern: " + ex.getMessage());
		}
	}

	public String render(Instant createdAt, Instant t0) {
		StringBuilder result = new StringBuilder();
		for (Part part : this.parts) {
			if (part.literal() != null) {
				result.append(part.literal());
			}
			else {
				result.append(part.format().format(part.fromT0() ? t0 : createdAt));
			}
		}
		return result.toString();
	}

	private record Part(String literal, DateTimeFormatter format, boolean fromT0) {
	}

}
