package dev.tminus.account;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * What a password must be: at least 12 characters, at most 72 bytes (bcrypt only reads
 * 72, so longer ones are refused rather than silently cut), and hard to guess. Guessing
 * is estimated by nbvcxz (a maintained zxcvbn port) against the dictionaries it ships:
 * about a hundred thousand passwords from breach lists, English words, names and keyboard
 * patterns, with leet-speak and year variants; under 35 bits of entropy is refused.
 */
public final class PasswordPolicy {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_BYTES = 72;

	private static final Nbvcxz estimator = new Nbvcxz();

	private PasswordPolicy() {
	}

	/** The reason a password is refused, or {@code null} when it is acceptable. */
	public static String problemWith(String password) {
		return problemWith(password, null);
	}

	/**
	 * The reason a password is refused for an account, or {@code null} when it is
	 * acceptable.
	 */
	public static String problemWith(String password, String username) {
		if (password == null || password.isBlank()) {
			return "Enter a password.";
		}
		if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return "Use at least " + MIN_LENGTH + " characters.";
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return "Use at most " + MAX_BYTES + " bytes (about 72 plain characters).";
		}
		if (username != null && password.strip()
			.toLowerCase(Locale.ROOT)
			.replace(" ", "")
			.startsWith(username.strip().toLowerCase(Locale.ROOT))) {
			return "Do not start your password with your username.";
		}
		Result estimate = estimator.estimate(password);
		if (!estimate.isMinimumEntropyMet()) {
			String warning = estimate.getFeedback().getWarning();
			return "This password is too easy to guess" + ((warning != null) ? " (" + warning.strip() + ")" : "")
					+ ". Use a longer passphrase of several unrelated words, or a password manager.";
		}
		return null;
	}

}
