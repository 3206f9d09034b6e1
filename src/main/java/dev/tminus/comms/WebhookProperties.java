package dev.tminus.comms;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhook deliveries are sent. A failed attempt is retried after
 * {@code backoffBase * 2^(attempt-1)}, at most {@code backoffMax}; after
 * {@code maxAttempts} the delivery is given up (FAILED). With the defaults: 10 s, 20 s,
 * 40 s ... then every 30 min: 24 attempts over about 8 h.
 *
 * @param dispatch whether this instance runs the dispatcher on its schedule (every
 * instance may: deliveries are claimed with {@code for update skip locked})
 * @param fixedDelay pause between two rounds of the dispatcher
 * @param connectTimeout to open a connection to a receiver
 * @param timeout for the receiver's answer to one post
 * @param maxAttempts attempts before a delivery is given up
 * @param backoffBase wait after the first failed attempt
 * @param backoffMax longest wait between two attempts
 * @param batchSize deliveries one round claims and posts (in parallel) at most
 * @param allowedTargets addresses or CIDR ranges webhooks may post to although they are
 * loopback, private or link-local (see {@link WebhookTargets}); empty by default
 */
@ConfigurationProperties("tminus.webhooks")
public record WebhookProperties(@DefaultValue("true") boolean dispatch, @DefaultValue("2s") Duration fixedDelay,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration timeout,
		@DefaultValue("24") int maxAttempts, @DefaultValue("10s") Duration backoffBase,
		@DefaultValue("30m") Duration backoffMax, @DefaultValue("20") int batchSize, List<String> allowedTargets) {

	public WebhookProperties {
		positive("fixed-delay", fixedDelay);
		positive("connect-timeout", connectTimeout);
		positive("timeout", timeout);
		positive("backoff-base", backoffBase);
		positive("backoff-max", backoffMax);
		if (maxAttempts < 1 || maxAttempts > 100) {
			throw new IllegalArgumentException("tminus.webhooks.max-attempts must be 1-100, not " + maxAttempts);
		}
		allowedTargets = (allowedTargets != null) ? List.copyOf(allowedTargets) : List.of();
		new WebhookTargets(allowedTargets); // fails at start-up on a malformed entry
		if (batchSize < 1 || batchSize > 500) {
			throw new IllegalArgumentException("tminus.webhooks.batch-size must be 1-500, not " + batchSize);
		}
	}

	/** The wait after the given failed attempt (1-based): exponential, capped. */
	public Duration backoffAfter(int attempt) {
		int doublings = Math.min(Math.max(attempt, 1) - 1, 30);
		Duration delay = this.backoffBase.multipliedBy(1L << doublings);
		return (delay.compareTo(this.backoffMax) > 0) ? this.backoffMax : delay;
	}

	/**
	 * How long a claimed delivery is left to the instance that claimed it: if that
	 * instance stops before recording the outcome, another one retries it after this.
	 */
	public Duration lease() {
		return this.connectTimeout.plus(this.timeout).plusSeconds(30);
	}

	private static void positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("tminus.webhooks." + name + " must be positive, not " + value);
		}
	}

}
