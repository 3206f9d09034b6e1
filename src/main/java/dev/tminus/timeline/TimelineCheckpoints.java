package dev.tminus.timeline;

import java.security.PublicKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs checkpoints of the timelines (see {@link Checkpoint}) and keeps them in the
 * database, in the anchor file outside it, and (as {@link CheckpointSigned}) in the
 * webhooks. {@link TimelineService} asks for one at every decision and every N entries;
 * {@link #checkpointDue()} covers every cutover whose newer entries waited longer than
 * {@code tminus.timeline.checkpoint-interval}.
 */
@Service
public class TimelineCheckpoints {

	private static final Logger log = LoggerFactory.getLogger(TimelineCheckpoints.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final CheckpointKey key;

	private final CheckpointAnchor anchor;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final TimelineProperties properties;

	private volatile String installation;

	TimelineCheckpoints(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events,
			TransactionTemplate transactions, TimelineProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
		this.transactions = transactions;
		this.properties = properties;
		this.key = CheckpointKey.loadOrCreate(properties.keyFile());
		this.anchor = new CheckpointAnchor(properties.anchorFile());
		log.info("Timeline checkpoints are signed with Ed25519 key {} ({}; public key in {}.pub) and anchored in {}",
				this.key.keyId(), properties.keyFile().toAbsolutePath(), properties.keyFile().toAbsolutePath(),
				this.anchor.file());
	}

	/**
	 * Signs the cutover's current head, in the caller's transaction (under the timeline's
	 * lock, so the head cannot move meanwhile). Nothing when there are no entries or the
	 * last checkpoint already covers them.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<Checkpoint> checkpoint(long cutoverId, String reason) {
		TimelineLock.lock(this.jdbc, cutoverId);
		Optional<Head> head = this.jdbc
			.sql("select seq, hash from timeline_entry where cutover_id = :cutoverId order by seq desc limit 1")
			.param("cutoverId", cutoverId)
			.query((rs, rowNum) -> new Head(rs.getLong("seq"), rs.getString("hash")))
			.optional();
		if (head.isEmpty()) {
			return Optional.empty();
		}
		Optional<Head> last = this.jdbc.sql("""
				select number, entry_count from timeline_checkpoint where cutover_id = :cutoverId
				order by number desc limit 1""")
			.param("cutoverId", cutoverId)
			.query((rs, rowNum) -> new Head(rs.getLong("entry_count"), Long.toString(rs.getInt("number"))))
			.optional();
		if (last.isPresent() && last.get().seq() >= head.get().seq()) {
			return Optional.empty();
		}
		int number = last.map((l) -> Integer.parseInt(l.hash()) + 1).orElse(1);
		Instant signedAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Checkpoint unsigned = new Checkpoint(cutoverId, number, head.get().seq(), head.get().hash(), signedAt, reason,
				this.key.keyId(), "");
		Checkpoint checkpoint = new Checkpoint(cutoverId, number, head.get().seq(), head.get().hash(), signedAt, reason,
				this.key.keyId(), this.key.sign(unsigned.statement()));
		this.jdbc.sql("""
				insert into timeline_checkpoint (cutover_id, number, entry_count, head_hash, signed_at, reason, key_id,
				    signature)
				values (:cutoverId, :number, :count, :head, :signedAt, :reason, :keyId, :signature)""")
			.param("cutoverId", cutoverId)
			.param("number", number)
			.param("count", checkpoint.entryCount())
			.param("head", checkpoint.headHash())
			.param("signedAt", Timestamp.from(signedAt))
			.param("reason", reason)
			.param("keyId", checkpoint.keyId())
			.param("signature", checkpoint.signature())
			.update();
		this.events.publishEvent(new CheckpointSigned(checkpoint));
		String installation = installation();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				try {
					TimelineCheckpoints.this.anchor.append(installation, checkpoint);
				}
				catch (RuntimeException ex) {
					log.error("Checkpoint {} of cutover {} is signed and stored but could not be anchored", number,
							cutoverId, ex);
				}
			}
		});
		return Optional.of(checkpoint);
	}

	/**
	 * Signs the heads of cutovers whose uncovered entries waited longer than the
	 * interval.
	 */
	@Scheduled(fixedDelayString = "${tminus.timeline.checkpoint-scan:60s}",
			initialDelayString = "${tminus.timeline.checkpoint-scan:60s}")
	public void checkpointDue() {
		Instant cutoff = this.clock.instant().minus(this.properties.checkpointInterval());
		List<Long> due = this.jdbc.sql("""
				select c.id from cutover c
				left join lateral (select entry_count from timeline_checkpoint k where k.cutover_id = c.id
				                   order by number desc limit 1) k on true
				where exists (select 1 from timeline_entry t where t.cutover_id = c.id
				              and t.seq = coalesce(k.entry_count, 0) + 1 and t.recorded_at <= :cutoff)
				order by c.id""").param("cutoff", Timestamp.from(cutoff)).query(Long.class).list();
		for (long cutoverId : due) {
			this.transactions.executeWithoutResult((status) -> checkpoint(cutoverId, "PERIODIC"));
		}
	}

	@Transactional(readOnly = true)
	public List<Checkpoint> stored(long cutoverId) {
		return this.jdbc.sql("""
				select cutover_id, number, entry_count, head_hash, signed_at, reason, key_id, signature
				from timeline_checkpoint where cutover_id = :cutoverId order by number""")
			.param("cutoverId", cutoverId)
			.query((rs, rowNum) -> new Checkpoint(rs.getLong("cutover_id"), rs.getInt("number"),
					rs.getLong("entry_count"), rs.getString("head_hash"), rs.getTimestamp("signed_at").toInstant(),
					rs.getString("reason"), rs.getString("key_id"), rs.getString("signature")))
			.list();
	}

	/** The cutover's checkpoints as the anchor file outside the database holds them. */
	public List<Checkpoint> anchored(long cutoverId) {
		return this.anchor.read(installation(), cutoverId).checkpoints();
	}

	/** Whether the anchor file holds other installations' checkpoints only. */
	public boolean anchorIsForeign() {
		return this.anchor.read(installation(), -1).foreign();
	}

	public PublicKey publicKey() {
		return this.key.publicKey();
	}

	public String publicKeyPem() {
		return this.key.publicKeyPem();
	}

	public String keyId() {
		return this.key.keyId();
	}

	/** This database's installation id (the anchor file's lines carry it). */
	public String installation() {
		String id = this.installation;
		if (id == null) {
			id = this.jdbc.sql("select cast(id as varchar) from integrity_installation").query(String.class).single();
			this.installation = id;
		}
		return id;
	}

	private record Head(long seq, String hash) {
	}

}
