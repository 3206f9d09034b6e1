package dev.tminus.hypercare;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.comms.NewWebhookEndpoint;
import dev.tminus.comms.WebhookEvent;
import dev.tminus.comms.WebhookService;
import dev.tminus.hypercare.internal.OverdueChecks;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A GO at 10:00 UTC on the seed 001 go-live: the template's hypercare windows become
 * checks due from the decision's time, and the overdue job marks each one only once its
 * due time plus the 10 min grace has passed.
 */
@IntegrationTest
class HypercareScheduleTests {

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
	OverdueChecks job;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebhookService webhooks;

	@Autowired
	MutableClock clock;

	GoLives goLives;

	Instant before;

	Instant tenAm;

	@BeforeEach
	void aGoLiveReadyForGoAtTenUtc() {
		this.goLives = new GoLives(this.context);
		this.before = this.clock.instant();
		this.tenAm = this.goLives.nextTenAm();
		this.clock.set(this.tenAm);
	}

	@AfterEach
	void clockBack() {
		this.clock.set(this.before);
	}

	@Test
	void aGoAtTenCreatesTheChecksTheTemplateDefinesPerWindow() {
		WarRoom room = this.goLives.go();

		List<Map<String, Object>> checks = checks(room.cutoverId());
		assertThat(checks).hasSize(36);
		assertThat(checks.stream().filter((c) -> c.get("window_index").equals(0))).hasSize(12);
		assertThat(checks.stream().filter((c) -> c.get("window_index").equals(1))).hasSize(18);
		assertThat(checks.stream().filter((c) -> c.get("window_index").equals(2))).hasSize(6);
		assertThat(dueTimes(checks, 0)).first().isEqualTo(this.tenAm.plus(Duration.ofMinutes(30)));
		assertThat(dueTimes(checks, 0)).element(1).isEqualTo(this.tenAm.plus(Duration.ofMinutes(60)));
		assertThat(dueTimes(checks, 0)).last().isEqualTo(this.tenAm.plus(Duration.ofHours(6)));
		assertThat(dueTimes(checks, 1)).first().isEqualTo(this.tenAm.plus(Duration.ofHours(7)));
		assertThat(dueTimes(checks, 1)).last().isEqualTo(this.tenAm.plus(Duration.ofHours(24)));
		assertThat(dueTimes(checks, 2)).containsExactly(this.tenAm.plus(Duration.ofHours(32)),
				this.tenAm.plus(Duration.ofHours(40)), this.tenAm.plus(Duration.ofHours(48)),
				this.tenAm.plus(Duration.ofHours(56)), this.tenAm.plus(Duration.ofHours(64)),
				this.tenAm.plus(Duration.ofHours(72)));
		assertThat(checks).allSatisfy((c) -> {
			assertThat(c.get("focus").toString())
				.isEqualTo("[\"5xx rates\", \"Queue Backlog\", \"Webhook Failures\", \"Random Ledger Recon\"]");
			assertThat(c.get("status")).isNull();
			assertThat(c.get("overdue_at")).isNull();
		});
		assertThat(checks.get(0).get("window_label")).isEqualTo("0-6h · every 30 min");
		assertThat(checks.get(35).get("window_label")).isEqualTo("24-72h · every 8 h");
		assertThat(this.jdbc.sql("select started_at from hypercare_run where cutover_id = ?")
			.param(room.cutoverId())
			.query(Timestamp.class)
			.single()
			.toInstant()).isEqualTo(this.tenAm);
		assertThat(timeline(room.cutoverId(), "Hypercare started at GO: 36 checks scheduled")).isEqualTo(1);
	}

