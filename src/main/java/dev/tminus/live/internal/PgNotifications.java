package dev.tminus.live.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Reads NOTIFY payloads from a pgjdbc connection with
 * {@code PGConnection.getNotifications(timeoutMillis)}, which blocks until one arrives.
 */
final class PgNotifications {

	private final PGConnection connection;

	private PgNotifications(PGConnection connection) {
		this.connection = connection;
	}

	static PgNotifications of(Connection connection) throws SQLException {
		return new PgNotifications(connection.unwrap(PGConnection.class));
	}

	/**
	 * Waits up to {@code timeoutMillis} for notifications and returns the payloads of
	 * those on {@code channel}.
	 */
	List<String> poll(String channel, int timeoutMillis) throws SQLException {
		PGNotification[] notifications = this.connection.getNotifications(timeoutMillis);
		if (notifications == null || notifications.length == 0) {
			return List.of();
		}
		List<String> payloads = new ArrayList<>(notifications.length);
		for (PGNotification notification : notifications) {
			if (channel.equals(notification.getName())) {
				payloads.add(notification.getParameter());
			}
		}
		return payloads;
	}

}
