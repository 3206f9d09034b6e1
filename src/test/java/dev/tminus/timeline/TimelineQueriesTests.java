package dev.tminus.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.timeline.TimelineFixture.TestCutover;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@IntegrationTest
class TimelineQueriesTests {

	@Autowired
	TimelineService timeline;

	@Autowired
	TimelineQueries queries;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	PlatformTransactionManager transactionManager;

	TimelineFixture fixture;

	@BeforeEach
	void fixture() {
		this.fixture = new TimelineFixture(this.jdbc, this.accounts, this.timeline, this.transactionManager);
	}

	@Test
	void entriesAreNewestFirstAndLimited() {
		TestCutover cutover = mixedTimeline();

		assertThat(this.queries.entries(cutover.id(), Set.of(), 3)).extracting(TimelineEntryView::seq)
			.containsExactly(6L, 5L, 4L);
		assertThat(this.queries.entries(cutover.id(), Set.of(), 100)).extracting(TimelineEntryView::seq)
			.containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
	}

	@Test
	void entriesCanBeFilteredByKind() {
		TestCutover cutover = mixedTimeline();

		assertThat(this.queries.entries(cutover.id(), Set.of(TimelineKind.GATE), 10))
			.extracting(TimelineEntryView::text)
			.containsExactly("G2 smoke", "G1 health");
		assertThat(this.queries.entries(cutover.id(), Set.of(TimelineKind.STEP, TimelineKind.DECISION), 10))
			.extracting(TimelineEntryView::seq)
			.containsExactly(6L, 4L, 2L);
		assertThat(this.queries.entries(cutover.id(), Set.of(TimelineKind.STEP, TimelineKind.GATE), 2))
			.extracting(TimelineEntryView::seq)
			.containsExactly(5L, 4L);
		assertThat(this.queries.entries(cutover.id(), Set.of(TimelineKind.HYPERCARE), 10)).isEmpty();
	}

	@Test
	void aLimitBelowOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.queries.entries(1, Set.of(), 0))
			.withMessage("The limit must be at least 1, not 0.");
	}

	@Test
	void afterReturnsOnlyLaterEntriesInSeqOrder() {
		TestCutover cutover = mixedTimeline();

		assertThat(this.queries.after(cutover.id(), 4)).extracting(TimelineEntryView::seq).containsExactly(5L, 6L);
		assertThat(this.queries.after(cutover.id(), 6)).isEmpty();
	}

	@Test
	void countCountsOnlyThatCutoversEntries() {
		TestCutover cutover = mixedTimeline();
		TestCutover other = this.fixture.cutover();
		this.fixture.note(other, "Elsewhere");

		assertThat(this.queries.count(cutover.id())).isEqualTo(6);
		assertThat(this.queries.count(other.id())).isEqualTo(1);
	}

	@Test
	void entriesReadBackWithEveryField() {
		TestCutover cutover = this.fixture.cutover();
		TimelineEntryView appended = this.fixture.append(cutover.by(TimelineKind.STEP, "Migration applied")
			.withResult(TimelineResult.PASS)
			.withSubject("alembic-upgrade")
			.withOnBehalfOf("DB Owner")
			.withDetails(java.util.Map.of("tx_id", "tx-42", "exit_code", 0)));

		TimelineEntryView read = this.queries.entries(cutover.id(), Set.of(), 1).get(0);

		assertThat(read).isEqualTo(appended);
		assertThat(read.actorId()).isEqualTo(cutover.scribe().id());
		assertThat(read.actorLabel()).isEqualTo(cutover.scribe().label());
		assertThat(read.onBehalfOf()).isEqualTo("DB Owner");
		assertThat(read.subjectKey()).isEqualTo("alembic-upgrade");
		assertThat(read.result()).isEqualTo(TimelineResult.PASS);
		assertThat(read.details()).containsEntry("tx_id", "tx-42").containsEntry("exit_code", 0);
	}

	@Test
	void streamHandsOverEveryEntryInSeqOrderAcrossFetches() {
		TestCutover cutover = this.fixture.cutover();
		int entries = TimelineQueries.STREAM_FETCH_SIZE + 20;
		this.fixture.transaction().executeWithoutResult((status) -> {
			for (int i = 1; i <= entries; i++) {
				this.timeline.append(cutover.note("Entry " + i));
			}
		});

		List<Long> seen = new ArrayList<>();
		this.queries.stream(cutover.id(), (entry) -> seen.add(entry.seq()));

		assertThat(seen).hasSize(entries);
		for (int i = 0; i < entries; i++) {
			assertThat(seen.get(i)).isEqualTo(i + 1);
		}
	}

	private TestCutover mixedTimeline() {
		TestCutover cutover = this.fixture.cutover();
		this.fixture.append(cutover.by(TimelineKind.GATE, "G1 health").withResult(TimelineResult.PASS));
		this.fixture.append(cutover.by(TimelineKind.STEP, "Freeze").withResult(TimelineResult.PASS));
		this.fixture.note(cutover, "Coffee");
		this.fixture.append(cutover.by(TimelineKind.STEP, "Deploy").withResult(TimelineResult.PASS));
		this.fixture.append(cutover.by(TimelineKind.GATE, "G2 smoke").withResult(TimelineResult.FAIL));
		this.fixture.append(cutover.by(TimelineKind.DECISION, "NO-GO"));
		return cutover;
	}

}
