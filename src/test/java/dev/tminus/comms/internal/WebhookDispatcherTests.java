package dev.tminus.comms.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.tminus.comms.TestReceiver;
import dev.tminus.comms.TestReceiver.Received;
import dev.tminus.comms.TestWebhooks;
import dev.tminus.comms.TestWebhooks.Delivery;
import dev.tminus.comms.WebhookEvent;
import dev.tminus.comms.WebhookProperties;
import dev.tminus.comms.WebhookService;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher's promises: at least once (a claim whose instance stopped is retried),
 * never twice in one round (skip locked), and a clear end (given up after the last
 * attempt). Dispatchers are built here with their own settings, on the shared database.
 */
@IntegrationTest
class WebhookDispatcherTests {

	@Autowired
	WebhookService service;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MutableClock clock;

	TestWebhooks webhooks;

	ExecutorService threads = Executors.newCachedThreadPool();

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

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void aDeliveryIsGivenUpAfterTheLastAttemptAndNeverPostedAgain() {
		WebhookDispatcher dispatcher = dispatcher(settings(3, 20, Duration.ofSeconds(5)));
		try (TestReceiver receiver = TestReceiver.answering((n) -> 500)) {
			long id = ping(this.webhooks.endpoint(receiver.url(), null, WebhookEvent.DECISION));
			for (int attempt = 1; attempt <= 3; attempt++) {
				assertThat(dispatcher.dispatchDue()).isEqualTo(1);
				this.clock.advance(Duration.ofHours(1));
			}
			Delivery failed = this.webhooks.delivery(id);
			assertThat(failed.status()).isEqualTo("FAILED");
			assertThat(failed.attempts()).isEqualTo(3);
			assertThat(failed.nextAttemptAt()).isNull();
			assertThat(failed.lastStatusCode()).isEqualTo(500);
			assertThat(dispatcher.dispatchDue()).isZero();
			assertThat(receiver.received()).hasSize(3);
		}
	}

	@Test
	void aClaimWhoseInstanceStoppedBeforeRecordingTheOutcomeIsPostedAgainWhenItsLeaseEnds() {
		WebhookProperties settings = settings(5, 20, Duration.ofSeconds(5));
		try (TestReceiver receiver = TestReceiver.answering((n) -> 200)) {
			long id = ping(this.webhooks.endpoint(receiver.url(), "secret", WebhookEvent.DECISION));
			// an instance claims the delivery, then stops before posting or recording
			assertThat(dispatcher(settings).claim()).extracting(WebhookDispatcher.Claimed::id).containsExactly(id);

			WebhookDispatcher survivor = dispatcher(settings);
			assertThat(survivor.dispatchDue()).as("leased to the stopped instance").isZero();
			this.clock.advance(settings.lease().minusSeconds(1));
			assertThat(survivor.dispatchDue()).isZero();
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(survivor.dispatchDue()).isEqualTo(1);

			Delivery delivered = this.webhooks.delivery(id);
			assertThat(delivered.status()).isEqualTo("DELIVERED");
			assertThat(delivered.attempts()).isEqualTo(2);
			assertThat(this.webhooks.attempts(id)).as("the lost attempt left no outcome").containsExactly("2 200 -");
			assertThat(receiver.received()).singleElement()
				.satisfies((request) -> assertThat(request.header("X-TMinus-Attempt")).isEqualTo("2"));
		}
	}

	@Test
	void aRedirectIsAnAnswerNotADelivery() {
		WebhookDispatcher dispatcher = dispatcher(settings(5, 20, Duration.ofSeconds(5)));
		try (TestReceiver receiver = TestReceiver.answering((n) -> 302)) {
			long id = ping(this.webhooks.endpoint(receiver.url(), null, WebhookEvent.DECISION));
			dispatcher.dispatchDue();
			assertThat(receiver.received()).as("the Location is not followed").hasSize(1);
			Delivery delivery = this.webhooks.delivery(id);
			assertThat(delivery.status()).isEqualTo("PENDING");
			assertThat(delivery.lastStatusCode()).isEqualTo(302);
		}
	}

	@Test
	void aReceiverThatDoesNotAnswerInTimeIsAFailedAttempt() {
		WebhookDispatcher dispatcher = dispatcher(settings(5, 20, Duration.ofMillis(300)));
		try (TestReceiver receiver = TestReceiver.answeringSlowly((n) -> 200, Duration.ofSeconds(2))) {
			long id = ping(this.webhooks.endpoint(receiver.url(), null, WebhookEvent.DECISION));
			long started = System.nanoTime();
			dispatcher.dispatchDue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			Delivery delivery = this.webhooks.delivery(id);
			assertThat(delivery.status()).isEqualTo("PENDING");
			assertThat(delivery.lastStatusCode()).isNull();
			assertThat(delivery.lastError()).startsWith("timed out");
		}
	}

