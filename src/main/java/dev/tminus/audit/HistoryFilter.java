package dev.tminus.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tminus.cutover.CutoverKind;
import dev.tminus.cutover.CutoverStatus;
import dev.tminus.shared.time.StorableTimes;

/**
 * What the history list is narrowed to and how it is ordered, parsed from the query
 * string. Every value is optional; a value that does not parse is refused with a message
 * naming it, never ignored (an auditor must not read a list filtered differently from
 * what they asked).
 *
 * @param decision GO, NO_GO, ROLLBACK or NONE (no decision yet)
 * @param t0From inclusive, UTC
 * @param t0To exclusive, UTC (a date means up to the end of that day)
 * @param text searched in name and release, case-insensitive
 * @param page 1-based
 */
public record HistoryFilter(CutoverStatus status, String decision, String classification, String environment,
		String template, CutoverKind kind, Instant t0From, Instant t0To, String text, Sort sort, boolean descending,
		int page, int size) {

	public static final List<Integer> PAGE_SIZES = List.of(25, 50, 100);

	public static final List<String> DECISIONS = List.of("GO", "NO_GO", "ROLLBACK", "NONE");

	static final int MAX_TEXT = 200;

	/** The columns the list can be ordered by, with the SQL that orders them. */
	public enum Sort {

		T0("c.t0"), NAME("lower(c.name)"), STATUS("c.status"), DECIDED_AT("d.decided_at"),
		DURATION("(f.first_decided - s.first_step)");

		final String sql;

		Sort(String sql) {
			this.sql = sql;
		}

	}

	public static HistoryFilter all() {
		return new HistoryFilter(null, null, null, null, null, null, null, null, null, Sort.T0, true, 1, 50);
	}

	/**
	 * Parses the request parameters (blank means not given).
	 * @throws AuditException naming the first parameter that does not parse
	 */
	public static HistoryFilter parse(Map<String, String> params) {
		CutoverStatus status = enumValue(params, "status", CutoverStatus.class);
		String decision = upper(params.get("decision"));
		if (decision != null && !DECISIONS.contains(decision)) {
			throw new AuditException("decision must be one of " + String.join(", ", DECISIONS) + ", not \""
					+ shortened(params.get("decision")) + "\".");
		}
		CutoverKind kind = enumValue(params, "kind", CutoverKind.class);
		Instant from = instant(params, "from", false);
		Instant to = instant(params, "to", true);
		if (from != null && to != null && !from.isBefore(to)) {
			throw new AuditException("The T-0 range is empty: \"from\" must be before \"to\".");
		}
		Sort sort = enumValue(params, "sort", Sort.class);
		String dir = blankToNull(params.get("dir"));
		if (dir != null && !dir.equals("asc") && !dir.equals("desc")) {
			throw new AuditException("dir must be asc or desc, not \"" + shortened(dir) + "\".");
		}
		int page = number(params, "page", 1, 1, 1_000_000);
		int size = number(params, "size", 50, 1, 100);
		if (!PAGE_SIZES.contains(size)) {
			throw new AuditException("size must be one of " + PAGE_SIZES + ", not " + size + ".");
		}
		return new HistoryFilter(status, decision, text(params, "classification", 80), text(params, "environment", 100),
				text(params, "template", 200), kind, from, to, text(params, "q", MAX_TEXT),
				(sort != null) ? sort : Sort.T0, (dir == null) || dir.equals("desc"), page, size);
	}

	public HistoryFilter withPage(int page) {
		return new HistoryFilter(this.status, this.decision, this.classification, this.environment, this.template,
				this.kind, this.t0From, this.t0To, this.text, this.sort, this.descending, page, this.size);
	}

	public int offset() {
		return (this.page - 1) * this.size;
	}

	private static String text(Map<String, String> params, String name, int max) {
		String value = blankToNull(params.get(name));
		if (value != null && value.length() > max) {
			throw new AuditException(name + " is longer than " + max + " characters.");
		}
		return value;
	}

	private static <E extends Enum<E>> E enumValue(Map<String, String> params, String name, Class<E> type) {
		String value = upper(params.get(name));
		if (value == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
			throw new AuditException(name + " must be one of " + String.join(", ", names) + ", not \""
					+ shortened(params.get(name)) + "\".");
		}
	}

	/**
	 * A date ({@code 2026-11-22}, a UTC day) or an instant with an explicit UTC offset
	 * ({@code 2026-11-22T21:00:00Z}). A local date-time without an offset is refused: it
	 * would be read in some time zone the auditor did not choose.
	 */
	private static Instant instant(Map<String, String> params, String name, boolean endOfDay) {
		String value = blankToNull(params.get(name));
		if (value == null) {
			return null;
		}
		try {
			Instant instant;
			if (value.length() <= 10) {
				LocalDate date = LocalDate.parse(value);
				instant = (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			else {
				instant = OffsetDateTime.parse(value).toInstant();
			}
			if (!StorableTimes.storable(instant)) {
				throw new AuditException(
						name + " must be between the years 1 and 9999, not \"" + shortened(value) + "\".");
			}
			return instant;
		}
		catch (DateTimeParseException ex) {
			throw new AuditException(name + " must be a UTC date (2026-11-22) or a time with its offset"
					+ " (2026-11-22T21:00:00Z), not \"" + shortened(value) + "\".");
		}
	}

	private static int number(Map<String, String> params, String name, int fallback, int min, int max) {
		String value = blankToNull(params.get(name));
		if (value == null) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value);
			if (number < min || number > max) {
				throw new AuditException(name + " must be between " + min + " and " + max + ", not " + number + ".");
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new AuditException(name + " must be a whole number, not \"" + shortened(value) + "\".");
		}
	}

	private static String upper(String value) {
		String trimmed = blankToNull(value);
		return (trimmed != null) ? trimmed.toUpperCase(Locale.ROOT) : null;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String shortened(String value) {
		return (value.length() > 40) ? value.substring(0, 40) + "…" : value;
	}

}
