package dev.tminus.timeline;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.timeline.TimelineFixture.TestCutover;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The database itself keeps the timeline append-only, whatever the application does.
 */
@IntegrationTest
class AppendOnlyTimelineTests {

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
	void anSqlUpdateIsRejectedAndTheEntryIsUnchanged() {
		TestCutover cutover = this.fixture.cutover();
		TimelineEntryView entry = this.fixture.note(cutover, "Freeze announced at 09:00");

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("update timeline_entry set text = 'Freeze announced at 10:00' where id = ?")
				.param(entry.id())
				.update())
			.withMessageContaining("timeline_entry is append-only: UPDATE is not allowed");
		assertThat(this.queries.after(cutover.id(), 0)).containsExactly(entry);
	}

	@Test
	void anSqlDeleteIsRejectedAndTheEntryIsKept() {
		TestCutover cutover = this.fixture.cutover();
		TimelineEntryView entry = this.fixture.note(cutover, "Embarrassing note");

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(
					() -> this.jdbc.sql("delete from timeline_entry where cutover_id = ?").param(cutover.id()).update())
			.withMessageContaining("timeline_entry is append-only: DELETE is not allowed");
		assertThat(this.queries.after(cutover.id(), 0)).containsExactly(entry);
	}

	@Test
	void truncateIsRejected() {
		TestCutover cutover = this.fixture.cutover();
		this.fixture.note(cutover, "Still here after a TRUNCATE");

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("truncate timeline_entry").update())
			.withMessageContaining("timeline_entry is append-only: TRUNCATE is not allowed");
		assertThat(this.queries.count(cutover.id())).isEqualTo(1);
	}

	@Test
	void anInsertThatSkipsASeqOrDoesNotCarryThePreviousHashIsRejected() {
		TestCutover cutover = this.fixture.cutover();
		TimelineEntryView first = this.fixture.note(cutover, "First");

		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> insertRaw(cutover, 3, first.hash()))
			.withMessageContaining("does not follow an existing entry 2");
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> insertRaw(cutover, 2, "f".repeat(64)))
			.withMessageContaining("does not carry the hash of entry 1");
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> insertRaw(cutover, 1, "0".repeat(64)))
			.withMessageContaining("timeline_entry_seq_uk");
		assertThat(this.queries.count(cutover.id())).isEqualTo(1);
	}

	@Test
	void theDatabaseRefusesEmptyTextAndUnknownKinds() {
		TestCutover cutover = this.fixture.cutover();

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> insertRaw(cutover, 1, "0".repeat(64), "NOTE", " \n "))
			.withMessageContaining("timeline_entry_text_ck");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> insertRaw(cutover, 1, "0".repeat(64), "GOSSIP", "Heard a rumour"))
			.withMessageContaining("timeline_entry_kind_ck");
	}

	private void insertRaw(TestCutover cutover, long seq, String prevHash) {
		insertRaw(cutover, seq, prevHash, "NOTE", "Written around the service");
	}

	private void insertRaw(TestCutover cutover, long seq, String prevHash, String kind, String text) {
		this.jdbc.sql("""
				insert into timeline_entry (cutover_id, seq, recorded_at, kind, actor_label, text, prev_hash, hash)
				values (?, ?, ?, ?, 'Mallory (mallory)', ?, ?, ?)""")
			.params(cutover.id(), seq, OffsetDateTime.now(ZoneOffset.UTC), kind, text, prevHash, "a".repeat(64))
			.update();
	}

}
