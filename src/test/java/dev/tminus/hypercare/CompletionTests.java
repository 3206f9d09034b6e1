package dev.tminus.hypercare;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookTemplate.TriggerAction;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import dev.tminus.trigger.ReportTrigger;
import dev.tminus.trigger.TriggerService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Seed 001's "Go-Live Completion Criteria": the go-live is COMPLETE when every criterion
 * is ticked by its owner and no rollback trigger is open, and not before.
 */
@IntegrationTest
class CompletionTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	ApplicationContext context;

	@Autowired
	TriggerService triggers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	GoLives goLives;

	@BeforeEach
	void goLives() {
		this.goLives = new GoLives(this.context);
	}

	/**
	 * A go-live after GO whose criteria windows (not_before: 2h and 24h after GO) have
	 * passed.
	 */
	private WarRoom goAndWaitOutTheWindows() {
		WarRoom room = this.goLives.go();
		this.clock.advance(Duration.ofHours(24));
		return room;
	}

	/** Every criterion of the template with the person holding its owner role. */
	private Map<String, AccountView> owners(WarRoom room) {
		return Map.of("SMOKE_PASS", room.deployer(), "CANARY_PASS_REPORT_FILED", room.payments(), "NO_5XX_SPIKES",
				room.oncall(), "QUEUE_UNDER_CONTROL", room.payments(), "NO_ROLLBACK_TRIGGERS", room.ic(),
				"CONTROL_REPORT_PUBLISHED", room.oncall());
	}

	@Test
	void theGoLiveIsCompleteOnlyOnceEveryCriterionIsTickedByItsOwner() throws Exception {
		WarRoom room = goAndWaitOutTheWindows();
		Map<String, AccountView> owners = owners(room);
		assertThat(owners.keySet()).containsExactlyInAnyOrderElementsOf(
				this.goLives.template(room.cutoverId()).completionCriteria().stream().map((c) -> c.key()).toList());

		for (String key : new String[] { "SMOKE_PASS", "CANARY_PASS_REPORT_FILED", "NO_5XX_SPIKES",
				"QUEUE_UNDER_CONTROL", "NO_ROLLBACK_TRIGGERS" }) {
			tick(room, owners.get(key), key).andExpect(status().is3xxRedirection());
			assertThat(this.goLives.status(room.cutoverId())).as("after ticking " + key).isEqualTo("GO");
		}
		this.mvc.perform(get("/cutovers/{id}/hypercare", room.cutoverId()).with(this.accounts.as(room.scribe())))
			.andExpect(content().string(containsString("5 of 6 completion criteria ticked.")))
			.andExpect(content()
				.string(containsString("data-criterion=\"CONTROL_REPORT_PUBLISHED\" data-ticked=\"false\"")));

		tick(room, room.oncall(), "CONTROL_REPORT_PUBLISHED").andExpect(status().is3xxRedirection());

		assertThat(this.goLives.status(room.cutoverId())).isEqualTo("COMPLETE");
		assertThat(this.jdbc.sql("select count(*) from completion_tick where cutover_id = ?")
			.param(room.cutoverId())
			.query(Long.class)
			.single()).isEqualTo(6);
		assertThat(this.jdbc
			.sql("""
					select text from timeline_entry where cutover_id = ? and kind = 'STATUS' and subject_key = 'complete'""")
			.param(room.cutoverId())
			.query(String.class)
			.single())
			.isEqualTo("Go-live COMPLETE: all 6 completion criteria ticked by their owners; no rollback trigger open.");
		assertThat(this.jdbc.sql("""
				select count(*) from timeline_entry
				 where cutover_id = ? and kind = 'HYPERCARE' and text like 'Completion criterion ticked%'""")
			.param(room.cutoverId())
			.query(Long.class)
			.single()).isEqualTo(6);
		this.mvc.perform(get("/cutovers/{id}", room.cutoverId()).with(this.accounts.as(room.scribe())))
			.andExpect(content().string(containsString(">COMPLETE</span>")));
	}

	@Test
	void aCriterionWithATimeWindowIsTickedOnlyOnceItsWindowHasPassedSinceGo() throws Exception {
		WarRoom room = this.goLives.go();
		Instant go = this.jdbc.sql("select started_at from hypercare_run where cutover_id = ?")
			.param(room.cutoverId())
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		this.clock.advance(Duration.ofMinutes(3).plusSeconds(47));
		tick(room, room.oncall(), "NO_5XX_SPIKES").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("can be ticked from "
					+ ParameterResolver.format(go.plus(Duration.ofHours(2))) + " (2 h after GO), in 1 h 57 min")));
		this.mvc.perform(get("/cutovers/{id}/hypercare", room.cutoverId()).with(this.accounts.as(room.oncall())))
			.andExpect(content().string(containsString("ticked from")))
			.andExpect(content().string(containsString(ParameterResolver.format(go.plus(Duration.ofHours(24))))));
		assertThat(ticks(room)).isZero();

		this.clock.set(go.plus(Duration.ofHours(2)));
		tick(room, room.oncall(), "NO_5XX_SPIKES").andExpect(status().is3xxRedirection());
		tick(room, room.oncall(), "CONTROL_REPORT_PUBLISHED").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("(24 h after GO), in 22 h")));
		assertThat(ticks(room)).isEqualTo(1);
	}

	@Test
	void aCriterionIsTickedByItsOwnerRoleOnlyNotByTheIcNorAnyoneElse() throws Exception {
		WarRoom room = this.goLives.go();

		tick(room, room.deployer(), "QUEUE_UNDER_CONTROL").andExpect(status().isForbidden())
			.andExpect(content().string(containsString("Only the Payments Owner ticks")));
		tick(room, room.ic(), "SMOKE_PASS").andExpect(status().isForbidden());
		tick(room, room.scribe(), "NO_5XX_SPIKES").andExpect(status().isForbidden());
		tick(room, room.creator(), "SMOKE_PASS").andExpect(status().isForbidden());
		tick(room, this.accounts.auditor("auditor"), "SMOKE_PASS").andExpect(status().isForbidden());
		tick(room, this.accounts.member("stranger"), "SMOKE_PASS").andExpect(status().isNotFound());
		tick(room, room.deployer(), "NOT_A_CRITERION").andExpect(status().isUnprocessableContent());
		assertThat(ticks(room)).isZero();

		tick(room, room.ic(), "NO_ROLLBACK_TRIGGERS").andExpect(status().is3xxRedirection());
		assertThat(ticks(room)).isEqualTo(1);
	}

	@Test
	void aMissingTickLeavesTheGoLiveOpen() throws Exception {
		WarRoom room = goAndWaitOutTheWindows();
		Map<String, AccountView> owners = owners(room);
		owners.forEach((key, who) -> {
			if (!key.equals("QUEUE_UNDER_CONTROL")) {
				tickNow(room, who, key);
			}
		});

		assertThat(this.goLives.status(room.cutoverId())).isEqualTo("GO");
		this.mvc.perform(get("/cutovers/{id}/hypercare", room.cutoverId()).with(this.accounts.as(room.payments())))
			.andExpect(content().string(containsString("5 of 6 completion criteria ticked.")));
	}

	@Test
	void anOpenRollbackTriggerHoldsCompletionBackEvenWithEveryTick() throws Exception {
		WarRoom room = goAndWaitOutTheWindows();
		this.triggers.report(room.cutoverId(),
				new ReportTrigger("PAYOUT_FAILURE_RATE", null, null, "payout failures at 17% since 11:05"),
				this.cutovers.user(room.payments()));
		this.triggers.report(room.cutoverId(),
				new ReportTrigger("LATENCY_SPIKE", null, TriggerAction.MONITOR, "p95 up 30%, no errors"),
				this.cutovers.user(room.oncall()));

		owners(room).forEach((key, who) -> tickNow(room, who, key));

		assertThat(this.goLives.status(room.cutoverId())).isEqualTo("GO");
		assertThat(this.jdbc.sql("""
				select count(*) from timeline_entry where cutover_id = ? and kind = 'HYPERCARE'
				   and text like '%COMPLETE waits while a rollback trigger is open: Payout Failure Rate > 15_.'""")
			.param(room.cutoverId())
			.query(Long.class)
			.single()).isEqualTo(1);
		this.mvc.perform(get("/cutovers/{id}/hypercare", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(content().string(containsString("COMPLETE waits while a rollback trigger is open")));
	}

	@Test
	void aMonitorTriggerDoesNotHoldCompletionBack() {
		WarRoom room = goAndWaitOutTheWindows();
		this.triggers.report(room.cutoverId(),
				new ReportTrigger("QUEUE_BACKLOG", null, TriggerAction.MONITOR, "backlog 300 < SLA 500"),
				this.cutovers.user(room.payments()));

		owners(room).forEach((key, who) -> tickNow(room, who, key));

		assertThat(this.goLives.status(room.cutoverId())).isEqualTo("COMPLETE");
	}

	@Test
	void aTickIsFinalAndOncePerCriterion() throws Exception {
		WarRoom room = this.goLives.go();
		tick(room, room.deployer(), "SMOKE_PASS").andExpect(status().is3xxRedirection());

		tick(room, room.deployer(), "SMOKE_PASS").andExpect(status().isConflict())
			.andExpect(content().string(containsString("already ticked by")));
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("delete from completion_tick where cutover_id = ?")
				.param(room.cutoverId())
				.update())
			.withMessageContaining("append-only");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc
				.sql("""
						insert into completion_tick (cutover_id, criterion_key, owner_role, ticked_by, ticked_by_label, ticked_at)
						values (?, 'SMOKE_PASS', 'DEPLOYER', ?, 'x', now())""")
				.params(room.cutoverId(), room.deployer().id())
				.update())
			.withMessageContaining("completion_tick_criterion_uk");
		assertThat(ticks(room)).isEqualTo(1);
	}

	@Test
	void nothingIsTickedBeforeGoNorAfterARollback() throws Exception {
		WarRoom running = this.goLives.ready();
		tick(running, running.deployer(), "SMOKE_PASS").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("IN_PROGRESS: completion criteria are ticked only after GO")));

		WarRoom rolledBack = this.goLives.go();
		this.goLives.decide(rolledBack, "ROLLBACK");
		tick(rolledBack, rolledBack.deployer(), "SMOKE_PASS").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("ROLLED_BACK")));
		assertThat(ticks(running) + ticks(rolledBack)).isZero();
	}

	private void tickNow(WarRoom room, AccountView who, String key) {
		try {
			tick(room, who, key).andExpect(status().is3xxRedirection());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ResultActions tick(WarRoom room, AccountView who, String key) throws Exception {
		return this.mvc.perform(post("/cutovers/{id}/hypercare/ticks", room.cutoverId()).with(this.accounts.as(who))
			.with(csrf())
			.param("criterionKey", key)
			.param("note", ""));
	}

	private long ticks(WarRoom room) {
		return this.jdbc.sql("select count(*) from completion_tick where cutover_id = ?")
			.param(room.cutoverId())
			.query(Long.class)
			.single();
	}

}
