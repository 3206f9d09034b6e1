package dev.tminus.account.internal;

import java.security.SecureRandom;

import dev.tminus.account.AccountProperties;
import dev.tminus.account.AccountService;
import dev.tminus.account.GlobalRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * On the very first start (no accounts at all) creates {@code admin}. Its password is
 * {@code TMINUS_ADMIN_PASSWORD} when given, otherwise random and printed once: there is
 * no default password anywhere.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class InitialAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final AccountService accounts;

	private final AccountProperties properties;

	InitialAdmin(AccountService accounts, AccountProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.accounts.count() > 0) {
			return;
		}
		boolean given = StringUtils.hasText(this.properties.initialAdminPassword());
		String password = given ? this.properties.initialAdminPassword() : randomPassword(20);
		this.accounts.create("admin", "Administrator", GlobalRole.ADMIN, password);
		if (given) {
			log.warn("Created the first account 'admin' with the password from TMINUS_ADMIN_PASSWORD.");
		}
		else {
			log.warn("""

					==================================================================
					  First start: created the account 'admin'.
					  Password (shown only this once): {}
					  Sign in at /login and change it under 'Password'.
					==================================================================""", password);
		}
	}

	static String randomPassword(int length) {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
