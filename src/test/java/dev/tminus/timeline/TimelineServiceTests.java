package dev.tminus.timeline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.timeline.TimelineFixture.TestCutover;
import dev.tminus.timeline.internal.CanonicalEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@IntegrationTest
class TimelineServiceTests {

	@Autowired
	TimelineService timeline;

	@Autowired
	TimelineQueries queries;

	@Autowired
	TimelineIntegrity integrity;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	PlatformTransactionManager transactionManager;

	TimelineFixture fixture;

	@BeforeEach
	void fixture() {
		this.fixture = new TimelineFixture(this.jdbc, this.accounts, this.timeline, this.transactionManager);
	}

	@Test
	void appendsAreNumberedFromOnePerCutoverAndEachCarriesTheHashOfThePreviousOne() {
		TestCutover cutover = this.fixture.cutover();
		TestCutover other = this.fixture.cutover();
		TimelineEntryView first = this.fixture.note(cutover, "War room open");
		this.fixture.note(other, "Another cutover's first entry");
		TimelineEntryView second = this.fixture.note(cutover, "Roll call done");
		TimelineEntryView third = this.fixture.note(cutover, "Freeze announced");

		assertThat(List.of(first.seq(), second.seq(), third.seq())).containsExactly(1L, 2L, 3L);
		assertThat(first.prevHash()).isEqualTo("0".repeat(64));
		assertThat(second.prevHash()).isEqualTo(first.hash());
		assertThat(third.prevHash()).isEqualTo(second.hash());
		assertThat(List.of(first.hash(), second.hash(), third.hash())).doesNotHaveDuplicates()
			.allMatch((hash) -> hash.matches("[0-9a-f]{64}"));
		assertThat(this.queries.after(cutover.id(), 0)).containsExactly(first, second, third);
		assertThat(this.queries.after(other.id(), 0)).singleElement()
			.satisfies((entry) -> assertThat(entry.seq()).isEqualTo(1));
	}

	@Test
	void theStoredHashIsTheSha256OfTheStoredRowsCanonicalForm() {
		TestCutover cutover = this.fixture.cutover();
		this.fixture.append(cutover.by(TimelineKind.STEP, "Snapshot taken")
			.withResult(TimelineResult.PASS)
			.withSubject("t30-snapshot")
			.withOnBehalfOf("Deployer")
			.withDetails(Map.of("snapshot_id", "snap-0815", "log", "https://ci.example/run/1")));

		TimelineEntryView stored = this.queries.after(cutover.id(), 0).get(0);
		assertThat(stored.hash()).isEqualTo(CanonicalEntry.of(stored).sha256());
		assertThat(stored.byLine()).isEqualTo(cutover.scribe().label() + " for Deployer");
		assertThat(stored.details()).containsEntry("snapshot_id", "snap-0815");
	}

	@Test
	void recordedAtIsTheInjectedClockTruncatedToMicroseconds() {
		TestCutover cutover = this.fixture.cutover();
		Instant before = this.clock.instant();
		try {
			this.clock.set(Instant.parse("2031-02-03T04:05:06.123456789Z"));
			TimelineEntryView appended = this.fixture.note(cutover, "Clock check");

			Instant expected = Instant.parse("2031-02-03T04:05:06.123456Z");
			assertThat(appended.recordedAt()).isEqualTo(expected);
			assertThat(this.jdbc.sql("select recorded_at from timeline_entry where id = ?")
				.param(appended.id())
				.query(OffsetDateTime.class)
				.single()
				.toInstant()).isEqualTo(expected);
			assertThat(this.queries.after(cutover.id(), 0)).containsExactly(appended);
			assertThat(appended.recordedAtUtc()).isEqualTo("2031-02-03 04:05:06Z");
			assertThat(this.integrity.verify(cutover.id()).intact()).isTrue();
		}
		finally {
			this.clock.set(before);
		}
	}

	@Test
	void anEntryAppendedInATransactionThatRollsBackLeavesNoRowAndNoGap() {
		TestCutover cutover = this.fixture.cutover();
		TimelineEntryView first = this.fixture.note(cutover, "Kept");

		this.fixture.transaction().executeWithoutResult((status) -> {
			this.timeline.append(cutover.note("Rolled back with the change it records"));
			status.setRollbackOnly();
		});

		assertThat(this.queries.count(cutover.id())).isEqualTo(1);
		TimelineEntryView next = this.fixture.note(cutover, "After the rollback");
		assertThat(next.seq()).isEqualTo(2);
		assertThat(next.prevHash()).isEqualTo(first.hash());
		assertThat(this.integrity.verify(cutover.id()).intact()).isTrue();
	}

