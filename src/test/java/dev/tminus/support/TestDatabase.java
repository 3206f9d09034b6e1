package dev.tminus.support;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The one database configuration of every test: a real PostgreSQL, never H2. With a
 * Docker engine, a Testcontainers PostgreSQL ({@code @ServiceConnection}); without one
 * (as on our CI machines), the embedded PostgreSQL binaries with a fresh database per
 * context. Flyway migrates either exactly as in production.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

	@Bean
	@ServiceConnection
	@Conditional(DockerAvailable.class)
	PostgreSQLContainer postgresContainer() {
		return new PostgreSQLContainer("postgres:18-alpine");
	}

	@Bean
	@Conditional(DockerUnavailable.class)
	JdbcConnectionDetails embeddedPostgresConnectionDetails() {
		String url = EmbeddedTestPostgres.freshDatabase();
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return "postgres";
			}

			@Override
			public String getPassword() {
				return null;
			}

			@Override
			public String getJdbcUrl() {
				return url;
			}

		};
	}

	static final class DockerAvailable implements Condition {

		private static Boolean available;

		static synchronized boolean check() {
			if (available == null) {
				available = !"false".equals(System.getenv("TMINUS_TEST_DOCKER"))
						&& DockerClientFactory.instance().isDockerAvailable();
			}
			return available;
		}

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return check();
		}

	}

	static final class DockerUnavailable implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !DockerAvailable.check();
		}

	}

}
