package dev.tminus.timeline.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON text of a JSON value, so that equal values hash equally however they were
 * built or read back from PostgreSQL's {@code jsonb}:
 * <ul>
 * <li>no whitespace; object members sorted by key in UTF-16 code unit order
 * ({@link String#compareTo}), at every depth; null members kept;</li>
 * <li>strings escape only {@code "}, {@code \} and U+0000..U+001F ({@code \b \f \n \r \t}
 * or {@code \}{@code u00xx} in lower case); every other character is itself (UTF-8 when
 * hashed);</li>
 * <li>numbers in plain decimal notation without exponent, trailing fraction zeros or a
 * trailing point: {@code 1}, {@code 1.0} and {@code 1E+0} are all {@code 1}; {@code -0}
 * is {@code 0}.</li>
 * </ul>
 * Strings and key order are those of RFC 8785 (JCS); numbers differ on purpose: JCS
 * prints IEEE doubles, which would lose the exact decimals {@code jsonb} keeps.
 */
public final class CanonicalJson {

	private CanonicalJson() {
	}

	/**
	 * The canonical text of a tree of maps, lists, strings, numbers, booleans and nulls.
	 */
	public static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out);
		return out.toString();
	}

	private static void write(Object value, StringBuilder out) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof String string) {
			string(string, out);
		}
		else if (value instanceof Boolean bool) {
			out.append(bool.booleanValue());
		}
		else if (value instanceof Number number) {
			out.append(number(number));
		}
		else if (value instanceof Map<?, ?> map) {
			object(map, out);
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(list.get(i), out);
			}
			out.append(']');
		}
		else {
			throw new IllegalArgumentException("Not a JSON value: " + value.getClass().getName());
		}
	}

	private static void object(Map<?, ?> map, StringBuilder out) {
		TreeMap<String, Object> sorted = new TreeMap<>();
		map.forEach((key, member) -> {
			if (!(key instanceof String name)) {
				throw new IllegalArgumentException("A JSON object key must be a string, not " + key);
			}
			sorted.put(name, member);
		});
		out.append('{');
		boolean first = true;
		for (Map.Entry<String, Object> member : sorted.entrySet()) {
			if (!first) {
				out.append(',');
			}
			first = false;
			string(member.getKey(), out);
			out.append(':');
			write(member.getValue(), out);
		}
		out.append('}');
	}

	static String number(Number number) {
		if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
			return Long.toString(number.longValue());
		}
		if (number instanceof BigInteger integer) {
			return integer.toString();
		}
		BigDecimal decimal;
		if (number instanceof BigDecimal exact) {
			decimal = exact;
		}
		else if (number instanceof Double || number instanceof Float) {
			double value = number.doubleValue();
			if (!Double.isFinite(value)) {
				throw new IllegalArgumentException("JSON has no " + number);
			}
			decimal = new BigDecimal(number.toString());
		}
		else {
			throw new IllegalArgumentException("Not a JSON number: " + number.getClass().getName());
		}
		return (decimal.signum() == 0) ? "0" : decimal.stripTrailingZeros().toPlainString();
	}

	private static void string(String value, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
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
		out.append('"');
	}

}
