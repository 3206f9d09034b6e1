package dev.tminus.hypercare.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.tminus.comms.WebhookEvent;
import dev.tminus.comms.WebhookMessage;
import dev.tminus.comms.WebhookService;
import dev.tminus.hypercare.HypercareProperties;
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
 * Marks, once, every hypercare check nobody recorded by its due time plus the grace, and
 * says so in the timeline, to open boards (live topic {@code hypercare}) and to the
 * webhook endpoints subscribed to {@code overdue_check}. Checks of a hypercare that a
 * ROLLBACK ended are no longer due. Runs on every app instance: "once" is row-level, the
 * conditional update of {@code overdue_at} from null; a second instance that races blocks
 * on the rows until the first commits, then finds them marked. Recording a check locks
 * its row too, so a check is either recorded in time or marked overdue, never both at
 * once.
 */
@Component
public class OverdueChecks {

	private final JdbcClient jdbc;

	private final TimelineService timeline;

	private final LiveSignals live;

	private final TransactionTemplate transactions;

	private final HypercareProperties properties;

	private final WebhookService webhooks;

	private final Clock clock;

	OverdueChecks(JdbcClient jdbc, TimelineService timeline, LiveSignals live, TransactionTemplate transactions,
			HypercareProperties properties, WebhookService webhooks, Clock clock) {
		this.jdbc = jdbc;
		this.webhooks = webhooks;
		this.timeline = timeline;
		this.live = live;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @return how many checks this run marked overdue
	 */
	@Scheduled(initialDelay = 10, fixedDelay = 10, timeUnit = TimeUnit.SECONDS)
	public int markOverdue() {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant dueBefore = now.minus(this.properties.grace());
		List<Long> cutovers = this.jdbc.sql("""
				select distinct k.cutover_id from hypercare_check k join hypercare_run r on r.cutover_id = k.cutover_id
				where k.status is null and k.overdue_at is null and k.due_at < :dueBefore and r.ended_at is null
				order by k.cutover_id""").param("dueBefore", utc(dueBefore)).query(Long.class).list();
		int marked = 0;
		for (long cutoverId : cutovers) {
			// one transaction per cutover: one cutover's trouble never holds back
			// another's
			Integer count = this.transactions.execute((status) -> mark(cutoverId, now, dueBefore));
			marked += (count != null) ? count : 0;
		}
		return marked;
	}

	private int mark(long cutoverId, Instant now, Instant dueBefore) {
		List<Overdue> overdue = this.jdbc.sql("""
				update hypercare_check k set overdue_at = :now
				  from hypercare_run r
				 where r.cutover_id = k.cutover_id and r.ended_at is null and k.cutover_id = :cutoverId
				   and k.status is null and k.overdue_at is null and k.due_at < :dueBefore
				returning k.id, k.window_label, k.seq, k.due_at""")
			.param("now", utc(now))
			.param("cutoverId", cutoverId)
			.param("dueBefore", utc(dueBefore))
			.query((rs, row) -> new Overdue(rs.getLong(1), rs.getString(2), rs.getInt(3),
					rs.getTimestamp(4).toInstant()))
			.list()
			.stream()
			.sorted(java.util.Comparator.comparing(Overdue::dueAt).thenComparing(Overdue::id))
			.toList();
		if (overdue.isEmpty()) {
			return 0;
		}
		long grace = this.properties.grace().toMinutes();
		String which = overdue.stream()
			.map((o) -> o.windowLabel() + " #" + o.seq() + " due " + ParameterResolver.format(o.dueAt()))
			.collect(Collectors.joining("; "));
		String text = ((overdue.size() == 1) ? "Hypercare check overdue: "
				: overdue.size() + " hypercare checks overdue: ") + which + " (not recorded within the " + grace
				+ " min grace).";
		if (text.length() > NewTimelineEntry.MAX_TEXT_LENGTH) {
			text = overdue.size() + " hypercare checks overdue, the first due "
					+ ParameterResolver.format(overdue.get(0).dueAt()) + ", the last due "
					+ ParameterResolver.format(overdue.get(overdue.size() - 1).dueAt()) + " (not recorded within the "
					+ grace + " min grace).";
		}
		this.timeline.append(NewTimelineEntry.system(cutoverId, TimelineKind.HYPERCARE, text)
			.withResult(TimelineResult.FAIL)
			.withSubject("hypercare-overdue")
			.withDetails(Map.of("check_ids", overdue.stream().map(Overdue::id).toList(), "grace_minutes", grace)));
		this.webhooks.enqueue(new WebhookMessage(WebhookEvent.OVERDUE_CHECK, cutoverId, now,
				":alarm_clock: Hypercare check overdue", text,
				Map.of("overdue_checks",
						overdue.stream()
							.map((o) -> Map.<String, Object>of("id", o.id(), "window", o.windowLabel(), "seq", o.seq(),
									"due_at", ParameterResolver.format(o.dueAt())))
							.toList(),
						"grace_minutes", grace)));
		this.live.signal(cutoverId, "hypercare");
		this.live.signal(cutoverId, "timeline");
		return overdue.size();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private record Overdue(long id, String windowLabel, int seq, Instant dueAt) {
	}

}
