package dev.tminus.hypercare;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverAccess;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.CutoverFacts;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.CutoverStatus;
import dev.tminus.live.LiveSignals;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.CompletionCriterion;
import dev.tminus.runbook.RunbookTemplate.Role;
import dev.tminus.shared.web.NotFoundException;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import dev.tminus.timeline.TimelineService;
import dev.tminus.trigger.TriggerQueries;
import dev.tminus.trigger.TriggerView;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hypercare after GO (seed 001 §6): recording the scheduled checks, filing the 24-hour
 * control report and ticking the completion criteria; the last tick, with no rollback
 * trigger open, makes the go-live COMPLETE. Each change writes a timeline entry and a
 * live signal ({@code hypercare}) in the same transaction.
 */
@Service
public class HypercareService {

	static final int MAX_NOTE = 2000;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	static final int MAX_REPORT_FIELD = 1200;

	/**
	 * First key of the advisory lock that serialises ticks per cutover, so that of two
	 * last ticks at once one sees the other and completes. Other modules must not use
	 * this namespace.
	 */
	static final int LOCK_NAMESPACE = 0x4859_5043; // "HYPC"

	private final JdbcClient jdbc;

	private final CutoverService cutovers;

	private final CutoverQueries cutoverQueries;

	private final TriggerQueries triggers;

	private final TimelineService timeline;

	private final LiveSignals live;

	private final HypercareProperties properties;

	private final Clock clock;

