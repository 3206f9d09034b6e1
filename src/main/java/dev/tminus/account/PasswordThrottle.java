package dev.tminus.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Growing delays after wrong passwords, instead of locks that a stranger could use to
 * keep an owner out. A key ({@link Key}) collects wrong passwords: after a few free ones,
 * the next attempt on that key must wait 1 s, 2 s, 4 s ... up to the key's cap. While a
 * key must wait, attempts are refused without checking the password, so waiting is the
 * only way to guess further.
 * <ul>
 * <li>sign-in, per account and source address: 3 free, up to
 * {@code tminus.account.throttle-max-delay} (15 min);</li>
 * <li>sign-in, per source address over all accounts (password spraying) and per account
 * over all addresses (guessing from many addresses): 10 free, capped at
 * {@code tminus.account.throttle-account-max-delay} (30 s), so that nobody elsewhere, nor
 * a neighbour behind the same NAT, can keep the owner out for longer than that;</li>
 * <li>password re-entry of a signed-in person (a decision, a password change, a trigger's
 * triage), per account: 3 free, up to the long cap.</li>
 * </ul>
 * Keys are names as typed, whether or not such an account exists, so unknown and known
 * accounts answer alike. Kept in memory, per instance.
 */
@Component
public class PasswordThrottle {

	private static final int MAX_KEYS = 100_000;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration maxDelay;

	private final Duration accountMaxDelay;

	PasswordThrottle(Clock clock, AccountProperties properties) {
		this.clock = clock;
		this.maxDelay = properties.throttleMaxDelay();
		this.accountMaxDelay = properties.throttleAccountMaxDelay();
	}

	/** What wrong passwords are counted against. */
	public record Key(String name, int free, boolean shortCap) {

		public static Key signInFrom(String username, String address) {
			return new Key("sign-in:" + AccountService.normalizeUsername(username) + "|" + address, 3, false);
		}

		public static Key signInsFrom(String address) {
			return new Key("address:" + address, 10, true);
		}

		public static Key signInsOf(String username) {
			return new Key("account:" + AccountService.normalizeUsername(username), 10, true);
		}

		public static Key reentryOf(String username) {
			return new Key("re-entry:" + AccountService.normalizeUsername(username), 3, false);
		}

	}

	/** How long the longest-waiting of these keys must still wait, if any. */
	public Optional<Duration> waitFor(Key... keys) {
		Instant now = this.clock.instant();
		Duration longest = Duration.ZERO;
		for (Key key : keys) {
			Failures counted = this.failures.get(key.name());
			if (counted != null) {
				Duration left = Duration.between(now, counted.last().plus(delay(key, counted.count())));
				if (left.compareTo(longest) > 0) {
					longest = left;
				}
			}
		}
		return longest.isZero() ? Optional.empty() : Optional.of(longest);
	}

	public void failed(Key... keys) {
		Instant now = this.clock.instant();
		if (this.failures.size() > MAX_KEYS) {
			prune(now);
		}
		for (Key key : keys) {
			this.failures.merge(key.name(), new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
		}
	}

	public void succeeded(Key... keys) {
		for (Key key : keys) {
			this.failures.remove(key.name());
		}
	}

	/** The wait after {@code count} wrong passwords on {@code key}. */
	Duration delay(Key key, int count) {
		if (count <= key.free()) {
			return Duration.ZERO;
		}
		Duration cap = key.shortCap() ? this.accountMaxDelay : this.maxDelay;
		int doublings = Math.min(count - key.free() - 1, 30);
		Duration delay = Duration.ofSeconds(1L << doublings);
		return (delay.compareTo(cap) > 0) ? cap : delay;
	}

	private void prune(Instant now) {
		this.failures.values().removeIf((f) -> f.last().plus(this.maxDelay).isBefore(now));
		if (this.failures.size() > MAX_KEYS) {
			// a flood of distinct names: forget the oldest half rather than grow without
			// bound
			Instant median = this.failures.values()
				.stream()
				.map(Failures::last)
				.sorted()
				.skip(MAX_KEYS / 2)
				.findFirst()
				.orElse(now);
			this.failures.values().removeIf((f) -> f.last().isBefore(median));
		}
	}

	/** "12 seconds", "3 minutes": how a wait reads on a page. */
	public static String describe(Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		if (seconds < 120) {
			return seconds + ((seconds == 1) ? " second" : " seconds");
		}
		return ((seconds + 59) / 60) + " minutes";
	}

	private record Failures(int count, Instant last) {
	}

}
