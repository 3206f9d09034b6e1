package dev.tminus.timeline;

import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.timeline.IntegrityReport.Problem;
import dev.tminus.timeline.TimelineFixture.TestCutover;
import dev.tminus.timeline.internal.CanonicalEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class TimelineIntegrityTests {

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
	PlatformTransactionManager transactionManager;

	TimelineFixture fixture;

	@BeforeEach
	void fixture() {
		this.fixture = new TimelineFixture(this.jdbc, this.accounts, this.timeline, this.transactionManager);
	}

	@Test
	void anUntouchedTimelineIsIntactWithItsCountAndLastHash() {
		TestCutover cutover = fiveEntries();
		String lastHash = this.queries.entries(cutover.id(), java.util.Set.of(), 1).get(0).hash();

		IntegrityReport report = this.integrity.verify(cutover.id());

		assertThat(report.intact()).isTrue();
		assertThat(report.firstBreak()).isNull();
		assertThat(report.verified()).isEqualTo(5);
		assertThat(report.lastHash()).isEqualTo(lastHash);
		assertThat(report.summary()).isEqualTo("Intact: 5 entries, last hash " + lastHash + ".");
	}

	@Test
	void anEmptyTimelineIsIntact() {
		IntegrityReport report = this.integrity.verify(this.fixture.cutover().id());

		assertThat(report.intact()).isTrue();
		assertThat(report.verified()).isZero();
		assertThat(report.lastHash()).isEqualTo(CanonicalEntry.GENESIS_HASH);
	}

	@Test
	void anEntryWhoseTextWasAlteredIsNamedByItsSeq() {
		TestCutover cutover = fiveEntries();
		assertThat(this.integrity.verify(cutover.id()).intact()).isTrue();

		this.fixture.tamper(
				"update timeline_entry set text = 'Canary money loop PASS' where cutover_id = ? and seq = 3",
				cutover.id());

		IntegrityReport report = this.integrity.verify(cutover.id());
		assertThat(report.intact()).isFalse();
		assertThat(report.firstBreak().seq()).isEqualTo(3);
		assertThat(report.firstBreak().problem()).isEqualTo(Problem.HASH_MISMATCH);
		assertThat(report.verified()).isEqualTo(2);
		assertThat(report.summary()).startsWith("Broken at entry 3: its content hashes to ")
			.endsWith("it was altered after it was recorded.");
	}

	@Test
	void anEntryRewrittenWithARecomputedHashBreaksTheLinkOfTheNextEntry() {
		TestCutover cutover = fiveEntries();
		TimelineEntryView third = this.queries.after(cutover.id(), 2).get(0);
		TimelineEntryView forged = new TimelineEntryView(third.id(), third.cutoverId(), third.seq(), third.recordedAt(),
				third.kind(), third.actorId(), third.actorLabel(), third.onBehalfOf(), TimelineResult.PASS,
				third.subjectKey(), third.text(), third.details(), third.prevHash(), null);

		this.fixture.tamper("update timeline_entry set result = 'PASS', hash = ? where id = ?",
				CanonicalEntry.of(forged).sha256(), third.id());

		IntegrityReport report = this.integrity.verify(cutover.id());
		assertThat(report.firstBreak().seq()).isEqualTo(4);
		assertThat(report.firstBreak().problem()).isEqualTo(Problem.BROKEN_LINK);
		assertThat(report.verified()).isEqualTo(3);
	}

	@Test
	void aDeletedEntryIsReportedAsMissing() {
		TestCutover cutover = fiveEntries();

		this.fixture.tamper("delete from timeline_entry where cutover_id = ? and seq = 4", cutover.id());

		IntegrityReport report = this.integrity.verify(cutover.id());
		assertThat(report.firstBreak().seq()).isEqualTo(4);
		assertThat(report.firstBreak().problem()).isEqualTo(Problem.MISSING_ENTRIES);
		assertThat(report.firstBreak().explanation()).isEqualTo("entry 4 is missing: entry 5 follows entry 3.");
		assertThat(report.verified()).isEqualTo(3);
	}

	@Test
	void deletedFirstEntriesAreReportedAsMissing() {
		TestCutover cutover = fiveEntries();

		this.fixture.tamper("delete from timeline_entry where cutover_id = ? and seq <= 2", cutover.id());

		IntegrityReport report = this.integrity.verify(cutover.id());
		assertThat(report.firstBreak().seq()).isEqualTo(1);
		assertThat(report.firstBreak().problem()).isEqualTo(Problem.MISSING_ENTRIES);
		assertThat(report.firstBreak().explanation())
			.isEqualTo("entries 1 to 2 are missing: the timeline starts at entry 3.");
	}

	@Test
	void tamperingWithOneCutoverLeavesTheOthersIntact() {
		TestCutover tampered = fiveEntries();
		TestCutover untouched = fiveEntries();

		this.fixture.tamper(
				"update timeline_entry set actor_label = 'Someone Else (else)' where cutover_id = ? and seq = 1",
				tampered.id());

		assertThat(this.integrity.verify(tampered.id()).firstBreak().seq()).isEqualTo(1);
		assertThat(this.integrity.verify(untouched.id()).intact()).isTrue();
	}

	private TestCutover fiveEntries() {
		TestCutover cutover = this.fixture.cutover();
		this.fixture.note(cutover, "War room open");
		this.fixture.append(cutover.by(TimelineKind.STEP, "Snapshot taken")
			.withResult(TimelineResult.PASS)
			.withSubject("t30-snapshot")
			.withDetails(java.util.Map.of("snapshot_id", "snap-0815")));
		this.fixture.append(cutover.by(TimelineKind.GATE, "Canary money loop")
			.withResult(TimelineResult.FAIL)
			.withSubject("G3")
			.withDetails(java.util.Map.of("http_status", 502)));
		this.fixture.append(cutover.by(TimelineKind.DECISION, "NO-GO").withResult(TimelineResult.INFO));
		this.fixture.note(cutover, "Retry planned for tomorrow");
		return cutover;
	}

}
