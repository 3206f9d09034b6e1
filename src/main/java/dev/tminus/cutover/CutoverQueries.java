package dev.tminus.cutover;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.cutover.BoardView.Header;
import dev.tminus.cutover.BoardView.Holder;
import dev.tminus.cutover.BoardView.PhaseView;
import dev.tminus.cutover.BoardView.RoleView;
import dev.tminus.cutover.BoardView.StepView;
import dev.tminus.cutover.internal.JsonMapConverter;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Coverage;
import dev.tminus.runbook.RunbookTemplate.Phase;
import dev.tminus.runbook.RunbookTemplate.Role;
import dev.tminus.runbook.RunbookTemplate.Step;
import dev.tminus.shared.web.NotFoundException;
import dev.tminus.timeline.TimelineEntryView;
import dev.tminus.timeline.TimelineQueries;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read models of cutovers. The board is built from a fixed number of queries whatever the
 * number of steps, roles or timeline rows: the cutover, its roles, its step states and
 * the newest timeline entries (the template is parsed once per version and cached).
 */
@Service
public class CutoverQueries {

	static final int BOARD_TIMELINE_ROWS = 50;

	/** Rendered instructions per cutover and step: its parameters never change. */
	private static final InstructionsCache INSTRUCTIONS = new InstructionsCache(20_000);

	private final JdbcClient jdbc;

	private final RunbookCatalog catalog;

	private final TimelineQueries timeline;

	private final Clock clock;

	CutoverQueries(JdbcClient jdbc, RunbookCatalog catalog, TimelineQueries timeline, Clock clock) {
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.timeline = timeline;
		this.clock = clock;
	}

	private record CutoverRow(long id, long templateId, String name, String environment, String release,
			CutoverKind kind, CutoverStatus status, Instant t0, Long retryOf, Map<String, String> parameters,
			long createdBy, Instant startedAt, String templateName, String templateHash) {
	}

	private record Assignment(long id, String roleKey, long accountId, String label) {
	}

	private record StateRow(String stepKey, StepStatus status, Map<String, String> fields, String note,
			String recordedBy, String onBehalfOf, Instant recordedAt, long version) {
	}

	@Transactional(readOnly = true)
	public List<CutoverSummary> visibleTo(CurrentUser user) {
		String sql = """
				select c.id, c.name, t.name as template_name, c.environment, c.release_ref, c.kind, c.status, c.t0,
				       (select string_agg(r.role_key, ', ' order by r.role_key) from cutover_role r
				         where r.cutover_id = c.id and r.account_id = :me) as my_roles
				  from cutover c join runbook_template t on t.id = c.template_id
				""" + ((user.role() == GlobalRole.MEMBER) ? """
				 where c.created_by = :me or exists (select 1 from cutover_role r
				                                      where r.cutover_id = c.id and r.account_id = :me)
				""" : "") + " order by c.t0 desc limit 200";
		return this.jdbc.sql(sql)
			.param("me", user.id())
			.query((rs, row) -> new CutoverSummary(rs.getLong("id"), rs.getString("name"),
					rs.getString("template_name"), rs.getString("environment"), rs.getString("release_ref"),
					CutoverKind.valueOf(rs.getString("kind")), CutoverStatus.valueOf(rs.getString("status")),
					instant(rs, "t0"), ParameterResolver.format(instant(rs, "t0")), rs.getString("my_roles")))
			.list();
	}

	/** Template version, status, T-0 and parameters of a cutover, in one query. */
	@Transactional(readOnly = true)
	public CutoverFacts facts(long cutoverId) {
		CutoverRow row = cutover(cutoverId);
		return new CutoverFacts(row.id(), this.catalog.byId(row.templateId()).template(), row.status(), row.t0(),
				row.parameters());
	}

	/**
	 * Name, template version, environment, release, kind, status and T-0 of a cutover,
	 * for exports (no access check: the caller has made it).
	 */
	@Transactional(readOnly = true)
	public Header header(long cutoverId) {
		CutoverRow cutover = cutover(cutoverId);
		return header(cutover);
	}

	/** Both, from one statement, for pages that show the name and apply the rules. */
	@Transactional(readOnly = true)
	public HeaderAndFacts headerAndFacts(long cutoverId) {
		CutoverRow row = cutover(cutoverId);
		return new HeaderAndFacts(header(row), new CutoverFacts(row.id(),
				this.catalog.byId(row.templateId()).template(), row.status(), row.t0(), row.parameters()));
	}

	/** A cutover's header and the facts its rules read. */
	public record HeaderAndFacts(Header header, CutoverFacts facts) {
	}

	private static Header header(CutoverRow cutover) {
		return new Header(cutover.id(), cutover.name(), cutover.templateName(), cutover.templateHash().substring(0, 12),
				cutover.environment(), cutover.release(), cutover.kind(), cutover.status(), cutover.t0(),
				ParameterResolver.format(cutover.t0()), cutover.retryOf(), cutover.startedAt(), cutover.templateId());
	}

