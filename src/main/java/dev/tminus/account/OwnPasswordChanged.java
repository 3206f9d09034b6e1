package dev.tminus.account;

/**
 * Someone changed their own password: every other session of theirs ends (a leaked
 * password must not leave a stranger signed in), the one they changed it from stays.
 *
 * @param username whose password changed
 * @param keepSessionId the session the change was made from, or {@code null} to end all
 */
public record OwnPasswordChanged(String username, String keepSessionId) {

}
