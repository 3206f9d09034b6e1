package dev.tminus.account;

import java.time.Instant;

/**
 * What other modules and pages may know of an account: never its password hash.
 */
public record AccountView(long id, String username, String displayName, GlobalRole role, boolean enabled,
		Instant lockedUntil, Instant createdAt) {

	public boolean lockedAt(Instant now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
	}

	/** "Dana Diaz (dana)": how a person is named on boards and in the timeline. */
	public String label() {
		return this.displayName + " (" + this.username + ")";
	}

}
