package dev.tminus.audit.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.tminus.cutover.CutoverKind;

/**
 * What the statistics cover: one template name (all versions of it) or all, a range of
 * T-0 dates (UTC, both days included), rehearsals, live runs or both, and whether the
 * viewer deliberately mixes rehearsals and live runs in one figure.
 *
 * @param template a template name, or {@code null} for all
 * @param from first T-0 day (UTC), or {@code null}
 * @param to last T-0 day (UTC), included, or {@code null}
 */
public record StatsFilter(String template, LocalDate from, LocalDate to, Kind kind, boolean combine) {

	static final int MAX_TEMPLATE_NAME = 200;

	static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);

	static final LocalDate LATEST = LocalDate.of(9999, 12, 30);

	/** Which runs: the {@code kind} parameter. */
	public enum Kind {

		REHEARSAL, LIVE, BOTH

	}

	public StatsFilter {
		kind = (kind != null) ? kind : Kind.BOTH;
	}

	/** Everything the viewer may read, rehearsals and live runs apart. */
	public static StatsFilter everything() {
		return new StatsFilter(null, null, null, Kind.BOTH, false);
	}

	/**
	 * Reads the page's query parameters (any may be {@code null} or blank).
	 * @throws StatsFilterException naming every parameter that cannot be used
	 */
	public static StatsFilter parse(String template, String from, String to, String kind, String combine) {
		List<String> problems = new ArrayList<>();
		String name = blankToNull(template);
		if (name != null && name.length() > MAX_TEMPLATE_NAME) {
			problems.add("Template: a template name has at most " + MAX_TEMPLATE_NAME + " characters.");
			name = null;
		}
		LocalDate fromDay = date("From", from, problems);
		LocalDate toDay = date("To", to, problems);
		if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
			problems
				.add("From (" + fromDay + ") is after To (" + toDay + "): choose a From day on or before the To day.");
		}
		Kind chosenKind = Kind.BOTH;
		String kindText = blankToNull(kind);
		if (kindText != null) {
			try {
				chosenKind = Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add("Kind: '" + shown(kindText) + "' is not a kind; choose REHEARSAL, LIVE or BOTH.");
			}
		}
		boolean mixed = false;
		String combineText = blankToNull(combine);
		if (combineText != null) {
			switch (combineText.toLowerCase(Locale.ROOT)) {
				case "true", "on" -> mixed = true;
				case "false", "off" -> mixed = false;
				default -> problems.add("Combine: '" + shown(combineText) + "' is neither true nor false.");
			}
		}
		if (!problems.isEmpty()) {
			throw new StatsFilterException(problems);
		}
		return new StatsFilter(name, fromDay, toDay, chosenKind, mixed);
	}

	/** The series each figure shows: rehearsals and live runs apart unless combined. */
	public List<StatsSeries> series() {
		return switch (this.kind) {
			case REHEARSAL -> List.of(StatsSeries.REHEARSAL);
			case LIVE -> List.of(StatsSeries.LIVE);
			case BOTH -> this.combine ? List.of(StatsSeries.ALL) : List.of(StatsSeries.REHEARSAL, StatsSeries.LIVE);
		};
	}

	/** The cutover kinds the figures read. */
	public Set<CutoverKind> kinds() {
		return switch (this.kind) {
			case REHEARSAL -> EnumSet.of(CutoverKind.REHEARSAL);
			case LIVE -> EnumSet.of(CutoverKind.LIVE);
			case BOTH -> EnumSet.allOf(CutoverKind.class);
		};
	}

	/** The first instant of the range, or {@code null}. */
	public Instant fromInstant() {
		return (this.from != null) ? this.from.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

	/** The first instant after the range (the To day is included), or {@code null}. */
	public Instant toExclusive() {
		return (this.to != null) ? this.to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

	/** The combine flag only changes anything when both kinds are shown. */
	public boolean mixed() {
		return this.kind == Kind.BOTH && this.combine;
	}

	/** In words, for the page: "E2-3 ..., T-0 from 2026-01-01 to 2026-03-31 (UTC)". */
	public String description() {
		String what = (this.template != null) ? "template '" + this.template + "'" : "every template";
		String kinds = switch (this.kind) {
			case REHEARSAL -> "rehearsals only";
			case LIVE -> "live runs only";
			case BOTH -> this.combine ? "rehearsals and live runs mixed" : "rehearsals and live runs apart";
		};
		String range;
		if (this.from != null && this.to != null) {
			range = "T-0 from " + this.from + " to " + this.to + " (UTC, both included)";
		}
		else if (this.from != null) {
			range = "T-0 on or after " + this.from + " (UTC)";
		}
		else if (this.to != null) {
			range = "T-0 on or before " + this.to + " (UTC)";
		}
		else {
			range = "any T-0";
		}
		return what + ", " + range + ", " + kinds;
	}

	private static LocalDate date(String label, String text, List<String> problems) {
		String value = blankToNull(text);
		if (value == null) {
			return null;
		}
		try {
			LocalDate day = LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
			if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
				problems.add(label + ": " + day + " is out of range; use a day between " + EARLIEST + " and " + LATEST
						+ ".");
				return null;
			}
			return day;
		}
		catch (DateTimeParseException ex) {
			problems.add(label + ": '" + shown(value) + "' is not a date; use YYYY-MM-DD (UTC), like 2026-03-31.");
			return null;
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String shown(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "…";
	}

}
