package dev.tminus.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.tminus.cutover.CutoverService;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import dev.tminus.window.GaCutovers.GaRoom;
import dev.tminus.window.internal.PassedPointsOfNoReturn;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class RollbackWindowTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	CutoverService service;

	@Autowired
	PassedPointsOfNoReturn job;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void theFragmentShowsThePointOfNoReturnAnHourAfterTZeroForTheGaCutover() throws Exception {
		GaRoom room = GaCutovers.started(this.cutovers, this.accounts, this.service);
		Instant t0 = t0(room.cutoverId());
		String end = ParameterResolver.format(t0.plus(Duration.ofMinutes(120)));
		String point = ParameterResolver.format(t0.plus(Duration.ofMinutes(60)));
		this.mvc.perform(get("/cutovers/{id}/window", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"window\"")))
			.andExpect(content().string(containsString("hx-get=\"/cutovers/" + room.cutoverId() + "/window\"")))
			.andExpect(content().string(containsString("hx-trigger=\"live:status from:body\" hx-swap=\"outerHTML\"")))
			.andExpect(content().string(containsString(
					"<time class=\"window-end\" datetime=\"" + end + "\" data-local>" + end + "</time>")))
			.andExpect(content().string(containsString(
					"<time class=\"point-of-no-return\" datetime=\"" + point + "\" data-local>" + point + "</time>")))
			.andExpect(content().string(containsString("data-point-of-no-return=\"" + point + "\"")))
			.andExpect(content().string(containsString("/assets/js/window.js")))
			.andExpect(content().string(not(containsString("passed bad"))));
	}

	@Test
	void theCountdownTurnsRedOnceThePointOfNoReturnHasPassed() throws Exception {
		GaRoom room = GaCutovers.started(this.cutovers, this.accounts, this.service);
		this.clock.set(t0(room.cutoverId()).plus(Duration.ofMinutes(61)));
		this.mvc.perform(get("/cutovers/{id}/window", room.cutoverId()).with(this.accounts.as(room.creator())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("window-clock passed bad")));
	}

	@Test
	void nothingIsRecordedBeforeThePointOfNoReturnAndExactlyOneEntryAfterIt() {
		GaRoom room = GaCutovers.started(this.cutovers, this.accounts, this.service);
		Instant t0 = t0(room.cutoverId());
		this.clock.set(t0.plus(Duration.ofMinutes(59)));
		this.job.recordPassed();
		assertThat(entries(room.cutoverId())).isEmpty();
		long signalsBefore = timelineSignals(room.cutoverId());

		this.clock.set(t0.plus(Duration.ofMinutes(61)));
		this.job.recordPassed();
		this.job.recordPassed();
		assertThat(entries(room.cutoverId())).singleElement()
			.isEqualTo("Point of no return passed at " + ParameterResolver.format(t0.plus(Duration.ofMinutes(60)))
					+ " without a decision (window end " + ParameterResolver.format(t0.plus(Duration.ofMinutes(120)))
					+ ", backout 60 min).");
		assertThat(this.jdbc.sql("""
				select kind || ' ' || coalesce(result, '-') || ' ' || coalesce(actor_id::text, 'system') || ' ' || text
				from timeline_entry where cutover_id = ? order by id""")
			.param(room.cutoverId())
			.query(String.class)
			.list()).filteredOn((row) -> row.startsWith("STATUS FAIL system ")).hasSize(1);
		assertThat(markers(room.cutoverId())).isEqualTo(1);
		assertThat(timelineSignals(room.cutoverId())).isEqualTo(signalsBefore + 1);
	}

	@Test
	void twoConcurrentJobRunsRecordThePassedPointOnlyOnce() throws Exception {
		GaRoom room = GaCutovers.started(this.cutovers, this.accounts, this.service);
		this.clock.set(t0(room.cutoverId()).plus(Duration.ofMinutes(90)));

		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				runs.add(pool.submit(() -> {
					start.await();
					return this.job.recordPassed();
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
		assertThat(entries(room.cutoverId())).hasSize(1);
		assertThat(markers(room.cutoverId())).isEqualTo(1);
	}

	@Test
	void aDecidedCutoverHasNothingRecordedWhenItsPointOfNoReturnPasses() throws Exception {
		GaRoom room = GaCutovers.started(this.cutovers, this.accounts, this.service);
		this.transactions.executeWithoutResult((tx) -> this.service.recordDecision(room.cutoverId(), "NO_GO"));
		this.clock.set(t0(room.cutoverId()).plus(Duration.ofMinutes(61)));
		this.job.recordPassed();

		assertThat(entries(room.cutoverId())).isEmpty();
		assertThat(markers(room.cutoverId())).isZero();
		this.mvc.perform(get("/cutovers/{id}/window", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("decided")))
			.andExpect(content().string(not(containsString("data-point-of-no-return"))));
	}

	@Test
	void aCutoverNotStartedHasNothingRecorded() {
		GaRoom room = GaCutovers.planned(this.cutovers, this.accounts);
		this.clock.set(t0(room.cutoverId()).plus(Duration.ofMinutes(61)));
		this.job.recordPassed();

		assertThat(entries(room.cutoverId())).isEmpty();
		assertThat(markers(room.cutoverId())).isZero();
	}

	@Test
	void aRunbookWithoutAWindowShowsNoneAndNothingIsEverRecorded() throws Exception {
		WarRoom room = this.cutovers.goLive();
		this.mvc.perform(get("/cutovers/{id}/window", room.cutoverId()).with(this.accounts.as(room.scribe())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"window\"")))
			.andExpect(content().string(containsString("No rollback window defined in the runbook")))
			.andExpect(content().string(not(containsString("window.js"))));

		this.clock.set(t0(room.cutoverId()).plus(Duration.ofHours(3)));
		this.job.recordPassed();
		assertThat(entries(room.cutoverId())).isEmpty();
		assertThat(markers(room.cutoverId())).isZero();
	}

	@Test
	void nonMembersDoNotSeeTheCutover() throws Exception {
		GaRoom room = GaCutovers.started(this.cutovers, this.accounts, this.service);
		this.mvc.perform(get("/cutovers/{id}/window", room.cutoverId()).with(this.accounts.as(room.other())))
			.andExpect(status().isNotFound());
	}

	private Instant t0(long cutoverId) {
		return this.jdbc.sql("select t0 from cutover where id = ?")
			.param(cutoverId)
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.single();
	}

	private List<String> entries(long cutoverId) {
		return this.jdbc.sql("""
				select text from timeline_entry
				where cutover_id = ? and actor_id is null and text like 'Point of no return passed%'""")
			.param(cutoverId)
			.query(String.class)
			.list();
	}

	private long timelineSignals(long cutoverId) {
		return this.jdbc.sql("select count(*) from live_signal where cutover_id = ? and topic = 'timeline'")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

	private long markers(long cutoverId) {
		return this.jdbc.sql("select count(*) from cutover_marker where cutover_id = ?")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

}
