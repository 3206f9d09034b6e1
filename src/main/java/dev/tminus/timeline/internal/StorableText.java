package dev.tminus.timeline.internal;

/**
 * Checks that a string comes back from PostgreSQL exactly as it went in, which a hash
 * chain depends on: PostgreSQL refuses NUL in {@code text} and {@code jsonb}, and the
 * driver turns an unpaired UTF-16 surrogate into '?'.
 */
public final class StorableText {

	private StorableText() {
	}

	/**
	 * Returns the value, or throws {@link IllegalArgumentException} naming {@code what}.
	 */
	public static String require(String value, String what) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\0') {
				throw new IllegalArgumentException(
						"The " + what + " must not contain a NUL character: PostgreSQL cannot store it.");
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new IllegalArgumentException(
						"The " + what + " must not contain a broken Unicode character (an unpaired surrogate).");
			}
		}
		return value;
	}

	/**
	 * Length in characters as PostgreSQL's {@code length()} counts them (code points).
	 */
	public static int length(String value) {
		return value.codePointCount(0, value.length());
	}

}