	@Test
	void aCheckIsOverdueOnlyAfterItsDueTimePlusTheGraceAndIsMarkedOnce() {
		WarRoom room = this.goLives.go();
		long id = room.cutoverId();

		this.clock.set(this.tenAm.plus(Duration.ofMinutes(40)));
		this.job.markOverdue();
		assertThat(overdue(id)).as("10:30 check at 10:40:00, the end of its grace").isZero();

		this.clock.set(this.tenAm.plus(Duration.ofMinutes(40)).plusSeconds(1));
		this.job.markOverdue();
		assertThat(overdue(id)).isEqualTo(1);
		assertThat(overdueAt(id, this.tenAm.plus(Duration.ofMinutes(30))))
			.isEqualTo(this.tenAm.plus(Duration.ofMinutes(40)).plusSeconds(1));
		assertThat(timeline(id, "Hypercare check overdue: 0-6h · every 30 min #1 due")).isEqualTo(1);
		assertThat(signals(id, "hypercare")).isEqualTo(2); // GO, then the overdue check

		this.clock.advance(Duration.ofMinutes(5));
		this.job.markOverdue();
		assertThat(overdue(id)).as("marked once").isEqualTo(1);
		assertThat(overdueAt(id, this.tenAm.plus(Duration.ofMinutes(30))))
			.isEqualTo(this.tenAm.plus(Duration.ofMinutes(40)).plusSeconds(1));
		assertThat(timeline(id, "overdue")).isEqualTo(1);

		this.clock.set(this.tenAm.plus(Duration.ofHours(6)).plus(Duration.ofMinutes(10)).plusSeconds(1));
		this.job.markOverdue();
		assertThat(overdue(id)).as("the whole first window, nothing of the second").isEqualTo(12);

		this.clock.set(this.tenAm.plus(Duration.ofHours(72)).plus(Duration.ofMinutes(10)));
		this.job.markOverdue();
		assertThat(overdue(id)).as("all but the last, due at +72h").isEqualTo(35);

		this.clock.advance(Duration.ofSeconds(1));
		this.job.markOverdue();
		assertThat(overdue(id)).isEqualTo(36);
	}

	@Test
	void aCheckRecordedInTimeIsNeverOverdue() {
		WarRoom room = this.goLives.go();
		long first = checkId(room.cutoverId(), 0, 1);

		this.clock.set(this.tenAm.plus(Duration.ofMinutes(38)));
		this.hypercare.recordCheck(room.cutoverId(), new RecordCheck(first, CheckStatus.OK, null),
				this.cutovers.user(room.oncall()));
		this.clock.set(this.tenAm.plus(Duration.ofMinutes(50)));
		this.job.markOverdue();

		assertThat(overdue(room.cutoverId())).isZero();
	}

	@Test
	void aRollbackEndsHypercareAndNothingFallsOverdueAfterIt() {
		WarRoom room = this.goLives.go();
		this.clock.set(this.tenAm.plus(Duration.ofMinutes(20)));
		this.goLives.decide(room, "ROLLBACK");

		this.clock.set(this.tenAm.plus(Duration.ofHours(80)));
		this.job.markOverdue();

		assertThat(overdue(room.cutoverId())).isZero();
		assertThat(timeline(room.cutoverId(), "Hypercare ended by ROLLBACK: 36 scheduled check(s) no longer due."))
			.isEqualTo(1);
	}

