package dev.tminus.comms;

import java.net.URI;
import java.util.List;
import java.util.Set;

import dev.tminus.account.GlobalRole;
import dev.tminus.comms.TestWebhooks.Delivery;
import dev.tminus.comms.internal.WebhookDispatcher;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Webhooks go to public addresses only (the tests' own receiver on 127.0.0.1/32 is on the
 * allow-list in application-test.properties): an admin cannot point one at the machine's
 * other services, the private network or the cloud metadata service and read the answer
 * in the delivery log.
 */
@IntegrationTest
class WebhookTargetTests {

	@Autowired
	WebhookService webhooks;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebhookDispatcher dispatcher;

	@Test
	void loopbackPrivateLinkLocalAndMetadataTargetsAreRefusedByDefault() {
		WebhookTargets targets = new WebhookTargets(List.of());
		for (String url : List.of("http://127.0.0.1:8080/", "http://127.9.9.9/", "http://localhost/", "http://[::1]/",
				"http://0.0.0.0/", "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/",
				"http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fd00:ec2::254]/",
				"http://100.64.0.1/", "http://[::ffff:127.0.0.1]/", "http://224.0.0.1/")) {
			assertThat(targets.refusal(URI.create(url))).as(url).isPresent();
		}
		assertThat(targets.refusal(URI.create("https://93.184.215.14/hook"))).isEmpty();
		assertThat(new WebhookTargets(List.of("10.0.0.0/8")).refusal(URI.create("http://10.1.2.3/"))).isEmpty();
		assertThat(new WebhookTargets(List.of("127.0.0.1")).refusal(URI.create("http://127.0.0.2/"))).isPresent();
	}

	@Test
	void anAdminCannotSaveAnInternalTarget() {
		var admin = this.cutovers.user(this.accounts.create("admin", GlobalRole.ADMIN));
		for (String url : List.of("http://127.0.0.2:8080/actuator", "http://169.254.169.254/latest/meta-data/",
				"http://[::1]:5432/")) {
			assertThatExceptionOfType(WebhookException.class)
				.isThrownBy(() -> this.webhooks
					.addEndpoint(new NewWebhookEndpoint("Inside", url, null, Set.of(WebhookEvent.DECISION)), admin))
				.withMessageContaining("T-Minus will not post there")
				.withMessageContaining("address");
		}
	}

	@Test
	void aTargetThatTurnsInternalAfterSavingIsRefusedAtSendTimeWithoutARequest() throws Exception {
		var admin = this.cutovers.user(this.accounts.create("admin", GlobalRole.ADMIN));
		try (TestReceiver receiver = TestReceiver.answering((attempt) -> 200)) {
			long endpoint = this.webhooks.addEndpoint(
					new NewWebhookEndpoint("Was fine", receiver.url(), null, Set.of(WebhookEvent.DECISION)), admin);
			// as if its name now resolved to another loopback address
			this.jdbc.sql("update webhook_endpoint set url = ? where id = ?")
				.params(receiver.url().replace("127.0.0.1", "127.0.0.2"), endpoint)
				.update();
			long delivery = this.webhooks.ping(endpoint, admin);
			this.dispatcher.dispatchDue();
			Delivery after = new TestWebhooks(this.webhooks, this.jdbc, this.accounts, this.cutovers)
				.delivery(delivery);
			assertThat(after.lastStatusCode()).isNull();
			assertThat(after.lastError()).startsWith("refused, not sent: 127.0.0.2 resolves to 127.0.0.2, a loopback");
			assertThat(receiver.received()).isEmpty();
		}
	}

}
