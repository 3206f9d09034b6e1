package dev.tminus.live;

import java.time.Clock;
import java.util.regex.Pattern;

import dev.tminus.live.internal.SignalStore;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells every open board of a cutover, on every app instance, that one of its topics
 * changed. A signal carries no content: browsers re-fetch the fragment through the
 * normal, permission-checked controllers.
 */
@Service
public class LiveSignals {

	private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9-]{0,30}");

	private final SignalStore store;

	private final Clock clock;

	LiveSignals(SignalStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Records a signal and queues its PostgreSQL notification in the caller's
	 * transaction, so that boards hear of it only once the change is committed, and never
	 * of a change that is rolled back.
	 * @param cutoverId the cutover that changed
	 * @param topic what changed, e.g. {@code steps}, {@code roles}, {@code status},
	 * {@code timeline}, {@code gates}; pages subscribe to {@code live:<topic>}
	 * @throws IllegalArgumentException when the topic is not {@code [a-z][a-z0-9-]{0,30}}
	 * @throws org.springframework.transaction.IllegalTransactionStateException when
	 * called outside a transaction
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void signal(long cutoverId, String topic) {
		if (topic == null || !TOPIC.matcher(topic).matches()) {
			throw new IllegalArgumentException("A live topic is 1-31 of a-z, 0-9 and '-', starting with a letter: "
					+ ((topic != null) ? "'" + topic + "'" : "null"));
		}
		this.store.insertAndNotify(cutoverId, topic, this.clock.instant());
	}

}
