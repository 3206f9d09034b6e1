package dev.tminus.live;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.tminus.account.AccountView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows the live tests need (a cutover, for the foreign key) and signals committed or
 * rolled back as a service would.
 */
final class LiveFixtures {

	private final JdbcClient jdbc;

	private final LiveSignals live;

	private final TransactionTemplate transactions;

	LiveFixtures(JdbcClient jdbc, LiveSignals live, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.live = live;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	long cutover(AccountView createdBy) {
		String unique = UUID.randomUUID().toString();
		long template = this.jdbc.sql("""
				insert into runbook_template (file_name, name, content_hash, content, loaded_at)
				values (?, ?, ?, ?, ?) returning id""")
			.params("live-test.yml", "Live test runbook", (unique + unique).replace("-", "").substring(0, 64),
					"name: Live test runbook " + unique, Timestamp.from(Instant.now()))
			.query(Long.class)
			.single();
		return this.jdbc.sql("""
				insert into cutover (template_id, name, environment, release_ref, kind, t0, created_by, created_at)
				values (?, ?, 'staging', 'v1.0.0', 'REHEARSAL', ?, ?, ?) returning id""")
			.params(template, "Live test " + unique, Timestamp.from(Instant.now().plus(1, ChronoUnit.DAYS)),
					createdBy.id(), Timestamp.from(Instant.now()))
			.query(Long.class)
			.single();
	}

	void commit(long cutoverId, String topic) {
		this.transactions.executeWithoutResult((status) -> this.live.signal(cutoverId, topic));
	}

	void rollBack(long cutoverId, String topic) {
		this.transactions.executeWithoutResult((status) -> {
			this.live.signal(cutoverId, topic);
			status.setRollbackOnly();
		});
	}

	List<Long> signalIds(long cutoverId, long afterId) {
		return this.jdbc.sql("select id from live_signal where cutover_id = ? and id > ? order by id")
			.params(cutoverId, afterId)
			.query(Long.class)
			.list();
	}

}
