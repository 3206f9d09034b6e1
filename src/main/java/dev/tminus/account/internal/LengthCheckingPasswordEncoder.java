package dev.tminus.account.internal;

import java.nio.charset.StandardCharsets;

import dev.tminus.account.PasswordPolicy;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt refuses inputs over 72 bytes with an exception; a login form posted with a 10
 * 000-character password must get "wrong password", not a 500. Anything longer than a
 * valid password can be cannot match.
 */
final class LengthCheckingPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	LengthCheckingPasswordEncoder(PasswordEncoder delegate) {
		this.delegate = delegate;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return this.delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || tooLong(rawPassword)) {
			return false;
		}
		return this.delegate.matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	private static boolean tooLong(CharSequence rawPassword) {
		return rawPassword.length() > PasswordPolicy.MAX_BYTES
				&& rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES;
	}

}
