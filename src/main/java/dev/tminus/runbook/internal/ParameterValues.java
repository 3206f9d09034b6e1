package dev.tminus.runbook.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tminus.runbook.RunbookTemplate.ParameterType;

/**
 * What a run parameter's value may be: one line of its type, and, when the value stands
 * in a command, only characters that cannot end the command, start another or leave the
 * code block.
 */
public final class ParameterValues {

	/**
	 * Characters a value used in a command may hold: no space, quote, backtick,
	 * {@code $}, shell operator, bracket or Markdown/HTML character; it does not start
	 * with a dash (an option).
	 */
	private static final Pattern COMMAND_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+=,%~-]*");

	public static final String COMMAND_SAFE_TEXT = "letters, digits and . _ - : / @ + = , % ~ (starting with a letter"
			+ " or digit; no spaces, line breaks, quotes, backticks, $( or Markdown/HTML characters)";

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

	private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	public static final int MAX_LENGTH = 500;

	private ParameterValues() {
	}

	/**
	 * @return the value as stored (numbers plain, hashes lower case, times in UTC
	 * seconds)
	 * @throws IllegalArgumentException saying what the value must be
	 */
	public static String check(ParameterType type, String value) {
		if (value.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("use at most " + MAX_LENGTH + " characters");
		}
		if (CONTROL.matcher(value).find()) {
			throw new IllegalArgumentException("must be one line, without line breaks, tabs or control characters");
		}
		return switch (type) {
			case TEXT -> value;
			case NUMBER -> {
				try {
					yield new BigDecimal(value).toPlainString();
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("must be a number, like 300 or 99.9; found '" + value + "'");
				}
			}
			case DURATION -> {
				Duration duration = Durations.parse(value);
				if (duration == null || duration.isNegative() || value.startsWith("+")) {
					throw new IllegalArgumentException(
							"must be a duration, like 5m, 60m or 1h30m; found '" + value + "'");
				}
				yield value;
			}
			case URL -> {
				try {
					URI uri = new URI(value);
					String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
					if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
						throw new URISyntaxException(value, "not http(s) with a host");
					}
				}
				catch (URISyntaxException ex) {
					throw new IllegalArgumentException(
							"must be an http(s) address with a host, like https://grafana.example; found '" + value
									+ "'");
				}
				yield value;
			}
			case SHA256 -> {
				if (!SHA256.matcher(value).matches()) {
					throw new IllegalArgumentException("must be a SHA-256, 64 hex digits; found '" + value + "'");
				}
				yield value.toLowerCase(Locale.ROOT);
			}
			case TIMESTAMP -> {
				try {
					if (!value.endsWith("Z")) {
						throw new DateTimeParseException("not UTC", value, 0);
					}
					Instant instant = Instant.parse(value);
					yield (instant.getNano() == 0) ? UTC_SECONDS.format(instant)
							: instant.truncatedTo(ChronoUnit.MICROS).toString();
				}
				catch (DateTimeParseException ex) {
					throw new IllegalArgumentException(
							"must be a UTC time like 2026-11-22T21:00:00Z; found '" + value + "'");
				}
			}
		};
	}

	/**
	 * @return why the value cannot stand in a command, or {@code null} when it can
	 */
	public static String unsafeInCommand(String value) {
		if (value.isEmpty() || COMMAND_SAFE.matcher(value).matches()) {
			return null;
		}
		Set<String> found = new LinkedHashSet<>();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\n' || c == '\r') {
				found.add("a line break");
			}
			else if (c == '`') {
				found.add("a backtick");
			}
			else if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '(') {
				found.add("$(");
			}
			else if (Character.isWhitespace(c)) {
				found.add("a space");
			}
			else if (!(Character.isLetterOrDigit(c) && c < 128) && "._:/@+=,%~-".indexOf(c) < 0) {
				found.add("'" + c + "'");
			}
		}
		if (found.isEmpty()) {
			found.add("a leading '" + value.charAt(0) + "'");
		}
		return "found " + String.join(", ", found);
	}

}
