package dev.tminus.comms;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.tminus.TMinusApplication;
import dev.tminus.comms.TestWebhooks.Delivery;
import dev.tminus.comms.internal.WebhookDispatcher;
import dev.tminus.decision.Decide;
import dev.tminus.decision.DecisionService;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance test of issue 6, point 4: the receiver is down for the first three
 * attempts, the app restarts in between, and the message arrives once the receiver is up,
 * with a valid signature. The app that made the first attempts is this test's context
 * (its dispatcher driven by hand); the restarted app is a second application started on
 * the same database with nothing but the database in common, whose own scheduled
 * dispatcher delivers.
 */
@IntegrationTest
class WebhookRestartTests {

	static final String SECRET = "restart-secret";

	@Autowired
	WebhookService service;

	@Autowired
	WebhookDispatcher dispatcher;

	@Autowired
	DecisionService decisions;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	DataSource dataSource;

	TestWebhooks webhooks;

	@BeforeEach
	void onlyThisTestsEndpointsAreEnabled() {
		this.webhooks = new TestWebhooks(this.service, this.jdbc, this.accounts, this.cutovers);
		this.webhooks.disableAllEndpoints();
	}

	@AfterEach
	void leaveNoEndpointEnabled() {
		// the database is shared: decisions of later tests fill no outbox for these
		// endpoints
		this.webhooks.disableAllEndpoints();
	}

	@Test
	void aDecisionPostedWhileTheReceiverIsDownArrivesSignedFromTheRestartedAppOnceTheReceiverIsUp() throws Exception {
		int port = TestReceiver.freePort();
		long endpoint = this.webhooks.endpoint(TestReceiver.url(port), SECRET, WebhookEvent.DECISION);
		WarRoom room = this.cutovers.goLive();
		this.decisions.decide(room.cutoverId(), new Decide("ROLLBACK", TestAccounts.PASSWORD, null, null, null, null,
				null, "Ledger invariant breach", null), this.cutovers.user(room.ic()));
		long id = this.webhooks.deliveriesOf(endpoint).get(0);

		for (int attempt = 1; attempt <= 3; attempt++) {
			assertThat(this.dispatcher.dispatchDue()).isEqualTo(1);
			Delivery down = this.webhooks.delivery(id);
			assertThat(down.status()).isEqualTo("PENDING");
			assertThat(down.attempts()).isEqualTo(attempt);
			assertThat(down.lastError()).startsWith("ConnectException");
			this.clock.advance(Duration.ofHours(1));
		}

		try (TestReceiver receiver = TestReceiver.onPort(port, (n) -> 200);
				ConfigurableApplicationContext restarted = startAnotherInstance()) {
			Delivery delivered = awaitDelivered(id, Duration.ofSeconds(30));

			assertThat(delivered.attempts()).isEqualTo(4);
			assertThat(restarted.getBean(WebhookProperties.class).dispatch()).isTrue();
			assertThat(receiver.received()).singleElement().satisfies((request) -> {
				assertThat(request.header("X-TMinus-Delivery")).isEqualTo(Long.toString(id));
				assertThat(request.header("X-TMinus-Signature")).isEqualTo(request.expectedSignature(SECRET));
				assertThat(request.text()).isEqualTo(delivered.body()).contains("Ledger invariant breach");
			});
			assertThat(this.webhooks.attempts(id)).hasSize(4).last().isEqualTo("4 200 -");
		}
	}

	private Delivery awaitDelivered(long id, Duration patience) throws InterruptedException {
		long deadline = System.nanoTime() + patience.toNanos();
		Delivery delivery = this.webhooks.delivery(id);
		while (!delivery.status().equals("DELIVERED") && System.nanoTime() < deadline) {
			Thread.sleep(100);
			delivery = this.webhooks.delivery(id);
		}
		assertThat(delivery.status()).as("delivered by the restarted app within %s", patience).isEqualTo("DELIVERED");
		return delivery;
	}

	private ConfigurableApplicationContext startAnotherInstance() throws Exception {
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		Clock clock = this.clock;
		return new SpringApplicationBuilder(TMinusApplication.class).initializers((context) -> {
			context.getBeanFactory().registerSingleton("excludeTestClasses", new ExcludeTestClasses());
			// the restarted instance keeps the test's time, so that what is due agrees
			((GenericApplicationContext) context).registerBean("sharedClock", Clock.class, () -> clock,
					(definition) -> definition.setPrimary(true));
		})
			.properties("server.port=0", "spring.datasource.url=" + pool.getJdbcUrl(),
					"spring.datasource.username=" + pool.getUsername(),
					"spring.datasource.password=" + ((pool.getPassword() != null) ? pool.getPassword() : ""),
					"tminus.embedded-db.enabled=false", "spring.main.banner-mode=off", "logging.level.io.zonky=WARN",
					"tminus.webhooks.dispatch=true", "tminus.webhooks.fixed-delay=200ms",
					// the test's receiver on 127.0.0.1; its own checkpoint key, not in
					// the project
					"tminus.webhooks.allowed-targets=127.0.0.1/32",
					"tminus.timeline.key-file=target/test-integrity/restarted/checkpoint-ed25519.key",
					"tminus.timeline.anchor-file=target/test-integrity/restarted/checkpoints.jsonl")
			.run();
	}

	/**
	 * A second application outside the test framework would otherwise pick up every test
	 * configuration on the class path by component scanning.
	 */
	static final class ExcludeTestClasses extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			return reader.getResource().getURL().toString().contains("/test-classes/");
		}

	}

}
