package dev.tminus.comms;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Backoff, give-up and the one line of Slack text: pure rules, no Spring.
 */
class WebhookPolicyTests {

	static WebhookProperties defaults() {
		return new WebhookProperties(true, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 24,
				Duration.ofSeconds(10), Duration.ofMinutes(30), 20, List.of());
	}

	@Test
	void theWaitDoublesAfterEachFailedAttemptUpToTheCap() {
		WebhookProperties properties = defaults();
		assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
		assertThat(properties.backoffAfter(3)).isEqualTo(Duration.ofSeconds(40));
		assertThat(properties.backoffAfter(8)).isEqualTo(Duration.ofSeconds(1280));
		assertThat(properties.backoffAfter(9)).isEqualTo(Duration.ofMinutes(30));
		assertThat(properties.backoffAfter(100)).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void theDefaultsKeepRetryingForAboutEightHours() {
		WebhookProperties properties = defaults();
		Duration total = Duration.ZERO;
		for (int attempt = 1; attempt < properties.maxAttempts(); attempt++) {
			total = total.plus(properties.backoffAfter(attempt));
		}
		assertThat(total).isBetween(Duration.ofHours(8), Duration.ofHours(9));
	}

	@Test
	void aClaimIsLeasedForLongerThanTheLongestPost() {
		WebhookProperties properties = defaults();
		assertThat(properties.lease()).isGreaterThan(properties.connectTimeout().plus(properties.timeout()));
	}

	@Test
	void nonsenseSettingsFailAtStartUpNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookProperties(true, Duration.ofSeconds(2), Duration.ofSeconds(5),
					Duration.ofSeconds(10), 0, Duration.ofSeconds(10), Duration.ofMinutes(30), 20, List.of()))
			.withMessageContaining("tminus.webhooks.max-attempts");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookProperties(true, Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(10),
					3, Duration.ofSeconds(10), Duration.ofMinutes(30), 20, List.of()))
			.withMessageContaining("tminus.webhooks.fixed-delay");
	}

	@Test
	void theTextIsOneSlackSafeLine() {
		assertThat(WebhookService.slack("  Canary <FAIL> &\n\tledger  held "))
			.isEqualTo("Canary &lt;FAIL&gt; &amp; ledger held");
		assertThat(WebhookService.slack("x".repeat(5000))).hasSize(WebhookService.MAX_TEXT).endsWith("…");
	}

	@Test
	void pingIsNotAnEventToSubscribeTo() {
		assertThat(WebhookEvent.subscribableEvents()).extracting(WebhookEvent::key)
			.containsExactly("broadcast", "decision", "trigger", "overdue_check", "checkpoint");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookMessage(WebhookEvent.PING, 1, java.time.Instant.now(), "x", "y", null));
	}

}
