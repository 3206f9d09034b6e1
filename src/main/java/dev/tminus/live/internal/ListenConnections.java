package dev.tminus.live.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.stereotype.Component;

/**
 * Opens the one connection per instance that LISTENs. It is made with the pool's own URL,
 * credentials and driver properties but outside the pool, so it neither takes a pool slot
 * for good nor gets retired by the pool's max lifetime. A DataSource that is not a Hikari
 * pool with a JDBC URL lends one of its connections instead.
 */
@Component
class ListenConnections {

	static final String APPLICATION_NAME = "t-minus live listener";

	private final DataSource dataSource;

	ListenConnections(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	Connection open() throws SQLException {
		Connection connection = dedicated();
		if (connection == null) {
			connection = this.dataSource.getConnection();
		}
		try {
			// LISTEN only hears notifications between transactions.
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				statement.execute("set application_name = '" + APPLICATION_NAME + "'");
				statement.execute("listen " + Signal.CHANNEL);
			}
			return connection;
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw ex;
		}
	}

	private Connection dedicated() throws SQLException {
		if (!this.dataSource.isWrapperFor(HikariDataSource.class)) {
			return null;
		}
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		if (pool.getJdbcUrl() == null) {
			return null;
		}
		Properties properties = new Properties();
		properties.putAll(pool.getDataSourceProperties());
		if (pool.getUsername() != null) {
			properties.setProperty("user", pool.getUsername());
		}
		if (pool.getPassword() != null) {
			properties.setProperty("password", pool.getPassword());
		}
		// A half-open TCP connection must not go unnoticed for hours.
		properties.putIfAbsent("tcpKeepAlive", "true");
		return DriverManager.getConnection(pool.getJdbcUrl(), properties);
	}

	/**
	 * Stops listening and closes; a connection lent by the pool goes back to it clean.
	 */
	void release(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("unlisten *");
			statement.execute("reset application_name");
		}
		catch (SQLException | RuntimeException ex) {
			// a broken connection: closing is all that is left
		}
		closeQuietly(connection);
	}

	static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException | RuntimeException ex) {
				// closing a broken connection: nothing left to do
			}
		}
	}

}
