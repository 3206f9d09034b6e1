package dev.tminus.account.internal;

import dev.tminus.account.AccountRightsChanged;
import dev.tminus.account.OwnPasswordChanged;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ends every open session of an account whose rights changed, so a disabled or demoted
 * person does not keep acting with what they had; and, when someone changes their own
 * password, every session of theirs but the one they changed it from.
 */
@Component
class SessionRevoker {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	SessionRevoker(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	@TransactionalEventListener
	void on(AccountRightsChanged event) {
		this.sessions.findByPrincipalName(event.username()).keySet().forEach(this.sessions::deleteById);
	}

	@TransactionalEventListener
	void on(OwnPasswordChanged event) {
		this.sessions.findByPrincipalName(event.username())
			.keySet()
			.stream()
			.filter((id) -> !id.equals(event.keepSessionId()))
			.forEach(this.sessions::deleteById);
	}

}
