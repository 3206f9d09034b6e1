package dev.tminus.trigger;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.cutover.CutoverAccess;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.CutoverService;
import dev.tminus.live.LiveSignals;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Rollback;
import dev.tminus.runbook.RunbookTemplate.RollbackTrigger;
import dev.tminus.runbook.RunbookTemplate.TriggerAction;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import dev.tminus.timeline.TimelineService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reports of observed rollback triggers (seed 001 §3, seed 002 §4). An immediate-rollback
 * trigger starts the IC's decision clock; only an IC decision resolves it.
 */
@Service
public class TriggerService {

	static final int MAX_TITLE = 500;

	static final int MAX_NOTE = 2000;

	private final JdbcClient jdbc;

	private final CutoverService cutovers;

	private final TriggerRuns runs;

	private final TimelineService timeline;

	private final LiveSignals live;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TriggerService(JdbcClient jdbc, CutoverService cutovers, TriggerRuns runs, TimelineService timeline,
			LiveSignals live, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.cutovers = cutovers;
		this.runs = runs;
		this.timeline = timeline;
		this.live = live;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Anyone holding a role on the cutover reports what they observe; admins and auditors
	 * hold none and are refused, non-members do not see the cutover (404).
	 * @return the id of the report
	 */
	@Transactional
	public long report(long cutoverId, ReportTrigger command, CurrentUser actor) {
		CutoverAccess access = this.cutovers.access(cutoverId, actor);
		if (!canReport(access)) {
			throw new AccessDeniedException("Only people assigned to this cutover report rollback triggers.");
		}
		TriggerRuns.Run run = this.runs.get(cutoverId);
		if (!run.running()) {
			throw new CutoverException("This cutover is " + run.status()
					+ ": triggers are reported while it runs and during hypercare after GO.");
		}
		RunbookTemplate template = run.template();
		if (command.note() == null) {
			throw new CutoverException("note", "Say what you observed (dashboard, value, log reference).");
		}
		if (command.note().length() > MAX_NOTE) {
			throw new CutoverException("note", "Use at most " + MAX_NOTE + " characters for the note.");
		}
		String key = command.key();
		String title;
		TriggerAction action;
		if (key != null) {
			RollbackTrigger trigger = template.rollbackTriggers()
				.stream()
				.filter((t) -> t.key().equals(key))
				.findFirst()
				.orElseThrow(() -> new CutoverException("key", "Choose one of the runbook's rollback triggers."));
			title = trigger.title();
			action = trigger.action();
		}
		else {
			if (command.title() == null) {
				throw new CutoverException("title", "Choose a trigger of the runbook or describe what you observed.");
			}
			if (command.title().length() > MAX_TITLE) {
				throw new CutoverException("title", "Use at most " + MAX_TITLE + " characters for the trigger.");
			}
			title = command.title();
			action = (command.action() == TriggerAction.MONITOR) ? TriggerAction.MONITOR
					: TriggerAction.IMMEDIATE_ROLLBACK;
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		int minutes = decideWithinMinutes(template);
		Instant deadline = (action == TriggerAction.IMMEDIATE_ROLLBACK) ? now.plus(minutes, ChronoUnit.MINUTES) : null;
		String label = actor.displayName() + " (" + actor.getUsername() + ")";
		long id = this.jdbc.sql("""
				insert into rollback_trigger (cutover_id, trigger_key, title, action, note, reported_by,
				    reported_by_label, reported_at, deadline)
				values (:cutoverId, :key, :title, :action, :note, :by, :label, :at, :deadline)
				returning id""")
			.param("cutoverId", cutoverId)
			.param("key", key, java.sql.Types.VARCHAR)
			.param("title", title)
			.param("action", action.name())
			.param("note", command.note())
			.param("by", actor.id())
			.param("label", label)
			.param("at", utc(now))
			.param("deadline", (deadline != null) ? utc(deadline) : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.query(Long.class)
			.single();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("trigger_id", id);
		details.put("action", action.name());
		details.put("note", command.note());
		if (deadline != null) {
			details.put("decide_by", ParameterResolver.format(deadline));
		}
		String text = ((action == TriggerAction.IMMEDIATE_ROLLBACK) ? "Rollback trigger observed: " + title
				+ " IC decision due by " + ParameterResolver.format(deadline) + " (" + minutes + " min)."
				: "Trigger observed (monitor in hypercare): " + title) + " Note: " + command.note();
		this.timeline.append(new NewTimelineEntry(cutoverId, TimelineKind.TRIGGER, actor.id(), label, null,
				(action == TriggerAction.IMMEDIATE_ROLLBACK) ? TimelineResult.FAIL : TimelineResult.INFO,
				(key != null) ? key : "trigger-" + id, text, details));
		this.events
			.publishEvent(new TriggerReported(id, cutoverId, key, title, action, command.note(), label, now, deadline));
		this.live.signal(cutoverId, "triggers");
		this.live.signal(cutoverId, "timeline");
		return id;
	}

	/**
	 * Resolves every open trigger of the cutover by the given IC decision (ROLLBACK or
	 * NO-GO), in the decision's transaction. Nothing else closes a trigger.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void resolveAll(long cutoverId, long decisionId) {
		int resolved = this.jdbc.sql("""
				update rollback_trigger set resolved_at = :now, resolved_by_decision = :decisionId
				where cutover_id = :cutoverId and action = 'IMMEDIATE_ROLLBACK' and resolved_at is null""")
			.param("now", utc(this.clock.instant().truncatedTo(ChronoUnit.MICROS)))
			.param("decisionId", decisionId)
			.param("cutoverId", cutoverId)
			.update();
		if (resolved > 0) {
			this.live.signal(cutoverId, "triggers");
		}
	}

	/** Whether the person may report triggers: members holding a role on the cutover. */
	public static boolean canReport(CutoverAccess access) {
		return access.user().role() == GlobalRole.MEMBER && !access.roles().isEmpty();
	}

	static int decideWithinMinutes(RunbookTemplate template) {
		Rollback rollback = template.rollback();
		return (rollback != null && rollback.decideWithinMinutes() > 0) ? rollback.decideWithinMinutes()
				: Rollback.DEFAULT_DECIDE_WITHIN_MINUTES;
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
