package dev.tminus.timeline.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An entry's details as JSON. Details are turned into what PostgreSQL will give back
 * before they are hashed (a round trip through JSON, decimals kept exact), so that the
 * hash computed on append is the one an auditor recomputes from the {@code jsonb} column.
 * The mapper is our own, not the application's, so that no Jackson setting can change how
 * old entries read.
 */
public final class DetailsJson {

	/**
	 * Largest details JSON text accepted; details are links and field values, not files.
	 */
	public static final int MAX_LENGTH = 65_536;

	// a decimal's plain form must stay readable back (Jackson reads numbers of up to 1000
	// digits)
	private static final int MAX_DIGITS = 400;

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private DetailsJson() {
	}

	/**
	 * Details as stored: JSON values only (maps, lists, strings, numbers as Integer,
	 * Long, BigInteger or BigDecimal, booleans, nulls); an {@code Instant} becomes its
	 * ISO-8601 text, an enum its name. Throws {@link IllegalArgumentException} for
	 * details that cannot be stored.
	 */
	public static Map<String, Object> normalize(Map<String, ?> details) {
		if (details == null || details.isEmpty()) {
			return Map.of();
		}
		try {
			String json = mapper.writeValueAsString(details);
			if (json.length() > MAX_LENGTH) {
				throw new IllegalArgumentException("The details are " + json.length() + " characters of JSON; at most "
						+ MAX_LENGTH + " are allowed.");
			}
			Map<String, Object> normalized = read(json);
			check(normalized);
			return normalized;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The details cannot be stored as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	public static String write(Map<String, Object> details) {
		return mapper.writeValueAsString(details);
	}

	public static Map<String, Object> read(String json) {
		return Collections.unmodifiableMap(mapper.readValue(json, MAP));
	}

	private static void check(Object value) {
		if (value instanceof String string) {
			StorableText.require(string, "details");
		}
		else if (value instanceof Map<?, ?> map) {
			map.forEach((key, member) -> {
				StorableText.require((String) key, "details");
				check(member);
			});
		}
		else if (value instanceof List<?> list) {
			list.forEach(DetailsJson::check);
		}
		else if (value instanceof BigDecimal decimal
				&& (Math.abs(decimal.scale()) > MAX_DIGITS || decimal.precision() - decimal.scale() > MAX_DIGITS)) {
			throw new IllegalArgumentException("The details hold a number too large or too small to store: " + decimal);
		}
		else if (value instanceof BigInteger integer && integer.bitLength() > MAX_DIGITS * 3) {
			throw new IllegalArgumentException("The details hold a number too large to store.");
		}
	}

}
