package dev.tminus.live.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads NOTIFY payloads from a pgjdbc connection with
 * {@code PGConnection.getNotifications(timeoutMillis)}, which blocks until one arrives.
 * <p>
 * Reflective only because the pom declares the PostgreSQL driver with runtime scope; with
 * the driver on the compile classpath this is
 * {@code connection.unwrap(PGConnection.class).getNotifications(timeout)}.
 */
final class PgNotifications {

	private final Object pgConnection;

	private final Method getNotifications;

	private final Method getName;

	private final Method getParameter;

	private PgNotifications(Object pgConnection, Method getNotifications, Method getName, Method getParameter) {
		this.pgConnection = pgConnection;
		this.getNotifications = getNotifications;
		this.getName = getName;
		this.getParameter = getParameter;
	}

	static PgNotifications of(Connection connection) throws SQLException {
		try {
			ClassLoader loader = connection.getClass().getClassLoader();
			Class<?> pgConnectionType = Class.forName("org.postgresql.PGConnection", false, loader);
			Class<?> notificationType = Class.forName("org.postgresql.PGNotification", false, loader);
			return new PgNotifications(connection.unwrap(pgConnectionType),
					pgConnectionType.getMethod("getNotifications", int.class), notificationType.getMethod("getName"),
					notificationType.getMethod("getParameter"));
		}
		catch (ReflectiveOperationException ex) {
			throw new SQLException("Live updates need the PostgreSQL JDBC driver (pgjdbc) for LISTEN/NOTIFY", ex);
		}
	}

	/**
	 * Waits up to {@code timeoutMillis} for notifications and returns the payloads of
	 * those on {@code channel}.
	 */
	List<String> poll(String channel, int timeoutMillis) throws SQLException {
		try {
			Object[] notifications = (Object[]) this.getNotifications.invoke(this.pgConnection, timeoutMillis);
			if (notifications == null || notifications.length == 0) {
				return List.of();
			}
			List<String> payloads = new ArrayList<>(notifications.length);
			for (Object notification : notifications) {
				if (channel.equals(this.getName.invoke(notification))) {
					payloads.add((String) this.getParameter.invoke(notification));
				}
			}
			return payloads;
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof SQLException sql) {
				throw sql;
			}
			throw new SQLException("Reading notifications failed", ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new SQLException("Reading notifications failed", ex);
		}
	}

}
