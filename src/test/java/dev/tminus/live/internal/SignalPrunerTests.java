package dev.tminus.live.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import dev.tminus.live.LiveTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@LiveTest
class SignalPrunerTests {

	@Autowired
	SignalPruner pruner;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	MutableClock clock;

	@Test
	void deletesSignalsOlderThanADayAndKeepsTheRest() {
		long cutover = this.jdbc.sql("""
				insert into runbook_template (file_name, name, content_hash, content, loaded_at)
				values ('prune.yml', 'Prune', md5(random()::text) || md5(random()::text), 'x', now()) returning id""")
			.query(Long.class)
			.single();
		long owner = this.accounts.member("owner").id();
		cutover = this.jdbc.sql("""
				insert into cutover (template_id, name, environment, release_ref, kind, t0, created_by, created_at)
				values (?, 'Prune', 'staging', 'v1', 'REHEARSAL', now(), ?, now()) returning id""")
			.params(cutover, owner)
			.query(Long.class)
			.single();
		Instant now = this.clock.instant();
		insert(cutover, now.minus(Duration.ofHours(25)));
		insert(cutover, now.minus(Duration.ofHours(23)));

		assertThat(this.pruner.prune()).isGreaterThanOrEqualTo(1);

		assertThat(this.jdbc.sql("select created_at from live_signal where cutover_id = ?")
			.param(cutover)
			.query(Instant.class)
			.list()).containsExactly(now.minus(Duration.ofHours(23)));
	}

	private void insert(long cutover, Instant createdAt) {
		this.jdbc.sql("insert into live_signal (cutover_id, topic, created_at) values (?, 'steps', ?)")
			.params(cutover, Timestamp.from(createdAt))
			.update();
	}

}
