package dev.tminus.account;

import java.time.Duration;

/**
 * The outcome of retyping one's password.
 *
 * @param matches whether it was right (and checked)
 * @param waitFor when too many wrong ones came before: how long until the next is checked
 */
public record PasswordConfirmation(boolean matches, Duration waitFor) {

	/** What to tell the person: {@code wrong}, or to wait. */
	public String refusal(String wrong) {
		if (this.waitFor != null) {
			return "Too many wrong passwords: wait " + PasswordThrottle.describe(this.waitFor) + ", then retype it.";
		}
		return wrong;
	}

}