	@Test
	void aReceiverThatIsDownIsAFailedAttemptWithTheReason() {
		WebhookDispatcher dispatcher = dispatcher(settings(5, 20, Duration.ofSeconds(5)));
		long id = ping(this.webhooks.endpoint(TestReceiver.url(TestReceiver.freePort()), null, WebhookEvent.DECISION));
		assertThat(dispatcher.dispatchDue()).isEqualTo(1);
		Delivery delivery = this.webhooks.delivery(id);
		assertThat(delivery.status()).isEqualTo("PENDING");
		assertThat(delivery.lastStatusCode()).isNull();
		assertThat(delivery.lastError()).startsWith("ConnectException");
	}

	@Test
	void aDispatcherSkipsDeliveriesAnotherInstanceIsClaimingInsteadOfWaitingOrPostingThemToo() throws Exception {
		WebhookProperties settings = settings(5, 5, Duration.ofSeconds(5));
		try (TestReceiver receiver = TestReceiver.answering((n) -> 200)) {
			long endpoint = this.webhooks.endpoint(receiver.url(), null, WebhookEvent.DECISION);
			List<Long> ids = IntStream.range(0, 10).mapToObj((i) -> ping(endpoint)).toList();
			List<Long> claimedElsewhere = ids.subList(0, 5);
			CountDownLatch locked = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			// another instance in the middle of its claim: the rows are locked, not yet
			// leased
			Future<?> other = this.threads.submit(() -> this.transactions.executeWithoutResult((status) -> {
				this.jdbc.sql("select id from webhook_delivery where id in (:ids) for update")
					.param("ids", claimedElsewhere)
					.query(Long.class)
					.list();
				locked.countDown();
				await(release);
			}));
			assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

			Future<Integer> round = this.threads.submit(dispatcher(settings)::dispatchDue);
			assertThat(round.get(10, TimeUnit.SECONDS)).as("does not wait for the locked rows").isEqualTo(5);
			assertThat(receiver.received()).extracting(WebhookDispatcherTests::deliveryId)
				.containsExactlyInAnyOrderElementsOf(ids.subList(5, 10));

			release.countDown();
			other.get(10, TimeUnit.SECONDS);
			assertThat(dispatcher(settings).dispatchDue()).isEqualTo(5);
			assertThat(receiver.received()).extracting(WebhookDispatcherTests::deliveryId)
				.containsExactlyInAnyOrderElementsOf(ids);
		}
	}

	@Test
	void twoDispatchersRunningAtOnceNeverPostTheSameDeliveryTwice() throws Exception {
		WebhookProperties settings = settings(5, 5, Duration.ofSeconds(5));
		try (TestReceiver receiver = TestReceiver.answeringSlowly((n) -> 200, Duration.ofMillis(100))) {
			long endpoint = this.webhooks.endpoint(receiver.url(), null, WebhookEvent.DECISION);
			List<Long> ids = IntStream.range(0, 10).mapToObj((i) -> ping(endpoint)).toList();
			WebhookDispatcher a = dispatcher(settings);
			WebhookDispatcher b = dispatcher(settings);
			CountDownLatch start = new CountDownLatch(1);
			Future<Integer> roundA = this.threads.submit(() -> {
				await(start);
				return a.dispatchDue();
			});
			Future<Integer> roundB = this.threads.submit(() -> {
				await(start);
				return b.dispatchDue();
			});
			start.countDown();

			assertThat(roundA.get(10, TimeUnit.SECONDS) + roundB.get(10, TimeUnit.SECONDS)).isEqualTo(10);
			assertThat(receiver.received()).extracting(WebhookDispatcherTests::deliveryId)
				.doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(ids);
			assertThat(ids).allSatisfy((id) -> assertThat(this.webhooks.delivery(id).attempts()).isEqualTo(1));
			assertThat(Set.copyOf(ids.stream().map((id) -> this.webhooks.delivery(id).status()).toList()))
				.containsExactly("DELIVERED");
		}
	}

	private long ping(long endpoint) {
		return this.service.ping(endpoint, this.webhooks.admin());
	}

	private WebhookDispatcher dispatcher(WebhookProperties settings) {
		return new WebhookDispatcher(this.jdbc, this.transactions, settings, this.clock);
	}

	private static WebhookProperties settings(int maxAttempts, int batchSize, Duration timeout) {
		return new WebhookProperties(false, Duration.ofSeconds(2), Duration.ofSeconds(2), timeout, maxAttempts,
				Duration.ofSeconds(10), Duration.ofMinutes(30), batchSize, List.of("127.0.0.1/32"));
	}

	private static long deliveryId(Received request) {
		return Long.parseLong(request.header("X-TMinus-Delivery"));
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
