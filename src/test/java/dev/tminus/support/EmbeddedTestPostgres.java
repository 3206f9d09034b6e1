package dev.tminus.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL per test JVM (zonky's binaries; runs as root too), and a fresh
 * database for every Spring context so contexts never see each other's rows.
 */
final class EmbeddedTestPostgres {

	private static final AtomicInteger databases = new AtomicInteger();

	private static EmbeddedPostgres server;

	private EmbeddedTestPostgres() {
	}

	static synchronized EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder()
					.setDataDirectory(Files.createTempDirectory("tminus-test-pg"))
					.setCleanDataDirectory(true)
					.setServerConfig("listen_addresses", "127.0.0.1")
					.setServerConfig("timezone", "UTC")
					.setServerConfig("fsync", "off")
					.setServerConfig("synchronous_commit", "off")
					.setServerConfig("full_page_writes", "off")
					.setServerConfig("max_connections", "300")
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", ex);
			}
		}
		return server;
	}

	/** Creates an empty database and returns its JDBC URL. */
	static String freshDatabase() {
		String name = "tminus_test_" + databases.incrementAndGet();
		try (Connection connection = server().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name, ex);
		}
		return server().getJdbcUrl("postgres", name);
	}

}
