package dev.tminus.shared.db;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Starts a real PostgreSQL ({@link EmbeddedPostgresServer}: zonky's binaries, durable,
 * never as root, password logins only, restarted when it dies) when nobody configured a
 * database. Its data lives in a directory that survives restarts. As soon as
 * {@code spring.datasource.url} is set, or a test supplies its own
 * {@link JdbcConnectionDetails}, this steps aside and starts nothing.
 */
@AutoConfiguration(before = { DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class },
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@ConditionalOnClass(DefaultPostgresBinaryResolver.class)
@ConditionalOnProperty(prefix = "tminus.embedded-db", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedPostgresAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgresServer embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
		EmbeddedPostgresServer postgres = EmbeddedPostgresServer
			.start(new EmbeddedPostgresServer.Settings(Path.of(properties.dataDirectory()), properties.port(),
					properties.durable(), properties.osUser(), properties.startupTimeout(), Map.of()));
		try {
			createDatabaseIfMissing(postgres, properties.database());
		}
		catch (IOException | RuntimeException ex) {
			postgres.close();
			throw ex;
		}
		if (properties.durable()) {
			log.info("{}", postgres.describe());
		}
		else {
			log.warn("{}", postgres.describe());
		}
		return postgres;
	}

	@Bean
	JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgresServer postgres,
			EmbeddedDatabaseProperties properties) {
		String url = postgres.jdbcUrl(properties.database());
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return EmbeddedPostgresServer.SUPERUSER;
			}

			@Override
			public String getPassword() {
				return postgres.password();
			}

			@Override
			public String getJdbcUrl() {
				return url;
			}

		};
	}

	static void createDatabaseIfMissing(EmbeddedPostgresServer postgres, String database) throws IOException {
		if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
			throw new IllegalArgumentException("tminus.embedded-db.database must be a plain lower-case name");
		}
		try (Connection connection = postgres.connect("postgres");
				PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			exists.setString(1, database);
			try (ResultSet rows = exists.executeQuery()) {
				if (!rows.next()) {
					try (Statement create = connection.createStatement()) {
						create.execute("create database " + database);
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IOException("Could not create database " + database + " in the embedded PostgreSQL", ex);
		}
	}

}