	HypercareService(JdbcClient jdbc, CutoverService cutovers, CutoverQueries cutoverQueries, TriggerQueries triggers,
			TimelineService timeline, LiveSignals live, HypercareProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.cutovers = cutovers;
		this.cutoverQueries = cutoverQueries;
		this.triggers = triggers;
		this.timeline = timeline;
		this.live = live;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Records OK or ISSUE for a scheduled check. Anyone holding a role on the cutover
	 * records; a check opens when the one before it is due and, once recorded, is final.
	 * @return the check's id
	 * @throws NotFoundException when the person is not on the cutover, or the check is
	 * not one of its checks
	 * @throws AccessDeniedException for people without a role on it
	 * @throws CutoverException when a rule refuses (422)
	 * @throws CheckAlreadyRecordedException when someone recorded it first (409)
	 */
	@Transactional
	public long recordCheck(long cutoverId, RecordCheck command, CurrentUser actor) {
		CutoverAccess access = this.cutovers.access(cutoverId, actor);
		if (!HypercarePermissions.canRecordChecks(access)) {
			throw new AccessDeniedException("Only people holding a role on this cutover record hypercare checks.");
		}
		CutoverFacts facts = this.cutoverQueries.facts(cutoverId);
		requireRunning(cutoverId, facts.status(), "hypercare checks are recorded");
		if (command.checkId() == null) {
			throw new CutoverException("checkId", "Choose the check you are recording.");
		}
		if (command.status() == null) {
			throw new CutoverException("status", "Choose OK or ISSUE.");
		}
		String note = text(command.note());
		if (command.status() == CheckStatus.ISSUE && note == null) {
			throw new CutoverException("note", "An ISSUE needs a note: what did you see, and where?");
		}
		if (note != null && note.length() > MAX_NOTE) {
			throw new CutoverException("note", "Use at most " + MAX_NOTE + " characters for the note.");
		}
		Check check = this.jdbc.sql("""
				select id, window_label, seq, opens_at, due_at, focus::text, status, recorded_by_label, recorded_at,
				       overdue_at
				  from hypercare_check where id = ? and cutover_id = ? for update""")
			.params(command.checkId(), cutoverId)
			.query((rs, row) -> new Check(rs.getLong("id"), rs.getString("window_label"), rs.getInt("seq"),
					rs.getTimestamp("opens_at").toInstant(), rs.getTimestamp("due_at").toInstant(),
					json.readValue(rs.getString("focus"), STRINGS), rs.getString("status"),
					rs.getString("recorded_by_label"),
					(rs.getTimestamp("recorded_at") != null) ? rs.getTimestamp("recorded_at").toInstant() : null,
					rs.getTimestamp("overdue_at") != null))
			.optional()
			.orElseThrow(() -> new NotFoundException("No hypercare check " + command.checkId() + " on this cutover"));
		if (check.status() != null) {
			throw new CheckAlreadyRecordedException("This check was already recorded " + check.status() + " by "
					+ check.recordedBy() + " at " + ParameterResolver.format(check.recordedAt())
					+ ". A recorded check is final: nothing was overwritten.");
		}
		Instant now = now();
		if (now.isBefore(check.opensAt())) {
			throw new CutoverException("checkId",
					"The check due " + ParameterResolver.format(check.dueAt()) + " opens at "
							+ ParameterResolver.format(check.opensAt())
							+ ", when the one before it is due; record it from then on.");
		}
		String label = label(actor);
		this.jdbc.sql("""
				update hypercare_check set status = :status, note = :note, recorded_by = :by,
				    recorded_by_label = :label, recorded_at = :at
				where id = :id and status is null""")
			.param("status", command.status().name())
			.param("note", note, Types.VARCHAR)
			.param("by", actor.id())
			.param("label", label)
			.param("at", utc(now))
			.param("id", check.id())
			.update();
		boolean late = check.overdue() || now.isAfter(check.dueAt().plus(this.properties.grace()));
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("check_id", check.id());
		details.put("window", check.windowLabel());
		details.put("due_at", ParameterResolver.format(check.dueAt()));
		details.put("focus", check.focus());
		details.put("status", command.status().name());
		details.put("late", late);
		if (note != null) {
			details.put("note", note);
		}
		this.timeline.append(new NewTimelineEntry(cutoverId, TimelineKind.HYPERCARE, actor.id(), label, null,
				(command.status() == CheckStatus.OK) ? TimelineResult.PASS : TimelineResult.FAIL,
				"hypercare-check-" + check.id(),
				"Hypercare check " + check.windowLabel() + " #" + check.seq() + " (due "
						+ ParameterResolver.format(check.dueAt()) + "): " + command.status().name()
						+ (late ? ", recorded late" : "") + "." + ((note != null) ? " " + note : ""),
				details));
		signal(cutoverId);
		return check.id();
	}

	/**
	 * Files the 24-hour control report (Summary + Metrics + Actions), by the On-call or
	 * the IC. Reports are never changed: a correction is a new report.
	 * @return the report's id
	 */
	@Transactional
	public long fileControlReport(long cutoverId, FileControlReport command, CurrentUser actor) {
		CutoverAccess access = this.cutovers.access(cutoverId, actor);
		CutoverFacts facts = this.cutoverQueries.facts(cutoverId);
		if (!HypercarePermissions.canFileReport(access)) {
			throw new AccessDeniedException(
					"Only " + HypercarePermissions.reporters(facts.template()) + " files the control report.");
		}
		requireRunning(cutoverId, facts.status(), "the control report is filed");
		String summary = reportField("summary", "Summary", command.summary());
		String metrics = reportField("metrics", "Metrics", command.metrics());
		String actions = reportField("actions", "Actions", command.actions());
		Instant now = now();
		String label = label(actor);
		long id = this.jdbc.sql("""
				insert into control_report (cutover_id, summary, metrics, actions, filed_by, filed_by_label, filed_at)
				values (?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(cutoverId, summary, metrics, actions, actor.id(), label, utc(now))
			.query(Long.class)
			.single();
		this.timeline.append(new NewTimelineEntry(cutoverId, TimelineKind.HYPERCARE, actor.id(), label, null,
				TimelineResult.INFO, "control-report-" + id,
				"24-hour control report filed. Summary: " + summary + " Metrics: " + metrics + " Actions: " + actions,
				Map.of("control_report_id", id, "summary", summary, "metrics", metrics, "actions", actions)));
		signal(cutoverId);
		return id;
	}

	/**
	 * Ticks a completion criterion, by a holder of its owner role, once. When this was
	 * the last criterion and no rollback trigger is open, the go-live becomes COMPLETE.
	 * @return whether the go-live is COMPLETE now
	 */
	@Transactional
	public boolean tick(long cutoverId, TickCriterion command, CurrentUser actor) {
		CutoverAccess access = this.cutovers.access(cutoverId, actor);
		this.jdbc.sql("select pg_advisory_xact_lock(?, ?)")
			.params(LOCK_NAMESPACE, Long.hashCode(cutoverId))
			.query((rs, row) -> 1)
			.single();
		CutoverFacts facts = this.cutoverQueries.facts(cutoverId);
		RunbookTemplate template = facts.template();
		String key = (command.criterionKey() != null) ? command.criterionKey().strip() : "";
		CompletionCriterion criterion = template.completionCriteria()
			.stream()
			.filter((c) -> c.key().equals(key))
			.findFirst()
			.orElseThrow(() -> new CutoverException("criterionKey", "Choose one of the runbook's completion criteria: "
					+ template.completionCriteria().stream().map(CompletionCriterion::key).toList() + "."));
		if (!HypercarePermissions.canTick(access, criterion)) {
			throw new AccessDeniedException("Only the " + roleTitle(template, criterion.owner()) + " ticks '"
					+ criterion.text() + "': a criterion is ticked by its owner.");
		}
		if (facts.status() == CutoverStatus.COMPLETE) {
			throw new CutoverException("This go-live is already COMPLETE.");
		}
		requireRunning(cutoverId, facts.status(), "completion criteria are ticked");
		requireWindowOpen(cutoverId, criterion);
		String note = text(command.note());
		if (note != null && note.length() > MAX_NOTE) {
			throw new CutoverException("note", "Use at most " + MAX_NOTE + " characters for the note.");
		}
		Optional<String> earlier = this.jdbc.sql("""
				select ticked_by_label || ' at ' || to_char(ticked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
				  from completion_tick where cutover_id = ? and criterion_key = ?""")
			.params(cutoverId, key)
			.query(String.class)
			.optional();
		if (earlier.isPresent()) {
			throw new CheckAlreadyRecordedException(
					"'" + criterion.text() + "' was already ticked by " + earlier.get() + ". A tick is final.");
		}
		Instant now = now();
		String label = label(actor);
		this.jdbc.sql("""
				insert into completion_tick (cutover_id, criterion_key, owner_role, note, ticked_by, ticked_by_label,
				    ticked_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(cutoverId, key, criterion.owner(), note, actor.id(), label, utc(now))
			.update();
		Set<String> ticked = Set.copyOf(this.jdbc.sql("select criterion_key from completion_tick where cutover_id = ?")
			.param(cutoverId)
			.query(String.class)
			.list());
		List<CompletionCriterion> missing = template.completionCriteria()
			.stream()
			.filter((c) -> !ticked.contains(c.key()))
			.toList();
		List<String> open = missing.isEmpty() ? this.triggers.open(cutoverId).stream().map(TriggerView::title).toList()
				: List.of();
		boolean complete = missing.isEmpty() && open.isEmpty();
		if (complete) {
			// rows first, timeline last: the cutover row is locked before the timeline's
			// lock
			this.cutovers.recordCompletion(cutoverId);
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("owner_role", criterion.owner());
		details.put("ticked", template.completionCriteria().size() - missing.size());
		details.put("of", template.completionCriteria().size());
		if (note != null) {
			details.put("note", note);
		}
		String progress = missing.isEmpty()
				? (open.isEmpty() ? " Every completion criterion is ticked."
						: " Every completion criterion is ticked; COMPLETE waits while a rollback trigger is open: "
								+ sentence(String.join("; ", open)))
				: " " + (template.completionCriteria().size() - missing.size()) + " of "
						+ template.completionCriteria().size() + " ticked.";
		this.timeline.append(new NewTimelineEntry(cutoverId, TimelineKind.HYPERCARE, actor.id(), label, null,
				TimelineResult.PASS, key, "Completion criterion ticked by the " + roleTitle(template, criterion.owner())
						+ ": " + criterion.text() + ((note != null) ? " Note: " + note : "") + progress,
				details));
		if (complete) {
			this.timeline.append(NewTimelineEntry
				.system(cutoverId, TimelineKind.STATUS,
						"Go-live COMPLETE: all " + template.completionCriteria().size()
								+ " completion criteria ticked by their owners; no rollback trigger open.")
				.withResult(TimelineResult.PASS)
				.withSubject("complete")
				.withDetails(Map.of("criteria", template.completionCriteria().stream().map((c) -> c.key()).toList())));
		}
		signal(cutoverId);
		return complete;
	}

	/**
	 * A criterion with {@code not_before} ("no 5xx spikes in the first 2 hours") is
	 * ticked only once that long has passed since GO: a tick is final.
	 */
	private void requireWindowOpen(long cutoverId, CompletionCriterion criterion) {
		if (criterion.notBefore() == null) {
			return;
		}
		Instant go = this.jdbc.sql("select started_at from hypercare_run where cutover_id = ?")
			.param(cutoverId)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
		Instant opens = go.plus(criterion.notBefore());
		Instant now = now();
		if (now.isBefore(opens)) {
			throw new CutoverException("criterionKey",
					"'" + criterion.text() + "' can be ticked from " + ParameterResolver.format(opens) + " ("
							+ HypercareView.duration(criterion.notBefore()) + " after GO), in "
							+ HypercareView.duration(Duration.between(now, opens))
							+ ". A tick is final, so it waits for the whole window.");
		}
	}

	/** Hypercare runs after GO until a ROLLBACK (checks go on after COMPLETE). */
	private void requireRunning(long cutoverId, CutoverStatus status, String what) {
		if (status != CutoverStatus.GO && status != CutoverStatus.COMPLETE) {
			throw new CutoverException("This cutover is " + status + ": " + what + " only after GO.");
		}
		boolean running = this.jdbc.sql("select ended_at is null from hypercare_run where cutover_id = ?")
			.param(cutoverId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
		if (!running) {
			throw new CutoverException("Hypercare of this cutover has ended: " + what + " only while it runs.");
		}
	}

	private String reportField(String field, String name, String value) {
		String text = text(value);
		if (text == null) {
			throw new CutoverException(field, "The control report needs its " + name + ".");
		}
		if (text.length() > MAX_REPORT_FIELD) {
			throw new CutoverException(field,
					"Use at most " + MAX_REPORT_FIELD + " characters for the " + name + " (" + text.length() + ").");
		}
		return text;
	}

	private void signal(long cutoverId) {
		this.live.signal(cutoverId, "hypercare");
		this.live.signal(cutoverId, "timeline");
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static String sentence(String text) {
		return text.matches(".*[.!?]$") ? text : text + ".";
	}

	private static String text(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String label(CurrentUser user) {
		return user.displayName() + " (" + user.getUsername() + ")";
	}

	private static String roleTitle(RunbookTemplate template, String roleKey) {
		return template.role(roleKey).map(Role::title).orElse(roleKey);
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private record Check(long id, String windowLabel, int seq, Instant opensAt, Instant dueAt, List<String> focus,
			String status, String recordedBy, Instant recordedAt, boolean overdue) {

	}

}
