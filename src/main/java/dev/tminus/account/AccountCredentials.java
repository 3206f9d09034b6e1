package dev.tminus.account;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the sign-in view of an account, hash included. Only for the security layer.
 */
@Component
public class AccountCredentials {

	private final AccountRepository accounts;

	AccountCredentials(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Transactional(readOnly = true)
	public CurrentUser load(String username, Instant now) {
		return this.accounts.findByUsername(username)
			.map((a) -> new CurrentUser(a.getId(), a.getUsername(), a.getDisplayName(), a.getRole(),
					a.getPasswordHash(), a.isEnabled(), false))
			.orElse(null);
	}

}
