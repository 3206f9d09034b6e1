package dev.tminus.trigger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.tminus.cutover.CutoverAccess;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reported rollback triggers of a cutover, newest first. No permission check: callers
 * (the board controller, the decision) have checked access to the cutover.
 */
@Service
public class TriggerQueries {

	private static final String SELECT = """
			select id, trigger_key, title, action, note, reported_by_label, reported_at, deadline, resolved_at,
			    breach_recorded_at
			from rollback_trigger where cutover_id = :cutoverId""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TriggerRuns runs;

	TriggerQueries(JdbcClient jdbc, Clock clock, TriggerRuns runs) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.runs = runs;
	}

	/** The triggers fragment for a viewer whose access was checked. */
	@Transactional(readOnly = true)
	public TriggerBoard board(CutoverAccess access, long cutoverId) {
		TriggerRuns.Run run = this.runs.get(cutoverId);
		List<TriggerView> all = forCutover(cutoverId);
		return new TriggerBoard(cutoverId, TriggerService.canReport(access) && run.running(),
				run.template().rollbackTriggers(), TriggerService.decideWithinMinutes(run.template()),
				all.stream().filter(TriggerView::open).toList(), all);
	}

	@Transactional(readOnly = true)
	public List<TriggerView> forCutover(long cutoverId) {
		Instant now = this.clock.instant();
		return this.jdbc.sql(SELECT + " order by id desc")
			.param("cutoverId", cutoverId)
			.query((rs, row) -> view(rs, now))
			.list();
	}

	/** The immediate-rollback triggers no IC decision has resolved: they block GO. */
	@Transactional(readOnly = true)
	public List<TriggerView> open(long cutoverId) {
		Instant now = this.clock.instant();
		return this.jdbc
			.sql(SELECT + " and action = 'IMMEDIATE_ROLLBACK' and resolved_at is null order by reported_at, id")
			.param("cutoverId", cutoverId)
			.query((rs, row) -> view(rs, now))
			.list();
	}

	private static TriggerView view(ResultSet rs, Instant now) throws SQLException {
		Instant deadline = instant(rs, "deadline");
		Instant resolvedAt = instant(rs, "resolved_at");
		boolean open = deadline != null && resolvedAt == null;
		boolean breached = rs.getTimestamp("breach_recorded_at") != null
				|| (deadline != null && ((resolvedAt != null) ? resolvedAt : now).isAfter(deadline));
		return new TriggerView(rs.getLong("id"), rs.getString("trigger_key"), rs.getString("title"),
				rs.getString("action"), rs.getString("note"), rs.getString("reported_by_label"),
				instant(rs, "reported_at"), deadline, open, breached, resolvedAt);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
