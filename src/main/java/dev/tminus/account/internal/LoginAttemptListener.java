package dev.tminus.account.internal;

import dev.tminus.account.PasswordThrottle;
import dev.tminus.account.PasswordThrottle.Key;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Counts wrong passwords at sign-in against the account, the source address and the pair
 * (see {@link PasswordThrottle}); a successful sign-in clears the account's and the
 * pair's count. Nothing is locked.
 */
@Component
class LoginAttemptListener {

	private final PasswordThrottle throttle;

	LoginAttemptListener(PasswordThrottle throttle) {
		this.throttle = throttle;
	}

	@EventListener
	void onFailure(AbstractAuthenticationFailureEvent event) {
		String address = address(event.getAuthentication());
		if (address != null) {
			String username = event.getAuthentication().getName();
			this.throttle.failed(Key.signInFrom(username, address), Key.signInsFrom(address), Key.signInsOf(username));
		}
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		String address = address(event.getAuthentication());
		if (address != null) {
			String username = event.getAuthentication().getName();
			this.throttle.succeeded(Key.signInFrom(username, address), Key.signInsOf(username));
		}
	}

	/** Only form sign-ins carry an address; API tokens and sessions are not passwords. */
	private static String address(Authentication authentication) {
		return (authentication != null && authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : null;
	}

}
