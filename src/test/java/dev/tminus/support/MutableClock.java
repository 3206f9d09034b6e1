package dev.tminus.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock the test moves by hand. Starts at the real time (rounded to the second) so
 * that "in the future" rules behave as on a real server.
 */
public final class MutableClock extends Clock {

	private volatile Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("T-Minus runs on UTC only");
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	public void set(Instant instant) {
		this.now = instant;
	}

	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

}
