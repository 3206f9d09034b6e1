package dev.tminus.comms;

import java.time.Duration;
import java.time.Instant;

import dev.tminus.comms.TestReceiver.Received;
import dev.tminus.comms.TestWebhooks.Delivery;
import dev.tminus.comms.internal.WebhookDispatcher;
import dev.tminus.decision.Decide;
import dev.tminus.decision.DecisionService;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import dev.tminus.trigger.ReportTrigger;
import dev.tminus.trigger.TriggerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Decisions and rollback triggers reach a real HTTP receiver on 127.0.0.1, through the
 * outbox and the dispatcher, driven round by round on the test clock.
 */
@IntegrationTest
class WebhookDeliveryTests {

	static final String SECRET = "s3cr3t shared with the receiver only";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	WebhookService service;

	@Autowired
	WebhookDispatcher dispatcher;

	@Autowired
	WebhookProperties properties;

	@Autowired
	DecisionService decisions;

	@Autowired
	TriggerService triggers;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	MockMvc mvc;

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
	void aRollbackReachesAReceiverThatFailsThreeTimesOnceItAnswers2xxSignedWithTheEndpointSecret() throws Exception {
		try (TestReceiver receiver = TestReceiver.answering((n) -> (n <= 3) ? 503 : 200)) {
			long endpoint = this.webhooks.endpoint(receiver.url(), SECRET, WebhookEvent.DECISION);
			WarRoom room = this.cutovers.goLive();
			rollback(room, "Payout failure rate 18% > 15%");
			long id = this.webhooks.deliveriesOf(endpoint).get(0);
			assertThat(this.webhooks.deliveriesOf(endpoint)).containsExactly(id);

			for (int attempt = 1; attempt <= 3; attempt++) {
				Instant before = this.clock.instant();
				assertThat(this.dispatcher.dispatchDue()).isEqualTo(1);
				Delivery failed = this.webhooks.delivery(id);
				assertThat(failed.status()).isEqualTo("PENDING");
				assertThat(failed.attempts()).isEqualTo(attempt);
				assertThat(failed.lastStatusCode()).isEqualTo(503);
				assertThat(failed.lastError()).isEqualTo("receiver says 503");
				assertThat(failed.nextAttemptAt()).isEqualTo(before.plus(this.properties.backoffAfter(attempt)));
				// not due before the backoff has passed
				this.clock.advance(this.properties.backoffAfter(attempt).minusSeconds(1));
				assertThat(this.dispatcher.dispatchDue()).isZero();
				this.clock.advance(Duration.ofSeconds(1));
			}
			assertThat(this.dispatcher.dispatchDue()).isEqualTo(1);

			Delivery delivered = this.webhooks.delivery(id);
			assertThat(delivered.status()).isEqualTo("DELIVERED");
			assertThat(delivered.delivered()).isTrue();
			assertThat(delivered.attempts()).isEqualTo(4);
			assertThat(delivered.lastStatusCode()).isEqualTo(200);
			assertThat(this.dispatcher.dispatchDue()).as("nothing left to send").isZero();

			assertThat(receiver.received()).hasSize(4);
			assertThat(receiver.received()).filteredOn(Received::succeeded).singleElement().satisfies((last) -> {
				assertThat(last.method()).isEqualTo("POST");
				assertThat(last.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
				assertThat(last.header("X-TMinus-Signature")).isEqualTo(last.expectedSignature(SECRET));
				assertThat(last.header("X-TMinus-Delivery")).isEqualTo(Long.toString(id));
				assertThat(last.header("X-TMinus-Event")).isEqualTo("decision");
				assertThat(last.header("X-TMinus-Attempt")).isEqualTo("4");
				assertThat(last.text()).isEqualTo(delivered.body());
				JsonNode body = JSON.readTree(last.body());
				assertThat(body.get("event").asString()).isEqualTo("decision");
				assertThat(body.get("delivery_id").asLong()).isEqualTo(id);
				assertThat(body.get("cutover").get("id").asLong()).isEqualTo(room.cutoverId());
				assertThat(body.get("cutover").get("name").asString()).isEqualTo("Test go-live-canary-money-loop");
				assertThat(body.get("cutover").get("environment").asString()).isEqualTo("prod");
				assertThat(body.get("cutover").get("kind").asString()).isEqualTo("REHEARSAL");
				assertThat(body.get("cutover").get("t0").asString())
					.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
				assertThat(body.get("occurred_at").asString()).endsWith("Z");
				assertThat(body.get("text").asString()).isEqualTo(
						"[REHEARSAL] :leftwards_arrow_with_hook: ROLLBACK on Test go-live-canary-money-loop (prod): "
								+ "Payout failure rate 18% &gt; 15%. Signed by " + room.ic().label() + ".");
				assertThat(body.get("decision").get("outcome").asString()).isEqualTo("ROLLBACK");
				assertThat(body.get("decision").get("trigger_ref").asString()).isEqualTo("PAYOUT_FAILURE_RATE");
			});
			assertThat(receiver.received()).as("every attempt posts the same signed body").allSatisfy((request) -> {
				assertThat(request.text()).isEqualTo(delivered.body());
				assertThat(request.header("X-TMinus-Signature")).isEqualTo(request.expectedSignature(SECRET));
				assertThat(request.header("X-TMinus-Delivery")).isEqualTo(Long.toString(id));
			});
			assertThat(this.webhooks.attempts(id)).containsExactly("1 503 receiver says 503", "2 503 receiver says 503",
					"3 503 receiver says 503", "4 200 -");

			String page = this.mvc
				.perform(get("/admin/webhooks/deliveries/{id}", id).with(this.accounts.as(adminAccount())))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("DELIVERED")))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page.split("data-attempt=", -1)).as("the delivery log shows four attempts").hasSize(5);
		}
	}

	@Test
	void aReportedRollbackTriggerIsPostedUnsignedWhenTheEndpointHasNoSecret() throws Exception {
		try (TestReceiver receiver = TestReceiver.answering((n) -> 204)) {
			long endpoint = this.webhooks.endpoint(receiver.url(), null, WebhookEvent.TRIGGER);
			WarRoom room = this.cutovers.goLive();
			long trigger = this.triggers.report(room.cutoverId(),
					new ReportTrigger("PAYOUT_FAILURE_RATE", null, null, "18% failed payouts <dashboard>"),
					this.cutovers.user(room.payments()));

			assertThat(this.dispatcher.dispatchDue()).isEqualTo(1);

			long id = this.webhooks.deliveriesOf(endpoint).get(0);
			assertThat(this.webhooks.delivery(id).status()).isEqualTo("DELIVERED");
			assertThat(receiver.received()).singleElement().satisfies((request) -> {
				assertThat(request.header("X-TMinus-Signature")).isNull();
				assertThat(request.header("X-TMinus-Event")).isEqualTo("trigger");
				JsonNode body = JSON.readTree(request.body());
				assertThat(body.get("text").asString()).startsWith(
						"[REHEARSAL] :rotating_light: Rollback trigger on Test go-live-canary-money-loop (prod): "
								+ "Payout Failure Rate &gt; 15%. (IMMEDIATE_ROLLBACK), IC decision due by ");
				assertThat(body.get("trigger").get("id").asLong()).isEqualTo(trigger);
				assertThat(body.get("trigger").get("key").asString()).isEqualTo("PAYOUT_FAILURE_RATE");
				assertThat(body.get("trigger").get("action").asString()).isEqualTo("IMMEDIATE_ROLLBACK");
				assertThat(body.get("trigger").get("note").asString())
					.as("the event's own fields are data, not Slack text")
					.isEqualTo("18% failed payouts <dashboard>");
			});
		}
	}

	@Test
	void onlyEnabledEndpointsSubscribedToTheEventGetADelivery() {
		long decisions = this.webhooks.endpoint(TestReceiver.url(TestReceiver.freePort()), null, WebhookEvent.DECISION,
				WebhookEvent.TRIGGER);
		long triggersOnly = this.webhooks.endpoint(TestReceiver.url(TestReceiver.freePort()), null,
				WebhookEvent.TRIGGER);
		long disabled = this.webhooks.endpoint(TestReceiver.url(TestReceiver.freePort()), null, WebhookEvent.DECISION);
		this.service.setEnabled(disabled, false, this.webhooks.admin());
		WarRoom room = this.cutovers.goLive();

		rollback(room, "Ledger invariant breach");

		assertThat(this.webhooks.deliveriesOf(decisions)).hasSize(1);
		assertThat(this.webhooks.deliveriesOf(triggersOnly)).isEmpty();
		assertThat(this.webhooks.deliveriesOf(disabled)).isEmpty();
		assertThat(this.webhooks.deliveriesForCutover(room.cutoverId()))
			.containsExactlyElementsOf(this.webhooks.deliveriesOf(decisions));
	}

	@Test
	void pendingDeliveriesOfADisabledEndpointWaitUntilItIsEnabledAgain() {
		try (TestReceiver receiver = TestReceiver.answering((n) -> 200)) {
			long endpoint = this.webhooks.endpoint(receiver.url(), null, WebhookEvent.DECISION);
			rollback(this.cutovers.goLive(), "Canary FAIL");
			this.service.setEnabled(endpoint, false, this.webhooks.admin());

			assertThat(this.dispatcher.dispatchDue()).isZero();
			assertThat(receiver.received()).isEmpty();

			this.service.setEnabled(endpoint, true, this.webhooks.admin());
			assertThat(this.dispatcher.dispatchDue()).isEqualTo(1);
			assertThat(receiver.received()).hasSize(1);
		}
	}

	private void rollback(WarRoom room, String reason) {
		this.decisions.decide(room.cutoverId(), new Decide("ROLLBACK", TestAccounts.PASSWORD, null, null, null, null,
				"PAYOUT_FAILURE_RATE", reason, null), this.cutovers.user(room.ic()));
	}

	private dev.tminus.account.AccountView adminAccount() {
		return this.accounts.create("log-reader", dev.tminus.account.GlobalRole.ADMIN);
	}

}
