package dev.tminus.account;

import java.nio.charset.StandardCharsets;

/**
 * What a password must be. bcrypt only reads 72 bytes, so longer ones are refused rather
 * than silently cut.
 */
public final class PasswordPolicy {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_BYTES = 72;

	private PasswordPolicy() {
	}

	/** The reason a password is refused, or {@code null} when it is acceptable. */
	public static String problemWith(String password) {
		if (password == null || password.isBlank()) {
			return "Enter a password.";
		}
		if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return "Use at least " + MIN_LENGTH + " characters.";
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return "Use at most " + MAX_BYTES + " bytes (about 72 plain characters).";
		}
		return null;
	}

}
