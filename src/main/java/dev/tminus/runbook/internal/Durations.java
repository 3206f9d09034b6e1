package dev.tminus.runbook.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signed durations as written in templates: {@code -24h}, {@code +5m}, {@code -1s},
 * {@code -1h30m}, {@code 0m}.
 */
public final class Durations {

	private static final Pattern FORMAT = Pattern
		.compile("([+-])?(?=\\d)(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

	public static final String EXPECTED = "a signed duration such as -24h, +5m, -1s, -1h30m or 0m";

	private Durations() {
	}

	/** The duration, or {@code null} when the text is not one. */
	public static Duration parse(String text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = FORMAT.matcher(text.trim());
		if (!matcher.matches()) {
			return null;
		}
		Duration duration = Duration.ofDays(number(matcher.group(2)))
			.plusHours(number(matcher.group(3)))
			.plusMinutes(number(matcher.group(4)))
			.plusSeconds(number(matcher.group(5)));
		return "-".equals(matcher.group(1)) ? duration.negated() : duration;
	}

	private static long number(String digits) {
		return (digits != null) ? Long.parseLong(digits) : 0;
	}

}
