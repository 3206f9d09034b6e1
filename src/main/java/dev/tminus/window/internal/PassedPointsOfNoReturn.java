package dev.tminus.window.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tminus.live.LiveSignals;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import dev.tminus.timeline.TimelineService;
import dev.tminus.window.RollbackWindow;
import dev.tminus.window.WindowQueries;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records once, in the timeline, every running cutover whose point of no return passed
 * without a decision. Runs on every app instance: "once" is the unique key of
 * {@code cutover_marker}. Each run inserts the marker with {@code on conflict do nothing}
 * and appends the entry only when its own insert happened, in the same transaction; a
 * second instance that races blocks on the key until the first commits, then inserts
 * nothing.
 */
@Component
public class PassedPointsOfNoReturn {

	static final String MARKER = "POINT_OF_NO_RETURN_PASSED";

	private final JdbcClient jdbc;

	private final WindowQueries windows;

	private final TimelineService timeline;

	private final LiveSignals live;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PassedPointsOfNoReturn(JdbcClient jdbc, WindowQueries windows, TimelineService timeline, LiveSignals live,
			TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.windows = windows;
		this.timeline = timeline;
		this.live = live;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * @return how many passed points of no return this run recorded
	 */
	@Scheduled(initialDelay = 10, fixedDelay = 10, timeUnit = TimeUnit.SECONDS)
	public int recordPassed() {
		Instant now = this.clock.instant();
		List<Long> running = this.jdbc.sql("""
				select c.id from cutover c
				where c.status = 'IN_PROGRESS'
				  and not exists (select 1 from cutover_marker m where m.cutover_id = c.id and m.marker = :marker)
				order by c.t0, c.id""").param("marker", MARKER).query(Long.class).list();
		int recorded = 0;
		for (long id : running) {
			RollbackWindow window = this.windows.window(id).orElse(null);
			if (window == null || !window.passed(now)) {
				continue;
			}
			// one transaction per cutover: one cutover's trouble never holds back
			// another's
			Boolean done = this.transactions.execute((status) -> record(id, window, now));
			if (Boolean.TRUE.equals(done)) {
				recorded++;
			}
		}
		return recorded;
	}

	private boolean record(long cutoverId, RollbackWindow window, Instant now) {
		// the status is checked again under a share lock: a decision committing meanwhile
		// (it locks the cutover for update) wins, and nothing is recorded
		int inserted = this.jdbc.sql("""
				insert into cutover_marker (cutover_id, marker, recorded_at)
				select c.id, :marker, :now from cutover c
				where c.id = :id and c.status = 'IN_PROGRESS'
				for share of c
				on conflict on constraint cutover_marker_pk do nothing""")
			.param("marker", MARKER)
			.param("now", OffsetDateTime.ofInstant(now.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
			.param("id", cutoverId)
			.update();
		if (inserted == 0) {
			return false;
		}
		this.timeline.append(NewTimelineEntry
			.system(cutoverId, TimelineKind.STATUS,
					"Point of no return passed at " + ParameterResolver.format(window.pointOfNoReturn())
							+ " without a decision (window end " + ParameterResolver.format(window.windowEnd())
							+ ", backout " + window.backoutMinutes() + " min).")
			.withResult(TimelineResult.FAIL)
			.withSubject("point-of-no-return")
			.withDetails(Map.of("point_of_no_return", ParameterResolver.format(window.pointOfNoReturn()), "window_end",
					ParameterResolver.format(window.windowEnd()), "backout_minutes", window.backoutMinutes())));
		this.live.signal(cutoverId, "timeline");
		return true;
	}

}
