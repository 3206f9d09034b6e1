package dev.tminus.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in rules.
 *
 * @param maxFailedAttempts wrong passwords in a row that lock an account
 * @param lockDuration how long a locked account stays locked
 * @param initialAdminPassword password of the {@code admin} account created on the first
 * start; random (printed once in the log) when empty
 */
@ConfigurationProperties("tminus.account")
public record AccountProperties(@DefaultValue("5") int maxFailedAttempts, @DefaultValue("15m") Duration lockDuration,
		String initialAdminPassword) {

}
