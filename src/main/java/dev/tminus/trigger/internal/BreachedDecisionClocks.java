package dev.tminus.trigger.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tminus.live.LiveSignals;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import dev.tminus.timeline.TimelineService;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records once, in the timeline, every immediate-rollback trigger whose IC decision clock
 * ran out: still open past its deadline, or decided only after it (a decision that came
 * late does not erase the breach). Runs on every app instance: "once" is row-level, the
 * conditional update of {@code breach_recorded_at} from null. A second instance that
 * races blocks on the row until the first commits, then finds it already set and writes
 * nothing.
 */
@Component
public class BreachedDecisionClocks {

	private final JdbcClient jdbc;

	private final TimelineService timeline;

	private final LiveSignals live;

	private final TransactionTemplate transactions;

	private final Clock clock;

	BreachedDecisionClocks(JdbcClient jdbc, TimelineService timeline, LiveSignals live,
			TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.timeline = timeline;
		this.live = live;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * @return how many breaches this run recorded
	 */
	@Scheduled(initialDelay = 10, fixedDelay = 10, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
	public int recordBreaches() {
		Instant now = this.clock.instant();
		List<Long> due = this.jdbc.sql("""
				select id from rollback_trigger
				where deadline < :now and breach_recorded_at is null and (resolved_at is null or resolved_at > deadline)
				order by deadline, id""").param("now", utc(now)).query(Long.class).list();
		int recorded = 0;
		for (long id : due) {
			// one transaction per trigger: one cutover's trouble never holds back
			// another's
			Boolean done = this.transactions.execute((status) -> recordBreach(id, now));
			if (Boolean.TRUE.equals(done)) {
				recorded++;
			}
		}
		return recorded;
	}

	private boolean recordBreach(long id, Instant now) {
		Optional<Breach> breach = this.jdbc.sql("""
				update rollback_trigger set breach_recorded_at = :now
				where id = :id and deadline < :now and breach_recorded_at is null
				    and (resolved_at is null or resolved_at > deadline)
				returning cutover_id, trigger_key, title, reported_at, deadline""")
			.param("now", utc(now.truncatedTo(ChronoUnit.MICROS)))
			.param("id", id)
			.query((rs, row) -> new Breach(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()))
			.optional();
		if (breach.isEmpty()) {
			return false;
		}
		Breach b = breach.get();
		long minutes = java.time.Duration.between(b.reportedAt(), b.deadline()).toMinutes();
		this.timeline.append(NewTimelineEntry
			.system(b.cutoverId(), TimelineKind.TRIGGER,
					"IC decision clock breached: " + b.title() + " reported at "
							+ ParameterResolver.format(b.reportedAt()) + " not decided within " + minutes + " min (due "
							+ ParameterResolver.format(b.deadline()) + ").")
			.withResult(TimelineResult.FAIL)
			.withSubject((b.key() != null) ? b.key() : "trigger-" + id)
			.withDetails(Map.of("trigger_id", id, "breach", true)));
		this.live.signal(b.cutoverId(), "triggers");
		this.live.signal(b.cutoverId(), "timeline");
		return true;
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private record Breach(long cutoverId, String key, String title, Instant reportedAt, Instant deadline) {
	}

}
