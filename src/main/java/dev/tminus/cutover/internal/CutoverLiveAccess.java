package dev.tminus.cutover.internal;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverService;
import dev.tminus.live.LiveAccess;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Whoever may read a board may watch its live events: the same rule, decided by the
 * cutover module.
 */
@Component
class CutoverLiveAccess implements LiveAccess {

	private final CutoverService cutovers;

	CutoverLiveAccess(CutoverService cutovers) {
		this.cutovers = cutovers;
	}

	@Override
	public void checkCanWatch(long cutoverId, Authentication who) {
		if (who == null || !(who.getPrincipal() instanceof CurrentUser user)) {
			throw new AccessDeniedException("Sign in to watch a cutover.");
		}
		this.cutovers.access(cutoverId, user);
	}

}
