package dev.tminus.hypercare;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.BoardView.Header;
import dev.tminus.cutover.CutoverAccess;
import dev.tminus.cutover.CutoverFacts;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.cutover.CutoverService;
import dev.tminus.hypercare.HypercareView.CheckView;
import dev.tminus.hypercare.HypercareView.ControlReportView;
import dev.tminus.hypercare.HypercareView.CriterionView;
import dev.tminus.hypercare.HypercareView.NextCheck;
import dev.tminus.hypercare.HypercareView.Run;
import dev.tminus.hypercare.HypercareView.WindowView;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.CompletionCriterion;
import dev.tminus.runbook.RunbookTemplate.HypercareWindow;
import dev.tminus.runbook.RunbookTemplate.Role;
import dev.tminus.trigger.TriggerQueries;
import dev.tminus.trigger.TriggerView;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hypercare view of a cutover, from a fixed number of statements whatever the number
 * of checks, ticks or reports: access, the cutover, its run, its checks, its ticks, its
 * reports and its open triggers.
 */
@Service
public class HypercareQueries {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final CutoverService cutovers;

	private final CutoverQueries cutoverQueries;

	private final TriggerQueries triggers;

	private final HypercareProperties properties;

	private final Clock clock;

	HypercareQueries(JdbcClient jdbc, CutoverService cutovers, CutoverQueries cutoverQueries, TriggerQueries triggers,
			HypercareProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.cutovers = cutovers;
		this.cutoverQueries = cutoverQueries;
		this.triggers = triggers;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @throws dev.tminus.shared.web.NotFoundException when the viewer may not see the
	 * cutover
	 */
	@Transactional(readOnly = true)
	public HypercareView view(long cutoverId, CurrentUser viewer) {
		CutoverAccess access = this.cutovers.access(cutoverId, viewer);
		CutoverQueries.HeaderAndFacts cutover = this.cutoverQueries.headerAndFacts(cutoverId);
		Header header = cutover.header();
		CutoverFacts facts = cutover.facts();
		RunbookTemplate template = facts.template();
		Instant now = this.clock.instant();
		Duration grace = this.properties.grace();
		Run run = run(cutoverId).orElse(null);
		boolean active = run != null && run.endedAt() == null;
		boolean canRecord = active && HypercarePermissions.canRecordChecks(access);
		List<CheckView> checks = this.jdbc.sql("""
				select id, window_index, window_label, seq, opens_at, due_at, focus::text, status, note,
				       recorded_by_label, recorded_at, overdue_at
				  from hypercare_check where cutover_id = ? order by due_at, id""")
			.param(cutoverId)
			.query((rs, row) -> check(rs, now, grace, active))
			.list();
		List<CriterionView> criteria = criteria(cutoverId, template, access,
				active && facts.status() == dev.tminus.cutover.CutoverStatus.GO, (run != null) ? run.startedAt() : null,
				now);
		List<ControlReportView> reports = this.jdbc.sql("""
				select id, summary, metrics, actions, filed_by_label, filed_at
				  from control_report where cutover_id = ? order by id desc""")
			.param(cutoverId)
			.query((rs, row) -> new ControlReportView(rs.getLong("id"), rs.getString("summary"),
					rs.getString("metrics"), rs.getString("actions"), rs.getString("filed_by_label"),
					instant(rs, "filed_at"), ParameterResolver.format(instant(rs, "filed_at"))))
			.list();
		List<String> open = this.triggers.open(cutoverId).stream().map(TriggerView::title).toList();
		return new HypercareView(cutoverId, header.name(), facts.status(), run, windows(template, checks),
				active ? next(checks, now, grace) : null, criteria, open, reports, canRecord,
				active && HypercarePermissions.canFileReport(access), HypercarePermissions.reporters(template),
				grace.toMinutes());
	}

	private Optional<Run> run(long cutoverId) {
		return this.jdbc.sql("select started_at, ended_at from hypercare_run where cutover_id = ?")
			.param(cutoverId)
			.query((rs, row) -> {
				Instant started = instant(rs, "started_at");
				Instant ended = instant(rs, "ended_at");
				return new Run(started, ParameterResolver.format(started), ended,
						(ended != null) ? ParameterResolver.format(ended) : null);
			})
			.optional();
	}

	private List<CriterionView> criteria(long cutoverId, RunbookTemplate template, CutoverAccess access, boolean open,
			Instant go, Instant now) {
		Map<String, CriterionView> ticks = new HashMap<>();
		this.jdbc.sql("""
				select criterion_key, note, ticked_by_label, ticked_at
				  from completion_tick where cutover_id = ?""").param(cutoverId).query((rs, row) -> {
			Instant at = instant(rs, "ticked_at");
			return new CriterionView(rs.getString("criterion_key"), null, null, null, true,
					rs.getString("ticked_by_label"), at, ParameterResolver.format(at), rs.getString("note"), null, null,
					false);
		}).list().forEach((tick) -> ticks.put(tick.key(), tick));
		List<CriterionView> criteria = new ArrayList<>();
		for (CompletionCriterion criterion : template.completionCriteria()) {
			CriterionView tick = ticks.get(criterion.key());
			String ownerTitle = template.role(criterion.owner()).map(Role::title).orElse(criterion.owner());
			Instant opens = (go != null && criterion.notBefore() != null) ? go.plus(criterion.notBefore()) : null;
			criteria.add((tick != null)
					? new CriterionView(criterion.key(), criterion.text(), criterion.owner(), ownerTitle, true,
							tick.tickedBy(), tick.tickedAt(), tick.tickedAtUtc(), tick.note(), opens,
							(opens != null) ? ParameterResolver.format(opens) : null, false)
					: new CriterionView(criterion.key(), criterion.text(), criterion.owner(), ownerTitle, false, null,
							null, null, null, opens, (opens != null) ? ParameterResolver.format(opens) : null,
							open && HypercarePermissions.canTick(access, criterion)
									&& (opens == null || !now.isBefore(opens))));
		}
		return criteria;
	}

	private static List<WindowView> windows(RunbookTemplate template, List<CheckView> checks) {
		Map<Integer, List<CheckView>> byWindow = new LinkedHashMap<>();
		checks.forEach((check) -> byWindow.computeIfAbsent(check.windowIndex(), (i) -> new ArrayList<>()).add(check));
		List<WindowView> windows = new ArrayList<>();
		List<HypercareWindow> defined = (template.hypercare() != null) ? template.hypercare().windows() : List.of();
		for (int index = 0; index < defined.size(); index++) {
			HypercareWindow window = defined.get(index);
			List<CheckView> inWindow = byWindow.remove(index);
			if (inWindow == null && (window.everyMinutes() == null || window.everyMinutes() <= 0)) {
				continue;
			}
			windows.add(new WindowView(index,
					(inWindow != null) ? inWindow.get(0).windowLabel() : HypercareSchedule.label(window),
					window.focus(), (inWindow != null) ? inWindow : List.of()));
		}
		// checks of windows the template version no longer has cannot happen (a cutover
		// keeps its template version), but are never hidden
		byWindow.forEach((index, rest) -> windows
			.add(new WindowView(index, rest.get(0).windowLabel(), rest.get(0).focus(), rest)));
		return windows;
	}

	private static NextCheck next(List<CheckView> checks, Instant now, Duration grace) {
		for (CheckView check : checks) {
			if (check.recorded() || check.overdue()) {
				continue;
			}
			if (!check.dueAt().isAfter(now)) {
				return new NextCheck(check, 0, "Check " + check.windowLabel() + " #" + check.seq()
						+ " is due now (overdue after " + ParameterResolver.format(check.dueAt().plus(grace)) + ").");
			}
			long minutes = (Duration.between(now, check.dueAt()).toSeconds() + 59) / 60;
			return new NextCheck(check, minutes, "Next check due in " + minutes + " min.");
		}
		return null;
	}

	private static CheckView check(ResultSet rs, Instant now, Duration grace, boolean active) throws SQLException {
		Instant opensAt = instant(rs, "opens_at");
		Instant dueAt = instant(rs, "due_at");
		String status = rs.getString("status");
		Instant recordedAt = instant(rs, "recorded_at");
		Instant overdueAt = instant(rs, "overdue_at");
		Instant deadline = dueAt.plus(grace);
		boolean overdue = overdueAt != null
				|| ((recordedAt != null) ? recordedAt.isAfter(deadline) : active && now.isAfter(deadline));
		return new CheckView(rs.getLong("id"), rs.getInt("window_index"), rs.getString("window_label"),
				rs.getInt("seq"), opensAt, dueAt, ParameterResolver.format(dueAt),
				json.readValue(rs.getString("focus"), STRINGS), (status != null) ? CheckStatus.valueOf(status) : null,
				rs.getString("note"), rs.getString("recorded_by_label"), recordedAt,
				(recordedAt != null) ? ParameterResolver.format(recordedAt) : null, overdueAt, overdue,
				active && status == null && !now.isBefore(opensAt));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
