package dev.tminus.shared.db;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL the app starts when no {@code spring.datasource.url} is given.
 *
 * @param enabled start an embedded PostgreSQL when no datasource URL is configured
 * @param dataDirectory where the database files live; survives restarts
 * @param port the port on 127.0.0.1, or 0 for a free one
 * @param database the database the app uses
 * @param durable fsync, synchronous commit and full page writes on; turn off only for
 * throw-away data (an acknowledged write can be lost, a crash can corrupt everything)
 * @param osUser the OS account the server runs under when the app runs as root
 * @param startupTimeout how long a start, including crash recovery, may take
 */
@ConfigurationProperties("tminus.embedded-db")
public record EmbeddedDatabaseProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("data/postgres") String dataDirectory, @DefaultValue("0") int port,
		@DefaultValue("tminus") String database, @DefaultValue("true") boolean durable,
		@DefaultValue("tminus-db") String osUser, @DefaultValue("60s") Duration startupTimeout) {

}
