package dev.tminus.comms;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.gate.GateService;
import dev.tminus.gate.RecordGate;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import dev.tminus.trigger.ReportTrigger;
import dev.tminus.trigger.TriggerService;
import dev.tminus.runbook.RunbookTemplate.TriggerAction;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Checkpoint broadcasts (seed 001 Communication Plan): offered at their moment and
 * pre-filled from the board, posted by the IC or the Scribe into the timeline and the
 * webhooks, the update cadence, and the banners every board raises.
 */
@IntegrationTest
class BroadcastTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	GateService gates;

	@Autowired
	TriggerService triggers;

	@Autowired
	BroadcastQueries queries;

	@Autowired
	WebhookService webhooks;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void messagesAreOfferedWhenTheirMomentHasComeAndFilledFromTheBoard() {
		WarRoom room = this.cutovers.goLive();
		CommsView card = this.queries.card(room.cutoverId(), this.cutovers.user(room.scribe()));
		assertThat(card.canPost()).isTrue();
		assertThat(offer(card, "CUTOVER_START").ready()).isTrue();
		assertThat(offer(card, "PREFLIGHT_PASS").ready()).isFalse();
		assertThat(offer(card, "PREFLIGHT_PASS").waitingFor()).contains("Pre-flight to PASS");
		assertThat(offer(card, "DEPLOY_SMOKE_RESULT").waitingFor()).contains("a result of Deploy+Smoke");
		assertThat(offer(card, "GO_LIVE").ready()).isFalse();

		this.gates.record(room.cutoverId(), "PREFLIGHT",
				new RecordGate(null, Map.of("VERIFY_PROD_ENV_EXIT_CODE", "0"), null),
				this.cutovers.user(room.deployer()));
		this.gates.record(room.cutoverId(), "DEPLOY_SMOKE",
				new RecordGate(null, Map.of("API_HEALTH_HTTP", "502", "GO_LIVE_SMOKE_EXIT_CODE", "1"), null),
				this.cutovers.user(room.deployer()));
		card = this.queries.card(room.cutoverId(), this.cutovers.user(room.deployer()));
		assertThat(card.canPost()).as("the Deployer reads but does not post").isFalse();
		assertThat(offer(card, "PREFLIGHT_PASS").ready()).isTrue();
		assertThat(offer(card, "DEPLOY_SMOKE_RESULT").ready()).isTrue();
		assertThat(offer(card, "DEPLOY_SMOKE_RESULT").text()).isEqualTo("Deploy+Smoke FAIL");
	}

	@Test
	void theScribePostsACheckpointIntoTheTimelineAndToSubscribedWebhooks() throws Exception {
		WarRoom room = this.cutovers.goLive();
		CurrentUser admin = this.cutovers.user(this.accounts.create("admin", GlobalRole.ADMIN));
		long endpoint = this.webhooks.addEndpoint(new NewWebhookEndpoint("War room channel " + room.cutoverId(),
				"http://127.0.0.1:9/hook", null, Set.of(WebhookEvent.BROADCAST)), admin);
		try {
			this.gates.record(room.cutoverId(), "PREFLIGHT",
					new RecordGate(null, Map.of("VERIFY_PROD_ENV_EXIT_CODE", "0"), null),
					this.cutovers.user(room.deployer()));
			this.mvc
				.perform(post("/cutovers/{id}/broadcasts", room.cutoverId()).with(this.accounts.as(room.scribe()))
					.with(csrf())
					.param("messageKey", "PREFLIGHT_PASS")
					.param("text", "Pre-flight PASS"))
				.andExpect(redirectedUrl("/cutovers/" + room.cutoverId() + "#comms"));
			assertThat(this.jdbc
				.sql("select text from timeline_entry where cutover_id = ? and kind = 'BROADCAST' and subject_key = ?")
				.params(room.cutoverId(), "PREFLIGHT_PASS")
				.query(String.class)
				.single()).isEqualTo("Broadcast: Pre-flight PASS");
			String body = this.jdbc.sql(
					"select body from webhook_delivery where endpoint_id = ? and event = 'broadcast' and cutover_id = ?")
				.params(endpoint, room.cutoverId())
				.query(String.class)
				.single();
			assertThat(body).contains("\"text\":", "Pre-flight PASS", "\"event\":\"broadcast\"");
			this.mvc.perform(get("/cutovers/{id}/comms", room.cutoverId()).with(this.accounts.as(room.ic())))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("id=\"broadcasts\"")))
				.andExpect(content().string(containsString("Pre-flight PASS")));
		}
		finally {
			this.webhooks.setEnabled(endpoint, false, admin);
		}
	}

	@Test
	void aBroadcastBeforeItsMomentOrByTheWrongPersonIsRefusedAndNothingIsSent() throws Exception {
		WarRoom room = this.cutovers.goLive();
		long before = broadcasts(room.cutoverId());
		this.mvc
			.perform(post("/cutovers/{id}/broadcasts", room.cutoverId()).with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("messageKey", "PREFLIGHT_PASS")
				.param("text", "Pre-flight PASS"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Not yet: PREFLIGHT_PASS waits for Pre-flight to PASS")));
		this.mvc
			.perform(post("/cutovers/{id}/broadcasts", room.cutoverId()).with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("text", "   "))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Write the message")));
		this.mvc
			.perform(post("/cutovers/{id}/broadcasts", room.cutoverId()).with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("text", "x".repeat(2001)))
			.andExpect(status().isUnprocessableContent());
		this.mvc
			.perform(post("/cutovers/{id}/broadcasts", room.cutoverId()).with(this.accounts.as(room.deployer()))
				.with(csrf())
				.param("text", "Deploying now"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/cutovers/{id}/broadcasts", room.cutoverId())
				.with(this.accounts.as(this.accounts.member("stranger")))
				.with(csrf())
				.param("text", "hello"))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/cutovers/{id}/broadcasts", room.cutoverId()).with(csrf()).param("text", "anonymous"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		assertThat(broadcasts(room.cutoverId())).isEqualTo(before);
		assertThatThrownBy(() -> this.jdbc.sql("update broadcast set text = 'edited'").update())
			.hasMessageContaining("append-only");
	}

	@Test
	void theNextUpdateIsDueByTheRunbooksCadenceAndTurnsLate() {
		WarRoom room = this.cutovers.goLive();
		Instant t0 = this.jdbc.sql("select t0 from cutover where id = ?")
			.param(room.cutoverId())
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
		Instant original = this.clock.instant();
		this.clock.set(t0.minus(Duration.ofMinutes(90)));
		assertThat(card(room).cadence().applies()).as("no cadence before T-60").isFalse();
		this.clock.set(t0.minus(Duration.ofMinutes(50)));
		CommsView.Cadence late = card(room).cadence();
		assertThat(late.label()).startsWith("During Cutover");
		assertThat(late.late()).isTrue();
		assertThat(late.text()).isEqualTo("Update late by 10 min");
		new BroadcastPoster(this.mvc, this.accounts).post(room, "Cutover initiated.");
		assertThat(card(room).cadence().text()).isEqualTo("Next update due in 15 min");
		this.clock.advance(Duration.ofMinutes(20));
		assertThat(card(room).cadence().text()).isEqualTo("Update late by 5 min");
		this.clock.set(t0.plus(Duration.ofMinutes(10)));
		assertThat(card(room).cadence().label()).startsWith("First 2 Hours");
		this.clock.set(original);
	}

	@Test
	void everyBoardRaisesABannerForAnOpenTriggerAndARecentDecision() throws Exception {
		WarRoom room = this.cutovers.goLive();
		this.mvc.perform(get("/cutovers/{id}/alerts", room.cutoverId()).with(this.accounts.as(room.deployer())))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("data-alert"))));
		this.triggers.report(room.cutoverId(),
				new ReportTrigger(null, "Payout queue stuck", TriggerAction.IMMEDIATE_ROLLBACK, "12 min backlog"),
				this.cutovers.user(room.oncall()));
		this.mvc.perform(get("/cutovers/{id}/alerts", room.cutoverId()).with(this.accounts.as(room.deployer())))
			.andExpect(content().string(containsString("data-alert=\"trigger\"")))
			.andExpect(content().string(containsString("Rollback trigger: Payout queue stuck")));
		this.mvc
			.perform(get("/cutovers/{id}/alerts", room.cutoverId())
				.with(this.accounts.as(this.accounts.member("stranger"))))
			.andExpect(status().isNotFound());
	}

	private CommsView card(WarRoom room) {
		return this.queries.card(room.cutoverId(), this.cutovers.user(room.scribe()));
	}

	private long broadcasts(long cutoverId) {
		return this.jdbc.sql("select count(*) from broadcast where cutover_id = ?")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

	private static CommsView.Offer offer(CommsView card, String key) {
		return card.offers().stream().filter((o) -> o.key().equals(key)).findFirst().orElseThrow();
	}

	/** Posts as the Scribe through the page's form. */
	record BroadcastPoster(MockMvc mvc, TestAccounts accounts) {

		void post(WarRoom room, String text) {
			try {
				this.mvc
					.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
						.post("/cutovers/{id}/broadcasts", room.cutoverId())
						.with(this.accounts.as(room.scribe()))
						.with(csrf())
						.param("text", text))
					.andExpect(status().is3xxRedirection());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
