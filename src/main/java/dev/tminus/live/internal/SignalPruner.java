package dev.tminus.live.internal;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import dev.tminus.live.LiveProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes signals past their retention: they only serve replay after a reconnect, the
 * timeline is the record. Harmless when several instances do it.
 */
@Component
class SignalPruner {

	private static final Logger log = LoggerFactory.getLogger(SignalPruner.class);

	private final SignalStore store;

	private final LiveProperties properties;

	private final Clock clock;

	SignalPruner(SignalStore store, LiveProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelay = 5, fixedDelay = 60, timeUnit = TimeUnit.MINUTES)
	void pruneOldSignals() {
		prune();
	}

	int prune() {
		int deleted = this.store.deleteCreatedBefore(this.clock.instant().minus(this.properties.retention()));
		if (deleted > 0) {
			log.debug("Pruned {} live signals older than {}", deleted, this.properties.retention());
		}
		return deleted;
	}

}
