package dev.tminus.hypercare;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.SqlStatementCounter;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class HypercareQueryCountTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	ApplicationContext context;

	@Autowired
	HypercareService hypercare;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	SqlStatementCounter counter;

	Instant before;

	@AfterEach
	void clockBack() {
		if (this.before != null) {
			this.clock.set(this.before);
		}
	}

	@Test
	void theHypercareViewCostsTheSameFewStatementsWithNoneOrTwentyFourChecksRecorded() throws Exception {
		GoLives goLives = new GoLives(this.context);
		this.before = this.clock.instant();
		WarRoom quiet = goLives.go();
		WarRoom busy = goLives.go();
		this.clock.advance(Duration.ofHours(18)); // 12 checks of 0-6h and 13 of 6-24h
													// have opened
		List<Long> checks = this.jdbc
			.sql("select id from hypercare_check where cutover_id = ? and opens_at <= ? order by due_at")
			.params(busy.cutoverId(), java.sql.Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.list();
		assertThat(checks).hasSizeGreaterThanOrEqualTo(24);
		var people = List.of(busy.oncall(), busy.scribe(), busy.ic(), busy.deployer(), busy.payments());
		for (int i = 0; i < 24; i++) {
			this.hypercare.recordCheck(busy.cutoverId(),
					new RecordCheck(checks.get(i), (i % 5 == 0) ? CheckStatus.ISSUE : CheckStatus.OK, "seen " + i),
					this.cutovers.user(people.get(i % people.size())));
		}
		this.hypercare.fileControlReport(busy.cutoverId(), new FileControlReport("s", "m", "a"),
				this.cutovers.user(busy.oncall()));
		this.hypercare.tick(busy.cutoverId(), new TickCriterion("SMOKE_PASS", null),
				this.cutovers.user(busy.deployer()));
		this.hypercare.tick(busy.cutoverId(), new TickCriterion("QUEUE_UNDER_CONTROL", "queue p95 40s"),
				this.cutovers.user(busy.payments()));
		// warm the template cache so both renders are compared on equal terms
		this.mvc.perform(get("/cutovers/{id}/hypercare", quiet.cutoverId()).with(this.accounts.as(quiet.ic())));

		// the signed-in user is loaded once at sign-in, not by the page: outside the
		// count
		var quietIc = this.accounts.as(quiet.ic());
		var busyIc = this.accounts.as(busy.ic());
		long quietView = this.counter
			.count(() -> this.mvc.perform(get("/cutovers/{id}/hypercare", quiet.cutoverId()).with(quietIc))
				.andExpect(status().isOk()));
		long busyView = this.counter
			.count(() -> this.mvc.perform(get("/cutovers/{id}/hypercare", busy.cutoverId()).with(busyIc))
				.andExpect(status().isOk()));

		String statements = this.counter.lastStatements();
		assertThat(busyView).as(statements).isEqualTo(quietView);
		assertThat(busyView).as(statements).isLessThanOrEqualTo(10);
	}

}
