package dev.tminus.timeline;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.tminus.account.AccountView;
import dev.tminus.support.TestAccounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cutovers to record on (inserted directly: the cutover module is not this module's
 * concern), appends in their own transactions, and tampering with the append-only guard
 * switched off.
 */
final class TimelineFixture {

	private final JdbcClient jdbc;

	private final TestAccounts accounts;

	private final TimelineService timeline;

	private final TransactionTemplate transaction;

	TimelineFixture(JdbcClient jdbc, TestAccounts accounts, TimelineService timeline,
			PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.timeline = timeline;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/** A new cutover with a member who records on it. */
	TestCutover cutover() {
		AccountView scribe = this.accounts.member("scribe");
		byte[] hash = new byte[32];
		ThreadLocalRandom.current().nextBytes(hash);
		long template = this.jdbc.sql("""
				insert into runbook_template (file_name, name, content_hash, content, loaded_at)
				values ('go-live.yml', 'Go-live', :hash, 'name: Go-live', :now) returning id""")
			.param("hash", HexFormat.of().formatHex(hash))
			.param("now", OffsetDateTime.now(ZoneOffset.UTC))
			.query(Long.class)
			.single();
		long cutover = this.jdbc.sql("""
				insert into cutover (template_id, name, environment, release_ref, kind, t0, created_by, created_at)
				values (:template, :name, 'prod', 'v1.0.0', 'LIVE', :t0, :createdBy, :now) returning id""")
			.param("template", template)
			.param("name", "Cutover " + UUID.randomUUID())
			.param("t0", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1))
			.param("createdBy", scribe.id())
			.param("now", OffsetDateTime.now(ZoneOffset.UTC))
			.query(Long.class)
			.single();
		return new TestCutover(cutover, scribe);
	}

	/** Appends in a transaction of its own, as a service of another module would. */
	TimelineEntryView append(NewTimelineEntry entry) {
		return this.transaction.execute((status) -> this.timeline.append(entry));
	}

	TimelineEntryView note(TestCutover cutover, String text) {
		return append(cutover.note(text));
	}

	/**
	 * Runs SQL with the append-only trigger disabled, as only a database owner could; the
	 * trigger is back on when this returns, whatever happens (DDL is transactional).
	 */
	void tamper(String sql, Object... params) {
		this.transaction.executeWithoutResult((status) -> {
			this.jdbc.sql("alter table timeline_entry disable trigger timeline_entry_no_update_or_delete").update();
			this.jdbc.sql(sql).params(params).update();
			this.jdbc.sql("alter table timeline_entry enable trigger timeline_entry_no_update_or_delete").update();
		});
	}

	TransactionTemplate transaction() {
		return this.transaction;
	}

	record TestCutover(long id, AccountView scribe) {

		NewTimelineEntry by(TimelineKind kind, String text) {
			return NewTimelineEntry.by(this.id, this.scribe.id(), this.scribe.label(), kind, text);
		}

		NewTimelineEntry note(String text) {
			return by(TimelineKind.NOTE, text);
		}

	}

}
