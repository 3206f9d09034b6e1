package dev.tminus.account.internal;

import dev.tminus.account.AccountService;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Counts wrong passwords so that guessing locks the account.
 */
@Component
class LoginAttemptListener {

	private final AccountService accounts;

	LoginAttemptListener(AccountService accounts) {
		this.accounts = accounts;
	}

	@EventListener
	void onFailure(AuthenticationFailureBadCredentialsEvent event) {
		this.accounts.recordFailedLogin(event.getAuthentication().getName());
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		this.accounts.recordSuccessfulLogin(event.getAuthentication().getName());
	}

}
