package dev.tminus.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	@Test
	void refusesCommonAndBreachedPasswordsThatAreLongEnough() {
		assertThat(PasswordPolicy.problemWith("password1234")).startsWith("This password is too easy to guess")
			.contains("common password");
		assertThat(PasswordPolicy.problemWith("qwertyuiop123")).startsWith("This password is too easy to guess");
		assertThat(PasswordPolicy.problemWith("Summer2024!!")).startsWith("This password is too easy to guess");
		assertThat(PasswordPolicy.problemWith("aaaaaaaaaaaaaaa")).startsWith("This password is too easy to guess");
	}

	@Test
	void acceptsAPassphraseOrARandomPassword() {
		assertThat(PasswordPolicy.problemWith("initial admin password for tests")).isNull();
		assertThat(PasswordPolicy.problemWith("a8f!Kq2#zL9w")).isNull();
	}

	@Test
	void refusesShortOrOverlongOnesAndOnesWithTheUsername() {
		assertThat(PasswordPolicy.problemWith("short")).isEqualTo("Use at least 12 characters.");
		assertThat(PasswordPolicy.problemWith("x".repeat(73))).startsWith("Use at most 72 bytes");
		assertThat(PasswordPolicy.problemWith("dana.diaz plus river stone", "dana.diaz"))
			.isEqualTo("Do not start your password with your username.");
		assertThat(PasswordPolicy.problemWith("initial admin password for tests", "admin")).isNull();
	}

}
