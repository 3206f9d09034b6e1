package dev.tminus.live.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one LISTEN connection of this instance, read by one daemon thread that hands every
 * committed signal to the streams open here. When the connection drops, it reconnects
 * with backoff and then ends the streams open here, whose browsers reconnect with
 * {@code Last-Event-ID} and so replay what was committed while nobody listened.
 */
@Component
class NotificationListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

	private static final int POLL_MILLIS = 5_000;

	private static final long VALIDATE_AFTER_IDLE_MILLIS = 30_000;

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final ListenConnections connections;

	private final Watchers watchers;

	private volatile boolean running;

	private volatile Thread thread;

	private volatile Connection current;

	NotificationListener(ListenConnections connections, Watchers watchers) {
		this.connections = connections;
		this.watchers = watchers;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		Thread listener = new Thread(this::listen, "live-listener");
		listener.setDaemon(true);
		this.thread = listener;
		listener.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread listener = this.thread;
		if (listener == null) {
			return;
		}
		listener.interrupt();
		// unblocks getNotifications
		ListenConnections.closeQuietly(this.current);
		try {
			listener.join(2_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		Duration backoff = FIRST_BACKOFF;
		boolean dropped = false;
		while (this.running) {
			Connection connection = null;
			try {
				connection = this.connections.open();
				this.current = connection;
				if (dropped) {
					log.info("Live updates: LISTEN connection re-established; asking open boards to catch up");
					this.watchers.closeAll();
					dropped = false;
				}
				backoff = FIRST_BACKOFF;
				relay(connection);
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					dropped = true;
					log.warn("Live updates: LISTEN connection lost ({}); reconnecting in {} ms", ex.getMessage(),
							backoff.toMillis());
				}
			}
			finally {
				this.current = null;
				if (connection != null) {
					this.connections.release(connection);
				}
			}
			if (dropped && this.running) {
				if (!sleep(backoff)) {
					return;
				}
				backoff = (backoff.compareTo(MAX_BACKOFF.dividedBy(2)) < 0) ? backoff.multipliedBy(2) : MAX_BACKOFF;
			}
		}
	}

	private void relay(Connection connection) throws SQLException {
		PgNotifications notifications = PgNotifications.of(connection);
		long lastHeard = System.currentTimeMillis();
		while (this.running) {
			var payloads = notifications.poll(Signal.CHANNEL, POLL_MILLIS);
			long now = System.currentTimeMillis();
			if (!payloads.isEmpty()) {
				lastHeard = now;
				payloads.forEach((payload) -> Signal.parse(payload).ifPresent(this.watchers::deliver));
			}
			else if (now - lastHeard > VALIDATE_AFTER_IDLE_MILLIS) {
				// a quiet connection may be a dead one
				if (!connection.isValid(5)) {
					throw new SQLException("LISTEN connection is no longer valid");
				}
				lastHeard = now;
			}
		}
	}

	private boolean sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
