package dev.tminus.account.internal;

import java.time.Clock;

import dev.tminus.account.AccountCredentials;
import dev.tminus.account.AccountService;
import dev.tminus.account.CurrentUser;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class AccountUserDetailsService implements UserDetailsService {

	private final AccountCredentials credentials;

	private final Clock clock;

	AccountUserDetailsService(AccountCredentials credentials, Clock clock) {
		this.credentials = credentials;
		this.clock = clock;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		CurrentUser user = this.credentials.load(AccountService.normalizeUsername(username), this.clock.instant());
		if (user == null) {
			throw new UsernameNotFoundException("No such account");
		}
		return user;
	}

}