	@Test
	void appendingOutsideATransactionIsRefused() {
		TestCutover cutover = this.fixture.cutover();

		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.timeline.append(cutover.note("Nobody commits me")));
		assertThat(this.queries.count(cutover.id())).isZero();
	}

	@Test
	void appendingUnderASnapshotOlderThanTheStatementIsRefused() {
		TestCutover cutover = this.fixture.cutover();
		TransactionTemplate repeatableRead = new TransactionTemplate(this.transactionManager);
		repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);

		assertThatIllegalStateException()
			.isThrownBy(() -> repeatableRead
				.executeWithoutResult((status) -> this.timeline.append(cutover.note("Might miss the previous entry"))))
			.withMessageContaining("READ COMMITTED");
		assertThat(this.queries.count(cutover.id())).isZero();
	}

	@Test
	void twoThreadsAppendingToOneCutoverGetAGaplessSequenceAndAnIntactChain() throws Exception {
		TestCutover cutover = this.fixture.cutover();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (String name : List.of("A", "B")) {
				done.add(threads.submit(() -> {
					start.await();
					for (int i = 1; i <= 50; i++) {
						this.fixture.note(cutover, "Thread " + name + " entry " + i);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> each : done) {
				each.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}

		List<Long> seqs = this.jdbc.sql("select seq from timeline_entry where cutover_id = ? order by seq")
			.param(cutover.id())
			.query(Long.class)
			.list();
		assertThat(seqs).hasSize(100);
		for (int i = 0; i < 100; i++) {
			assertThat(seqs.get(i)).isEqualTo(i + 1);
		}
		IntegrityReport report = this.integrity.verify(cutover.id());
		assertThat(report.intact()).as(report.summary()).isTrue();
		assertThat(report.verified()).isEqualTo(100);
	}

	@Test
	void everyKindAndResultIsAcceptedByTheDatabase() {
		TestCutover cutover = this.fixture.cutover();
		for (TimelineKind kind : TimelineKind.values()) {
			for (TimelineResult result : TimelineResult.values()) {
				this.fixture.append(cutover.by(kind, kind + " " + result).withResult(result));
			}
		}

		assertThat(this.queries.count(cutover.id()))
			.isEqualTo(TimelineKind.values().length * TimelineResult.values().length);
	}

	@Test
	void aSystemEntryHasNoActorAndIsSignedByTMinus() {
		TestCutover cutover = this.fixture.cutover();

		TimelineEntryView breach = this.fixture.append(
				NewTimelineEntry.system(cutover.id(), TimelineKind.TRIGGER, "The IC's 5-minute decision clock ran out")
					.withSubject("payment-errors"));

		assertThat(breach.actorId()).isNull();
		assertThat(breach.bySystem()).isTrue();
		assertThat(breach.byLine()).isEqualTo("T-Minus (system)");
		assertThat(this.queries.after(cutover.id(), 0)).containsExactly(breach);
	}

	@Test
	void detailsReadBackFromJsonbHashAsTheyWereAppended() {
		TestCutover cutover = this.fixture.cutover();
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("zeta", List.of(1, 2.50, "x"));
		nested.put("a", null);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("long key first", "Zoë Ñandú ✓ 🚀 \"quoted\" \\ tab\tnewline\n");
		details.put("k", 1e20);
		details.put("p95_ms", new BigDecimal("287.500"));
		details.put("tiny", 1.0e-7);
		details.put("big", new java.math.BigInteger("123456789012345678901234567890"));
		details.put("ok", true);
		details.put("measured_at", Instant.parse("2030-01-01T00:00:00Z"));
		details.put("result", TimelineResult.PASS);
		details.put("nested", nested);
		details.put("empty", Collections.emptyList());

		TimelineEntryView appended = this.fixture
			.append(cutover.by(TimelineKind.GATE, "G3 latency").withDetails(details));

		TimelineEntryView stored = this.queries.after(cutover.id(), 0).get(0);
		assertThat(CanonicalEntry.of(stored).sha256()).isEqualTo(appended.hash()).isEqualTo(stored.hash());
		assertThat(stored.details()).containsEntry("measured_at", "2030-01-01T00:00:00Z")
			.containsEntry("result", "PASS")
			.containsEntry("ok", true);
		assertThat(this.integrity.verify(cutover.id()).intact()).isTrue();
	}

	@Test
	void anEntryThatCannotBeStoredIsRefusedWithAMessageAndNothingIsWritten() {
		TestCutover cutover = this.fixture.cutover();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.fixture.append(cutover.note("Binary").withDetails(Map.of("log", "a\u0000b"))))
			.withMessageContaining("NUL");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> this.fixture.append(cutover.note("Too much").withDetails(Map.of("log", "x".repeat(70_000)))))
			.withMessageContaining("at most 65536");
		assertThat(this.queries.count(cutover.id())).isZero();
	}

}
