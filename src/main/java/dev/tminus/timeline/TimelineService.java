package dev.tminus.timeline;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import dev.tminus.timeline.internal.CanonicalEntry;
import dev.tminus.timeline.internal.DetailsJson;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends to a cutover's timeline. An entry is only ever added: the table refuses updates
 * and deletes, and each entry carries the hash of the one before (see
 * {@link CanonicalEntry} for what is hashed and {@link TimelineIntegrity} for the check).
 */
@Service
public class TimelineService {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TimelineCheckpoints checkpoints;

	private final int checkpointEveryEntries;

	TimelineService(JdbcClient jdbc, Clock clock, TimelineCheckpoints checkpoints, TimelineProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.checkpoints = checkpoints;
		this.checkpointEveryEntries = Math.max(1, properties.checkpointEveryEntries());
	}

	/**
	 * Appends an entry in the caller's transaction, so that it commits or rolls back with
	 * the change it records. Appends to one cutover are serialised across app instances
	 * by a transaction-scoped advisory lock held until that transaction ends, so call
	 * this as the last write of a short transaction (it also keeps lock order simple:
	 * rows first, timeline last). The transaction must be READ COMMITTED (the default):
	 * under a snapshot taken earlier the previous entry would not be seen.
	 * @throws IllegalArgumentException if the details cannot be stored
	 * @throws org.springframework.transaction.IllegalTransactionStateException outside a
	 * transaction
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public TimelineEntryView append(NewTimelineEntry entry) {
		if (entry == null) {
			throw new IllegalArgumentException("No timeline entry given.");
		}
		Map<String, Object> details = DetailsJson.normalize(entry.details());
		lock(entry.cutoverId());
		Optional<Head> head = this.jdbc
			.sql("select seq, hash from timeline_entry where cutover_id = :cutoverId order by seq desc limit 1")
			.param("cutoverId", entry.cutoverId())
			.query((rs, rowNum) -> new Head(rs.getLong("seq"), rs.getString("hash")))
			.optional();
		long seq = head.map((previous) -> previous.seq() + 1).orElse(1L);
		String prevHash = head.map(Head::hash).orElse(CanonicalEntry.GENESIS_HASH);
		// PostgreSQL keeps microseconds: hash exactly what will be stored
		Instant recordedAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		String hash = new CanonicalEntry(entry.cutoverId(), seq, recordedAt, entry.kind(), entry.actorId(),
				entry.actorLabel(), entry.onBehalfOf(), entry.result(), entry.subjectKey(), entry.text(), details,
				prevHash)
			.sha256();
		long id = this.jdbc.sql("""
				insert into timeline_entry (cutover_id, seq, recorded_at, kind, actor_id, actor_label, on_behalf_of,
				    result, subject_key, text, details, prev_hash, hash)
				values (:cutoverId, :seq, :recordedAt, :kind, :actorId, :actorLabel, :onBehalfOf,
				    :result, :subjectKey, :text, cast(:details as jsonb), :prevHash, :hash)
				returning id""")
			.param("cutoverId", entry.cutoverId())
			.param("seq", seq)
			.param("recordedAt", OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC))
			.param("kind", entry.kind().name())
			.param("actorId", entry.actorId(), Types.BIGINT)
			.param("actorLabel", entry.actorLabel())
			.param("onBehalfOf", entry.onBehalfOf(), Types.VARCHAR)
			.param("result", (entry.result() != null) ? entry.result().name() : null, Types.VARCHAR)
			.param("subjectKey", entry.subjectKey(), Types.VARCHAR)
			.param("text", entry.text())
			.param("details", DetailsJson.write(details))
			.param("prevHash", prevHash)
			.param("hash", hash)
			.query(Long.class)
			.single();
		// anchored outside the database: at every decision, and every N entries
		if (entry.kind() == TimelineKind.DECISION) {
			this.checkpoints.checkpoint(entry.cutoverId(), "DECISION");
		}
		else if (seq % this.checkpointEveryEntries == 0) {
			this.checkpoints.checkpoint(entry.cutoverId(), "ENTRIES");
		}
		return new TimelineEntryView(id, entry.cutoverId(), seq, recordedAt, entry.kind(), entry.actorId(),
				entry.actorLabel(), entry.onBehalfOf(), entry.result(), entry.subjectKey(), entry.text(), details,
				prevHash, hash);
	}

	private void lock(long cutoverId) {
		String isolation = TimelineLock.lock(this.jdbc, cutoverId);
		if (!"read committed".equals(isolation)) {
			throw new IllegalStateException("Timeline entries are appended under READ COMMITTED, not " + isolation
					+ ": an older snapshot would miss the previous entry.");
		}
	}

	private record Head(long seq, String hash) {
	}

}
