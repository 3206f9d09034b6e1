package dev.tminus.cutover;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import dev.tminus.shared.time.StorableTimes;

/**
 * Reads times that people type. Only UTC is accepted: a time without a zone, or in
 * another zone, is refused with the UTC equivalent named, never guessed.
 */
public final class UtcInstants {

	private UtcInstants() {
	}

	public static Instant parse(String field, String text) {
		if (text == null || text.isBlank()) {
			throw new CutoverException(field, "Enter a UTC time like 2026-11-22T21:00:00Z.");
		}
		String value = text.strip();
		try {
			OffsetDateTime parsed = OffsetDateTime.parse(value);
			if (!parsed.getOffset().equals(ZoneOffset.UTC)) {
				throw new CutoverException(field,
						"Give the time in UTC (ending in Z): " + value + " is " + parsed.toInstant() + ".");
			}
			if (!StorableTimes.storable(parsed.toInstant())) {
				throw new CutoverException(field,
						"Give a time between the years 1 and 9999, like 2026-11-22T21:00:00Z.");
			}
			return parsed.toInstant();
		}
		catch (DateTimeParseException ex) {
			if (value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?")) {
				throw new CutoverException(field, "This time has no zone. Add Z for UTC, like " + value
						+ (value.length() == 16 ? ":00Z" : "Z") + ".");
			}
			throw new CutoverException(field, "Enter a UTC time like 2026-11-22T21:00:00Z.");
		}
	}

}
