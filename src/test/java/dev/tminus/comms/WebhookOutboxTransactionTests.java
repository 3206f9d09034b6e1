package dev.tminus.comms;

import java.time.Instant;
import java.util.Map;

import dev.tminus.decision.Decide;
import dev.tminus.decision.DecisionService;
import dev.tminus.decision.GoRefusedException;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The outbox row is part of the change it announces: written in its transaction, gone
 * with it when it rolls back.
 */
@IntegrationTest
class WebhookOutboxTransactionTests {

	@Autowired
	WebhookService service;

	@Autowired
	DecisionService decisions;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	TestWebhooks webhooks;

	long endpoint;

	@BeforeEach
	void anEndpointSubscribedToDecisions() {
		this.webhooks = new TestWebhooks(this.service, this.jdbc, this.accounts, this.cutovers);
		this.webhooks.disableAllEndpoints();
		this.endpoint = this.webhooks.endpoint(TestReceiver.url(TestReceiver.freePort()), "secret",
				WebhookEvent.DECISION);
	}

	@AfterEach
	void leaveNoEndpointEnabled() {
		// the database is shared: decisions of later tests fill no outbox for these
		// endpoints
		this.webhooks.disableAllEndpoints();
	}

	@Test
	void aRefusedGoWritesNoDeliveryAndTheRollbackThatFollowsWritesOne() {
		WarRoom room = this.cutovers.goLive();

		assertThatExceptionOfType(GoRefusedException.class).isThrownBy(() -> decide(room, "GO", null));
		assertThat(this.webhooks.deliveriesForCutover(room.cutoverId())).isEmpty();

		decide(room, "ROLLBACK", "Canary FAIL");
		assertThat(this.webhooks.deliveriesForCutover(room.cutoverId())).hasSize(1);
	}

	@Test
	void aDecisionRolledBackAfterItWasRecordedTakesItsDeliveryWithIt() {
		WarRoom room = this.cutovers.goLive();

		this.transactions.executeWithoutResult((status) -> {
			decide(room, "ROLLBACK", "Canary FAIL");
			assertThat(this.webhooks.deliveriesForCutover(room.cutoverId())).as("written in the decision's transaction")
				.hasSize(1);
			status.setRollbackOnly();
		});

		assertThat(decisionsOf(room.cutoverId())).isZero();
		assertThat(this.webhooks.deliveriesForCutover(room.cutoverId())).isEmpty();
		assertThat(this.webhooks.deliveriesOf(this.endpoint)).isEmpty();
	}

	@Test
	void enqueueingOutsideATransactionIsRefused() {
		WarRoom room = this.cutovers.goLive();
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.service.enqueue(new WebhookMessage(WebhookEvent.DECISION, room.cutoverId(),
					Instant.now(), "GO", "by nobody", Map.of())));
		assertThat(this.webhooks.deliveriesForCutover(room.cutoverId())).isEmpty();
	}

	private void decide(WarRoom room, String outcome, String reason) {
		this.decisions.decide(room.cutoverId(),
				new Decide(outcome, TestAccounts.PASSWORD, null, null, null, null, null, reason, null),
				this.cutovers.user(room.ic()));
	}

	private long decisionsOf(long cutoverId) {
		return this.jdbc.sql("select count(*) from decision where cutover_id = ?")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

}
