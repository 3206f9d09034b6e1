package dev.tminus.comms.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher on every instance, {@code tminus.webhooks.fixed-delay} after the
 * previous round ended. Off with {@code tminus.webhooks.dispatch=false} (the tests drive
 * the dispatcher by hand). A {@code @Scheduled} method: Spring stops and restarts it with
 * its context.
 */
@Component
@ConditionalOnBooleanProperty(name = "tminus.webhooks.dispatch", matchIfMissing = true)
class WebhookSchedule {

	private final WebhookDispatcher dispatcher;

	WebhookSchedule(WebhookDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Scheduled(initialDelayString = "${tminus.webhooks.fixed-delay:2s}",
			fixedDelayString = "${tminus.webhooks.fixed-delay:2s}")
	void dispatch() {
		this.dispatcher.dispatchDue();
	}

}