	@Test
	void theViewShowsTheNextCheckDueAndMarksOverdueOnes() throws Exception {
		WarRoom room = this.goLives.go();

		this.clock.set(this.tenAm.plus(Duration.ofMinutes(10)));
		this.mvc.perform(get("/cutovers/{id}/hypercare", room.cutoverId()).with(this.accounts.as(room.scribe())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Next check due in 20 min.")))
			.andExpect(content().string(not(containsString("data-state=\"OVERDUE\""))));

		this.clock.set(this.tenAm.plus(Duration.ofMinutes(45)));
		this.job.markOverdue();
		this.mvc
			.perform(get("/cutovers/{id}/hypercare", room.cutoverId()).param("fragment", "board")
				.header("HX-Request", "true")
				.with(this.accounts.as(room.deployer())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("OVERDUE")))
			.andExpect(content().string(containsString("0-6h · every 30 min #1")))
			.andExpect(content().string(containsString("Next check due in 15 min.")));
		this.mvc.perform(get("/cutovers/{id}/hypercare", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(content().string(containsString("data-state=\"OVERDUE\"")))
			.andExpect(content().string(containsString("1</span> check(s) not recorded in time")));
	}

	@Test
	void anOverdueCheckRaisesEveryBoardsBannerAndTheOverdueWebhookUntilItIsRecorded() throws Exception {
		WarRoom room = this.goLives.go();
		CurrentUser admin = this.cutovers.user(this.accounts.create("admin", GlobalRole.ADMIN));
		long endpoint = this.webhooks.addEndpoint(new NewWebhookEndpoint("Hypercare channel " + room.cutoverId(),
				"http://127.0.0.1:9/hook", null, Set.of(WebhookEvent.OVERDUE_CHECK)), admin);
		try {
			this.clock.set(this.tenAm.plus(Duration.ofMinutes(39)));
			this.job.markOverdue();
			this.mvc.perform(get("/cutovers/{id}/alerts", room.cutoverId()).with(this.accounts.as(room.deployer())))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString("overdue"))));

			this.clock.set(this.tenAm.plus(Duration.ofMinutes(41)));
			this.job.markOverdue();
			this.mvc.perform(get("/cutovers/{id}/alerts", room.cutoverId()).with(this.accounts.as(room.deployer())))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Hypercare check overdue: 0-6h · every 30 min #1 due")));
			String body = this.jdbc.sql(
					"select body from webhook_delivery where endpoint_id = ? and event = 'overdue_check' and cutover_id = ?")
				.params(endpoint, room.cutoverId())
				.query(String.class)
				.single();
			assertThat(body).contains("\"event\":\"overdue_check\"", "\"text\":", "Hypercare check overdue",
					"\"overdue_checks\":[{", "\"seq\":1");

			this.hypercare.recordCheck(room.cutoverId(),
					new RecordCheck(checkId(room.cutoverId(), 0, 1), CheckStatus.OK, "late but fine"),
					this.cutovers.user(room.oncall()));
			this.mvc.perform(get("/cutovers/{id}/alerts", room.cutoverId()).with(this.accounts.as(room.ic())))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString("overdue"))));
		}
		finally {
			this.webhooks.setEnabled(endpoint, false, admin);
		}
	}

	@Test
	void theBoardSectionStaysHiddenUntilGo() throws Exception {
		WarRoom room = this.goLives.ready();
		this.mvc
			.perform(get("/cutovers/{id}/hypercare", room.cutoverId()).param("fragment", "board")
				.header("HX-Request", "true")
				.with(this.accounts.as(room.ic())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("hidden=\"hidden\"")))
			.andExpect(content().string(not(containsString("Next check due"))));
		this.mvc.perform(get("/cutovers/{id}", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(content().string(containsString("hx-trigger=\"load, live:hypercare from:body\"")));
	}

	private List<Map<String, Object>> checks(long cutoverId) {
		return this.jdbc.sql("""
				select window_index, window_label, seq, due_at, focus::text as focus, status, overdue_at
				  from hypercare_check where cutover_id = ? order by due_at""").param(cutoverId).query().listOfRows();
	}

	private static List<Instant> dueTimes(List<Map<String, Object>> checks, int window) {
		return checks.stream()
			.filter((c) -> c.get("window_index").equals(window))
			.map((c) -> ((Timestamp) c.get("due_at")).toInstant())
			.toList();
	}

	private long checkId(long cutoverId, int window, int seq) {
		return this.jdbc.sql("select id from hypercare_check where cutover_id = ? and window_index = ? and seq = ?")
			.params(cutoverId, window, seq)
			.query(Long.class)
			.single();
	}

	private long overdue(long cutoverId) {
		return this.jdbc.sql("select count(*) from hypercare_check where cutover_id = ? and overdue_at is not null")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

	private Instant overdueAt(long cutoverId, Instant dueAt) {
		return this.jdbc.sql("select overdue_at from hypercare_check where cutover_id = ? and due_at = ?")
			.params(cutoverId, Timestamp.from(dueAt))
			.query(Timestamp.class)
			.single()
			.toInstant();
	}

	private long timeline(long cutoverId, String text) {
		return this.jdbc
			.sql("select count(*) from timeline_entry where cutover_id = ? and kind = 'HYPERCARE' and text like ?")
			.params(cutoverId, "%" + text + "%")
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
