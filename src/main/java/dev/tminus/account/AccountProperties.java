package dev.tminus.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in rules.
 *
 * @param throttleMaxDelay the longest wait wrong passwords from one address (or in
 * password re-entry) can cause
 * @param throttleAccountMaxDelay the longest wait wrong passwords for one account from
 * anywhere can cause: short, so that nobody can keep its owner out
 * @param initialAdminPassword password of the {@code admin} account created on the first
 * start; random (printed once in the log) when empty
 * @param metricsToken the bearer token Prometheus scrapes {@code /actuator/prometheus}
 * with (at least 32 characters); metrics are not served while it is empty
 */
@ConfigurationProperties("tminus.account")
public record AccountProperties(@DefaultValue("15m") Duration throttleMaxDelay,
		@DefaultValue("30s") Duration throttleAccountMaxDelay, String initialAdminPassword, String metricsToken) {

	public AccountProperties {
		if (metricsToken != null && !metricsToken.isBlank() && metricsToken.strip().length() < 32) {
			throw new IllegalArgumentException(
					"tminus.account.metrics-token must be at least 32 characters (for example: openssl rand -hex 32)");
		}
	}

}