	/** Where each step of a cutover stands, by step key, in one query. */
	@Transactional(readOnly = true)
	public Map<String, StepStatus> stepStatuses(long cutoverId) {
		Map<String, StepStatus> statuses = new LinkedHashMap<>();
		this.jdbc.sql("select step_key, status from step_state where cutover_id = ?")
			.param(cutoverId)
			.query((rs, row) -> statuses.put(rs.getString(1), StepStatus.valueOf(rs.getString(2))))
			.list();
		return statuses;
	}

	/** The exact template version a cutover runs on. */
	@Transactional(readOnly = true)
	public RunbookTemplate template(long cutoverId) {
		return this.catalog.byId(cutover(cutoverId).templateId()).template();
	}

	@Transactional(readOnly = true)
	public BoardView board(long cutoverId, CurrentUser viewer) {
		return board(cutoverId, viewer, Set.of());
	}

	/** The board with its timeline limited to some kinds (none: all). */
	@Transactional(readOnly = true)
	public BoardView board(long cutoverId, CurrentUser viewer, Set<dev.tminus.timeline.TimelineKind> timelineKinds) {
		return board(cutoverId, viewer, timelineKinds, true);
	}

	/**
	 * The board; without the timeline for the fragments that do not show it (a live
	 * refresh of the steps after every tick should not read the timeline too).
	 */
	@Transactional(readOnly = true)
	public BoardView board(long cutoverId, CurrentUser viewer, Set<dev.tminus.timeline.TimelineKind> timelineKinds,
			boolean withTimeline) {
		CutoverRow cutover = cutover(cutoverId);
		List<Assignment> assignments = this.jdbc.sql("""
				select r.id, r.role_key, r.account_id, a.display_name || ' (' || a.username || ')' as label
				  from cutover_role r join account a on a.id = r.account_id
				 where r.cutover_id = ? order by r.assigned_at, r.id
				""")
			.param(cutoverId)
			.query((rs, row) -> new Assignment(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
			.list();
		Set<String> myRoles = assignments.stream()
			.filter((a) -> a.accountId() == viewer.id())
			.map(Assignment::roleKey)
			.collect(Collectors.toSet());
		CutoverAccess access = new CutoverAccess(viewer, cutover.createdBy() == viewer.id(), myRoles);
		if (!access.canRead()) {
			throw new NotFoundException("No cutover " + cutoverId);
		}
		Map<String, StateRow> states = new LinkedHashMap<>();
		this.jdbc.sql("""
				select s.step_key, s.status, s.field_values::text, s.note, s.on_behalf_of, s.recorded_at, s.version,
				       a.display_name || ' (' || a.username || ')' as recorded_by
				  from step_state s left join account a on a.id = s.recorded_by
				 where s.cutover_id = ?
				""").param(cutoverId).query((rs, row) -> {
			StateRow state = new StateRow(rs.getString("step_key"), StepStatus.valueOf(rs.getString("status")),
					JsonMapConverter.read(rs.getString(3)), rs.getString("note"), rs.getString("recorded_by"),
					rs.getString("on_behalf_of"), instant(rs, "recorded_at"), rs.getLong("version"));
			states.put(state.stepKey(), state);
			return state;
		}).list();
		List<TimelineEntryView> entries = withTimeline
				? this.timeline.entries(cutoverId, timelineKinds, BOARD_TIMELINE_ROWS) : List.of();
		RunbookTemplate template = this.catalog.byId(cutover.templateId()).template();
		Instant now = this.clock.instant();
		Header header = header(cutover);
		return new BoardView(header, access, roles(template, assignments, cutover.t0(), now),
				phases(template, cutover, states, assignments, access, now), entries, cutover.parameters(), now);
	}

	private CutoverRow cutover(long cutoverId) {
		return this.jdbc.sql("""
				select c.id, c.template_id, c.name, c.environment, c.release_ref, c.kind, c.status, c.t0, c.retry_of,
				       c.parameters::text, c.created_by, c.started_at, t.name as template_name, t.content_hash
				  from cutover c join runbook_template t on t.id = c.template_id
				 where c.id = ?
				""")
			.param(cutoverId)
			.query((rs, row) -> new CutoverRow(rs.getLong("id"), rs.getLong("template_id"), rs.getString("name"),
					rs.getString("environment"), rs.getString("release_ref"), CutoverKind.valueOf(rs.getString("kind")),
					CutoverStatus.valueOf(rs.getString("status")), instant(rs, "t0"), (Long) rs.getObject("retry_of"),
					JsonMapConverter.read(rs.getString(10)), rs.getLong("created_by"), instant(rs, "started_at"),
					rs.getString("template_name"), rs.getString("content_hash")))
			.optional()
			.orElseThrow(() -> new NotFoundException("No cutover " + cutoverId));
	}

	private static List<RoleView> roles(RunbookTemplate template, List<Assignment> assignments, Instant t0,
			Instant now) {
		List<RoleView> roles = new ArrayList<>();
		for (Role role : template.roles()) {
			List<Holder> holders = assignments.stream()
				.filter((a) -> a.roleKey().equals(role.key()))
				.map((a) -> new Holder(a.id(), a.accountId(), a.label()))
				.toList();
			roles.add(new RoleView(role.key(), role.title(), role.duty(), role.approver(),
					coverageText(role.coverage()), onNow(role.coverage(), t0, now), holders));
		}
		return roles;
	}

	static String coverageText(Coverage coverage) {
		if (coverage == null) {
			return "";
		}
		if (coverage.fromOffsetMinutes() != null && coverage.toOffsetMinutes() != null) {
			return offset(coverage.fromOffsetMinutes()) + " → " + offset(coverage.toOffsetMinutes());
		}
		return (coverage.text() != null) ? coverage.text() : "";
	}

	static boolean onNow(Coverage coverage, Instant t0, Instant now) {
		if (coverage == null || coverage.fromOffsetMinutes() == null || coverage.toOffsetMinutes() == null) {
			return coverage == null || coverage.text() == null || !coverage.text().toLowerCase().contains("as needed");
		}
		Instant from = t0.plus(Duration.ofMinutes(coverage.fromOffsetMinutes()));
		Instant to = t0.plus(Duration.ofMinutes(coverage.toOffsetMinutes()));
		return !now.isBefore(from) && now.isBefore(to);
	}

	static String offset(int minutes) {
		String sign = (minutes < 0) ? "T-" : "T+";
		int abs = Math.abs(minutes);
		if (abs == 0) {
			return "T-0";
		}
		return (abs % 60 == 0) ? sign + (abs / 60) + "h" : sign + abs;
	}

	private static List<PhaseView> phases(RunbookTemplate template, CutoverRow cutover, Map<String, StateRow> states,
			List<Assignment> assignments, CutoverAccess access, Instant now) {
		Map<String, List<String>> holders = assignments.stream()
			.collect(Collectors.groupingBy(Assignment::roleKey, LinkedHashMap::new,
					Collectors.mapping(Assignment::label, Collectors.toList())));
		boolean open = cutover.status().acceptsStepRecords();
		List<PhaseView> phases = new ArrayList<>();
		for (Phase phase : template.phases()) {
			Instant planned = cutover.t0().plus(Duration.ofMinutes(phase.offsetMinutes()));
			List<StepView> steps = new ArrayList<>();
			Instant first = null;
			Instant last = null;
			boolean finished = true;
			for (Step step : template.stepsIn(phase.key())) {
				StateRow state = states.get(step.key());
				StepStatus status = (state != null) ? state.status() : StepStatus.PENDING;
				if (status == StepStatus.PENDING) {
					finished = false;
				}
				else if (state.recordedAt() != null) {
					first = (first == null || state.recordedAt().isBefore(first)) ? state.recordedAt() : first;
					last = (last == null || state.recordedAt().isAfter(last)) ? state.recordedAt() : last;
				}
				List<String> waitingFor = step.dependsOn()
					.stream()
					.filter((key) -> states.get(key) == null || !states.get(key).status().done())
					.map((key) -> template.step(key).map(Step::title).orElse(key))
					.toList();
				steps.add(new StepView(step.key(), step.title(), step.owner(),
						template.role(step.owner()).map(Role::title).orElse(step.owner()),
						holders.getOrDefault(step.owner(), List.of()), status,
						(state != null) ? state.fields() : Map.of(), (state != null) ? state.note() : null,
						(state != null) ? state.recordedBy() : null,
						(state != null && state.onBehalfOf() != null)
								? template.role(state.onBehalfOf()).map(Role::title).orElse(state.onBehalfOf()) : null,
						(state != null) ? state.recordedAt() : null,
						(state != null && state.recordedAt() != null) ? ParameterResolver.format(state.recordedAt())
								: null,
						(state != null) ? state.version() : 0, waitingFor,
						INSTRUCTIONS.html(cutover.id(), step, cutover.parameters()), step.fields(),
						open && access.canRecordStepOwnedBy(step.owner()), step.evidenceRequired(),
						step.evidenceFiles()));
			}
			boolean done = finished && !steps.isEmpty();
			Long slippage = null;
			if (done && last != null) {
				slippage = Duration.between(planned, last).toMinutes();
			}
			else if (!done && now.isAfter(planned) && cutover.status() == CutoverStatus.IN_PROGRESS) {
				slippage = Duration.between(planned, now).toMinutes();
			}
			phases.add(new PhaseView(phase.key(), phase.title(), phase.offsetMinutes(), planned,
					ParameterResolver.format(planned), first, done ? last : null, slippage, done, steps));
		}
		return phases;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		java.sql.Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
