package dev.tminus.live;

import java.io.IOException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.tminus.TMinusApplication;
import dev.tminus.live.SseClient.Event;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two app instances on one PostgreSQL, as behind a load balancer: instance A is this
 * test's context, instance B a second application started on the same database.
 */
@LiveTest
class TwoInstancesLiveTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	TestAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LiveSignals live;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void aSignalCommittedOnOneInstanceReachesAWatcherOnAnotherWithinOneSecond() throws Exception {
		LiveFixtures fixtures = new LiveFixtures(this.jdbc, this.live, this.transactionManager);
		long cutover = fixtures.cutover(this.accounts.member("owner"));
		String watcher = this.accounts.member("watcher").username();

		try (ConfigurableApplicationContext instanceB = startSecondInstance()) {
			TestHttp b = new TestHttp(
					instanceB.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
			String session = b.signIn(watcher);
			try (SseClient events = SseClient.open(b.client(), b.uri("/cutovers/" + cutover + "/events"), session,
					null)) {
				fixtures.commit(cutover, "steps");

				Event event = events.nextEvent(Duration.ofSeconds(1));
				assertThat(event).isNotNull();
				assertThat(event.name()).isEqualTo("steps");
				assertThat(event.id()).isEqualTo(Long.toString(fixtures.signalIds(cutover, 0).get(0)));
			}
		}
	}

	private ConfigurableApplicationContext startSecondInstance() throws Exception {
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		return new SpringApplicationBuilder(TMinusApplication.class, LiveTestConfiguration.class).initializers(
				(context) -> context.getBeanFactory().registerSingleton("excludeTestClasses", new ExcludeTestClasses()))
			.properties("server.port=0", "spring.datasource.url=" + pool.getJdbcUrl(),
					"spring.datasource.username=" + pool.getUsername(),
					"spring.datasource.password=" + ((pool.getPassword() != null) ? pool.getPassword() : ""),
					"tminus.embedded-db.enabled=false", "spring.main.banner-mode=off", "logging.level.io.zonky=WARN",
					// its own checkpoint key, not one in the project folder
					"tminus.timeline.key-file=target/test-integrity/second-instance/checkpoint-ed25519.key",
					"tminus.timeline.anchor-file=target/test-integrity/second-instance/checkpoints.jsonl")
			.run();
	}

	/**
	 * A second application outside the test framework would otherwise pick up every test
	 * configuration on the class path (other modules' too) by component scanning.
	 */
	static final class ExcludeTestClasses extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			return reader.getResource().getURL().toString().contains("/test-classes/");
		}

	}

}
