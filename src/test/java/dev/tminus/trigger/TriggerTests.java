package dev.tminus.trigger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import dev.tminus.trigger.internal.BreachedDecisionClocks;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class TriggerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	TriggerQueries queries;

	@Autowired
	TriggerService service;

	@Autowired
	BreachedDecisionClocks job;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aTemplateTriggerIsOpenWithTheIcDeadlineFiveMinutesAfterTheReport() throws Exception {
		WarRoom room = this.cutovers.goLive();
		this.mvc
			.perform(post("/cutovers/{id}/triggers", room.cutoverId()).with(this.accounts.as(room.payments()))
				.with(csrf())
				.param("key", "PAYOUT_FAILURE_RATE")
				.param("note", "18% failed payouts on the dashboard"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/cutovers/" + room.cutoverId() + "#triggers"));

		List<TriggerView> open = this.queries.open(room.cutoverId());
		assertThat(open).singleElement().satisfies((t) -> {
			assertThat(t.key()).isEqualTo("PAYOUT_FAILURE_RATE");
			assertThat(t.title()).isEqualTo("Payout Failure Rate > 15%.");
			assertThat(t.action()).isEqualTo("IMMEDIATE_ROLLBACK");
			assertThat(t.open()).isTrue();
			assertThat(t.breached()).isFalse();
			assertThat(t.deadline()).isEqualTo(t.reportedAt().plus(Duration.ofMinutes(5)));
			assertThat(t.reportedBy()).contains(room.payments().username());
		});
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "TRIGGER")).isEqualTo(1);
		assertThat(signals(room.cutoverId(), "triggers")).isEqualTo(1);
	}

	@Test
	void freeTextCountsAsImmediateRollbackUnlessTheReporterPicksMonitor() throws Exception {
		WarRoom room = this.cutovers.goLive();
		report(room, room.deployer(), "", "Pods crash-looping in payouts", "", "kubectl shows 3 restarts")
			.andExpect(status().is3xxRedirection());
		report(room, room.oncall(), "", "Disk at 70%", "MONITOR", "grafana disk panel")
			.andExpect(status().is3xxRedirection());

		List<TriggerView> all = this.queries.forCutover(room.cutoverId());
		assertThat(all).extracting(TriggerView::title, TriggerView::key, TriggerView::action, TriggerView::open)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Disk at 70%", null, "MONITOR", false),
					org.assertj.core.groups.Tuple.tuple("Pods crash-looping in payouts", null, "IMMEDIATE_ROLLBACK",
							true));
		assertThat(this.queries.open(room.cutoverId())).extracting(TriggerView::title)
			.containsExactly("Pods crash-looping in payouts");
	}

	@Test
	void aMonitorTriggerIsLoggedButNeverOpenNorBreached() throws Exception {
		WarRoom room = this.cutovers.goLive();
		report(room, room.oncall(), "LATENCY_SPIKE", null, null, "p95 up 20%, no errors")
			.andExpect(status().is3xxRedirection());
		this.clock.advance(Duration.ofMinutes(30));
		this.job.recordBreaches();

		assertThat(this.queries.open(room.cutoverId())).isEmpty();
		assertThat(this.queries.forCutover(room.cutoverId())).singleElement().satisfies((t) -> {
			assertThat(t.action()).isEqualTo("MONITOR");
			assertThat(t.open()).isFalse();
			assertThat(t.breached()).isFalse();
			assertThat(t.deadline()).isNull();
		});
		assertThat(breaches(room.cutoverId())).isZero();
	}

	@Test
	void everyAssignedMemberMayReportATrigger() throws Exception {
		WarRoom room = this.cutovers.goLive();
		for (AccountView member : List.of(room.ic(), room.scribe(), room.deployer(), room.dbOwner(), room.payments(),
				room.oncall())) {
			report(room, member, "QUEUE_BACKLOG", null, null, "seen by " + member.username())
				.andExpect(status().is3xxRedirection());
		}
		assertThat(this.queries.forCutover(room.cutoverId())).hasSize(6);
	}

	@Test
	void adminsAndAuditorsAreRefusedAndNonMembersDoNotSeeTheCutover() throws Exception {
		WarRoom room = this.cutovers.goLive();
		AccountView admin = this.accounts.create("admin", GlobalRole.ADMIN);
		AccountView auditor = this.accounts.create("auditor", GlobalRole.AUDITOR);
		report(room, admin, "PAYOUT_FAILURE_RATE", null, null, "x").andExpect(status().isForbidden())
			.andExpect(content().string(containsString("Only people assigned to this cutover")));
		report(room, auditor, "PAYOUT_FAILURE_RATE", null, null, "x").andExpect(status().isForbidden());
		report(room, room.other(), "PAYOUT_FAILURE_RATE", null, null, "x").andExpect(status().isNotFound());
		this.mvc.perform(get("/cutovers/{id}/triggers", room.cutoverId()).with(this.accounts.as(room.other())))
			.andExpect(status().isNotFound());

		assertThat(this.queries.forCutover(room.cutoverId())).isEmpty();
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "TRIGGER")).isZero();
	}

	@Test
	void anUnknownTriggerOrAMissingNoteIsRefusedWithAMessage() throws Exception {
		WarRoom room = this.cutovers.goLive();
		report(room, room.deployer(), "NOT_A_TRIGGER", null, null, "x").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Choose one of the runbook")));
		report(room, room.deployer(), "PAYOUT_FAILURE_RATE", null, null, " ")
			.andExpect(status().isUnprocessableContent());
		assertThat(this.queries.forCutover(room.cutoverId())).isEmpty();
	}

	@Test
	void theFragmentShowsOpenTriggersWithACountdownToTheDeadline() throws Exception {
		WarRoom room = this.cutovers.goLive();
		report(room, room.deployer(), "MIGRATION_FAILURE", null, null, "alembic exit 1");
		TriggerView open = this.queries.open(room.cutoverId()).get(0);
		this.mvc.perform(get("/cutovers/{id}/triggers", room.cutoverId()).with(this.accounts.as(room.scribe())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"triggers\"")))
			.andExpect(content().string(containsString("hx-trigger=\"live:triggers from:body\"")))
			.andExpect(content().string(containsString("data-deadline=\"" + open.deadline() + "\"")))
			.andExpect(content().string(containsString("/assets/js/trigger.js")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	@Test
	void theDecisionClockIsNotBreachedAfterFourMinutesAndRecordedOnceAfterSix() throws Exception {
		WarRoom room = this.cutovers.goLive();
		report(room, room.payments(), "LEDGER_INVARIANT_BREACH", null, null, "sum mismatch 12.00");

		this.clock.advance(Duration.ofMinutes(4));
		this.job.recordBreaches();
		assertThat(breaches(room.cutoverId())).isZero();
		assertThat(this.queries.open(room.cutoverId()).get(0).breached()).isFalse();

		this.clock.advance(Duration.ofMinutes(2));
		this.job.recordBreaches();
		this.job.recordBreaches();
		assertThat(breaches(room.cutoverId())).isEqualTo(1);
		assertThat(this.jdbc.sql("""
				select text from timeline_entry
				where cutover_id = ? and kind = 'TRIGGER' and result = 'FAIL' and actor_id is null""")
			.param(room.cutoverId())
			.query(String.class)
			.single()).startsWith("IC decision clock breached: Ledger Invariant Violation / Ledger Invariant Breach")
			.contains(" reported at ")
			.contains("not decided within 5 min");
		TriggerView trigger = this.queries.open(room.cutoverId()).get(0);
		assertThat(trigger.open()).isTrue();
		assertThat(trigger.breached()).isTrue();
	}

	@Test
	void twoConcurrentJobRunsRecordABreachOnlyOnce() throws Exception {
		WarRoom room = this.cutovers.goLive();
		report(room, room.payments(), "PAYOUT_WITHDRAW_404_5XX", null, null, "withdraw 503");
		report(room, room.deployer(), "", "Health endpoint flapping", "", "3 of 5 probes fail");
		this.clock.advance(Duration.ofMinutes(6));

		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				runs.add(pool.submit(() -> {
					start.await();
					return this.job.recordBreaches();
				}));
			}
			start.countDown();
			for (Future<Integer> run : runs) {
				run.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(breaches(room.cutoverId())).isEqualTo(2);
		assertThat(this.jdbc
			.sql("select count(*) from rollback_trigger where cutover_id = ? and breach_recorded_at is not null")
			.param(room.cutoverId())
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void onlyADecisionResolvesOpenTriggersAndThenNoBreachIsRecorded() throws Exception {
		WarRoom room = this.cutovers.goLive();
		report(room, room.payments(), "PAYOUT_FAILURE_RATE", null, null, "20%");
		this.transactions.executeWithoutResult((tx) -> this.service.resolveAll(room.cutoverId(), 42L));
		this.clock.advance(Duration.ofMinutes(6));
		this.job.recordBreaches();

		assertThat(this.queries.open(room.cutoverId())).isEmpty();
		assertThat(this.queries.forCutover(room.cutoverId())).singleElement()
			.satisfies((t) -> assertThat(t.resolvedAt()).isNotNull());
		assertThat(breaches(room.cutoverId())).isZero();
		assertThatExceptionOfType(org.springframework.transaction.IllegalTransactionStateException.class)
			.isThrownBy(() -> this.service.resolveAll(room.cutoverId(), 43L));
	}

	@Test
	void aDecisionTakenAfterTheDeadlineStillHasItsBreachRecordedOnce() throws Exception {
		WarRoom room = this.cutovers.goLive();
		report(room, room.payments(), "PAYOUT_FAILURE_RATE", null, null, "19%");
		this.clock.advance(Duration.ofMinutes(7));
		this.transactions.executeWithoutResult((tx) -> this.service.resolveAll(room.cutoverId(), 99L));
		this.job.recordBreaches();
		this.job.recordBreaches();

		assertThat(breaches(room.cutoverId())).isEqualTo(1);
		assertThat(this.queries.forCutover(room.cutoverId())).singleElement().satisfies((t) -> {
			assertThat(t.open()).isFalse();
			assertThat(t.breached()).isTrue();
		});
	}

	@Test
	void noTriggerIsReportedBeforeTheCutoverStarts() throws Exception {
		AccountView creator = this.accounts.member("creator");
		AccountView ic = this.accounts.member("ic");
		long id = this.cutovers.create("go-live-canary-money-loop", creator,
				java.util.Map.of("CANARY_TENANT", "tenant-canary-01"));
		this.cutovers.assign(id, "IC", ic, creator);
		this.mvc
			.perform(post("/cutovers/{id}/triggers", id).with(this.accounts.as(ic))
				.with(csrf())
				.param("key", "PAYOUT_FAILURE_RATE")
				.param("note", "too early"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("This cutover is PLANNED")));
		assertThat(this.queries.forCutover(id)).isEmpty();
	}

	@Test
	void aReportedTriggerCannotBeChangedNorDeleted() throws Exception {
		WarRoom room = this.cutovers.goLive();
		report(room, room.payments(), "PAYOUT_FAILURE_RATE", null, null, "20%");
		long id = this.queries.forCutover(room.cutoverId()).get(0).id();
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(
					() -> this.jdbc.sql("update rollback_trigger set note = 'nothing' where id = ?").param(id).update())
			.withMessageContaining("not changed");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("delete from rollback_trigger where id = ?").param(id).update())
			.withMessageContaining("append-only");
		this.transactions.executeWithoutResult((tx) -> this.service.resolveAll(room.cutoverId(), 7L));
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(
				() -> this.jdbc.sql("update rollback_trigger set resolved_at = now() where id = ?").param(id).update());
	}

	private org.springframework.test.web.servlet.ResultActions report(WarRoom room, AccountView as, String key,
			String title, String action, String note) throws Exception {
		var request = post("/cutovers/{id}/triggers", room.cutoverId()).with(this.accounts.as(as)).with(csrf());
		if (key != null) {
			request.param("key", key);
		}
		if (title != null) {
			request.param("title", title);
		}
		if (action != null) {
			request.param("action", action);
		}
		if (note != null) {
			request.param("note", note);
		}
		return this.mvc.perform(request);
	}

	private long breaches(long cutoverId) {
		return this.jdbc
			.sql("""
					select count(*) from timeline_entry
					where cutover_id = ? and kind = 'TRIGGER' and actor_id is null and text like 'IC decision clock breached%'""")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

	private long signals(long cutoverId, String topic) {
		return this.jdbc.sql("select count(*) from live_signal where cutover_id = ? and topic = ?")
			.params(cutoverId, topic)
			.query(Long.class)
			.single();
	}

}
