package dev.tminus.api.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tminus.api.ApiProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Component;

/**
 * A token bucket per API token (Bucket4j): {@code requestsPerMinute} at most, refilled
 * evenly. Kept in this instance's memory: with several instances each allows as many.
 */
@Component
class RateLimits {

	private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

	private final int perMinute;

	RateLimits(ApiProperties properties) {
		this.perMinute = properties.requestsPerMinute();
	}

	/**
	 * Takes one request from the token's bucket.
	 * @return 0 when the request may go ahead, otherwise the seconds to wait
	 */
	long take(long tokenId) {
		Bucket bucket = this.buckets.computeIfAbsent(tokenId, (id) -> Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.perMinute).refillGreedy(this.perMinute, Duration.ofMinutes(1)))
			.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return 0;
		}
		return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
	}

}
