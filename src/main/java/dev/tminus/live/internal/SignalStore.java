package dev.tminus.live.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code live_signal} table, and the NOTIFY that goes with each row.
 */
@Repository
public class SignalStore {

	private final JdbcClient jdbc;

	SignalStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the signal and queues {@code NOTIFY tminus_live} in one statement on the
	 * caller's transaction: PostgreSQL delivers the notification on commit only.
	 * @return the new signal's id
	 */
	public long insertAndNotify(long cutoverId, String topic, Instant at) {
		return this.jdbc.sql("""
				with inserted as (
				    insert into live_signal (cutover_id, topic, created_at) values (:cutoverId, :topic, :at)
				    returning id, cutover_id, topic
				)
				select id, pg_notify('%s', cutover_id || ':' || id || ':' || topic) from inserted
				""".formatted(Signal.CHANNEL))
			.param("cutoverId", cutoverId)
			.param("topic", topic)
			.param("at", Timestamp.from(at))
			.query((row, number) -> row.getLong("id"))
			.single();
	}

	/**
	 * The signals of a cutover after {@code afterId}, oldest first; at most {@code limit}
	 * (the newest ones, since a newer signal makes an older one of its topic moot).
	 */
	List<Signal> after(long cutoverId, long afterId, int limit) {
		List<Signal> newestFirst = this.jdbc.sql(
				"select id, cutover_id, topic from live_signal where cutover_id = ? and id > ? order by id desc limit ?")
			.params(cutoverId, afterId, limit)
			.query((row, number) -> new Signal(row.getLong("id"), row.getLong("cutover_id"), row.getString("topic")))
			.list();
		List<Signal> oldestFirst = new ArrayList<>(newestFirst);
		Collections.reverse(oldestFirst);
		return oldestFirst;
	}

	/**
	 * @return how many signals were deleted
	 */
	int deleteCreatedBefore(Instant cutoff) {
		return this.jdbc.sql("delete from live_signal where created_at < ?").params(Timestamp.from(cutoff)).update();
	}

}
