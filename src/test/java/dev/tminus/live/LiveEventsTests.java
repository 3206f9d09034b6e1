package dev.tminus.live;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.tminus.account.AccountView;
import dev.tminus.live.SseClient.Event;
import dev.tminus.live.internal.Watchers;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@LiveTest
class LiveEventsTests {

	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LiveSignals live;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	Watchers watchers;

	LiveFixtures fixtures;

	TestHttp http;

	long cutover;

	@BeforeEach
	void setUp() {
		this.fixtures = new LiveFixtures(this.jdbc, this.live, this.transactionManager);
		this.http = new TestHttp(this.port);
		this.cutover = this.fixtures.cutover(this.accounts.member("owner"));
	}

	/** Streams whose client went away end at the next heartbeat; end them now. */
	@AfterEach
	void endStreams() {
		this.watchers.closeAll();
	}

	@Test
	void aCommittedSignalReachesAWatcherWithinOneSecondAsAnEventNamedAfterItsTopic() throws Exception {
		String session = this.http.signIn(this.accounts.member("watcher").username());
		try (SseClient events = open(session, null)) {
			assertThat(events.awaitComment("heartbeat", Duration.ofSeconds(3))).as("heartbeat").isTrue();

			this.fixtures.commit(this.cutover, "steps");
			Event event = events.nextEvent(ONE_SECOND);

			long id = this.fixtures.signalIds(this.cutover, 0).get(0);
			assertThat(event).isEqualTo(new Event(Long.toString(id), "steps",
					"{\"cutoverId\":" + this.cutover + ",\"topic\":\"steps\",\"id\":" + id + "}"));
		}
	}

	@Test
	void aRolledBackSignalNeverReachesAWatcherNorTheTable() throws Exception {
		String session = this.http.signIn(this.accounts.member("watcher").username());
		try (SseClient events = open(session, null)) {
			this.fixtures.rollBack(this.cutover, "status");
			this.fixtures.commit(this.cutover, "timeline");

			assertThat(events.nextEvent(ONE_SECOND).name()).isEqualTo("timeline");
			assertThat(events.nextEvent(Duration.ofMillis(300))).isNull();
			assertThat(this.fixtures.signalIds(this.cutover, 0)).hasSize(1);
		}
	}

	@Test
	void aWatcherSeesOnlyTheSignalsOfItsCutover() throws Exception {
		long other = this.fixtures.cutover(this.accounts.member("owner"));
		String session = this.http.signIn(this.accounts.member("watcher").username());
		try (SseClient events = open(session, null)) {
			this.fixtures.commit(other, "steps");
			this.fixtures.commit(this.cutover, "roles");

			assertThat(events.nextEvent(ONE_SECOND).name()).isEqualTo("roles");
			assertThat(events.nextEvent(Duration.ofMillis(300))).isNull();
		}
	}

	@Test
	void aReconnectWithLastEventIdReplaysExactlyTheMissedSignalsInOrderThenContinuesLive() throws Exception {
		String session = this.http.signIn(this.accounts.member("watcher").username());
		long seen;
		try (SseClient events = open(session, null)) {
			this.fixtures.commit(this.cutover, "steps");
			seen = Long.parseLong(events.nextEvent(ONE_SECOND).id());
		}
		this.fixtures.commit(this.cutover, "gates");
		this.fixtures.commit(this.cutover, "roles");
		this.fixtures.commit(this.cutover, "steps");
		List<Long> missed = this.fixtures.signalIds(this.cutover, seen);

		try (SseClient events = open(session, seen)) {
			assertThat(
					List.of(events.nextEvent(ONE_SECOND), events.nextEvent(ONE_SECOND), events.nextEvent(ONE_SECOND)))
				.extracting(Event::id, Event::name)
				.containsExactly(tuple(missed.get(0), "gates"), tuple(missed.get(1), "roles"),
						tuple(missed.get(2), "steps"));
			assertThat(events.nextEvent(Duration.ofMillis(300))).as("nothing more than was missed").isNull();

			this.fixtures.commit(this.cutover, "status");
			assertThat(events.nextEvent(ONE_SECOND).name()).isEqualTo("status");
		}
	}

	@Test
	void watchersCatchUpAfterTheListenConnectionDrops() throws Exception {
		String session = this.http.signIn(this.accounts.member("watcher").username());
		try (SseClient before = open(session, null)) {
			this.fixtures.commit(this.cutover, "steps");
			long seen = Long.parseLong(before.nextEvent(ONE_SECOND).id());

			List<Boolean> terminated = this.jdbc.sql("""
					select pg_terminate_backend(pid) from pg_stat_activity
					where application_name = 't-minus live listener' and datname = current_database()""")
				.query(Boolean.class)
				.list();
			assertThat(terminated).containsOnly(true).isNotEmpty();
			this.fixtures.commit(this.cutover, "gates");

			assertThat(before.awaitEnd(Duration.ofSeconds(10))).as("streams end once the listener is back").isTrue();
			try (SseClient after = open(session, seen)) {
				assertThat(after.nextEvent(ONE_SECOND).name()).as("replayed").isEqualTo("gates");
				this.fixtures.commit(this.cutover, "roles");
				assertThat(after.nextEvent(ONE_SECOND).name()).as("live again").isEqualTo("roles");
			}
		}
	}

	@Test
	void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
		HttpResponse<String> response = this.http.getEvents(events(), null);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
	}

	@Test
	void someoneLiveAccessRefusesGets403AndNoStream() throws Exception {
		String session = this.http.signIn(this.accounts.member("outsider").username());

		HttpResponse<String> response = this.http.getEvents(events(), session);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).doesNotContain("event-stream");
	}

	@Test
	void anUnknownCutoverIs404() throws Exception {
		String session = this.http.signIn(this.accounts.member("watcher").username());

		HttpResponse<String> response = this.http.getEvents("/cutovers/987654321/events", session);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).doesNotContain("event-stream");
	}

	@Test
	void signalsOnlyInsideTheCallersTransaction() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.live.signal(this.cutover, "steps"));
		assertThat(this.fixtures.signalIds(this.cutover, 0)).isEmpty();
	}

	@Test
	void refusesATopicThatIsNotALowerCaseToken() {
		for (String topic : new String[] { "", "Steps", "1steps", "steps:1", "a".repeat(32), "steps\n" }) {
			assertThatIllegalArgumentException().as(topic).isThrownBy(() -> this.fixtures.commit(this.cutover, topic));
		}
		this.fixtures.commit(this.cutover, "a-1" + "b".repeat(28));
		assertThat(this.fixtures.signalIds(this.cutover, 0)).hasSize(1);
	}

	private SseClient open(String session, Long lastEventId) throws Exception {
		return SseClient.open(this.http.client(), this.http.uri(events()), session, lastEventId);
	}

	private String events() {
		return "/cutovers/" + this.cutover + "/events";
	}

	private static org.assertj.core.groups.Tuple tuple(long id, String name) {
		return org.assertj.core.groups.Tuple.tuple(Long.toString(id), name);
	}

}
