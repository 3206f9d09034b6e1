package dev.tminus.shared.time;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The times T-Minus takes from people and scripts: years 1 to 9999. Java reads years up
 * to ±999999999, PostgreSQL stores far fewer; a time outside this range is refused where
 * it is read, with the field's own message, instead of failing in the database.
 */
public final class StorableTimes {

	public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

	private StorableTimes() {
	}

	public static boolean storable(Instant instant) {
		return instant == null || (!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST));
	}

	public static boolean storable(LocalDate date) {
		return date == null || (date.getYear() >= 1 && date.getYear() <= 9999);
	}

}
