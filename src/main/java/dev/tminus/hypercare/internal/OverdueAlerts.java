package dev.tminus.hypercare.internal;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import dev.tminus.comms.AlertQueries.AlertSource;
import dev.tminus.comms.AlertsView.Alert;
import dev.tminus.runbook.ParameterResolver;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The board's banner for hypercare checks the overdue job marked and nobody has recorded
 * since, while hypercare runs. One statement; the banner goes once the checks are
 * recorded (late) or a ROLLBACK ends hypercare.
 */
@Component
class OverdueAlerts implements AlertSource {

	/** How many overdue checks the banner names before it only counts. */
	static final int NAMED = 3;

	private final JdbcClient jdbc;

	OverdueAlerts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Alert> alerts(long cutoverId, Instant now) {
		List<Overdue> overdue = this.jdbc.sql("""
				select k.window_label, k.seq, k.due_at
				  from hypercare_check k join hypercare_run r on r.cutover_id = k.cutover_id
				 where k.cutover_id = ? and r.ended_at is null and k.status is null and k.overdue_at is not null
				 order by k.due_at, k.id""")
			.param(cutoverId)
			.query((rs, row) -> new Overdue(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()))
			.list();
		if (overdue.isEmpty()) {
			return List.of();
		}
		String named = overdue.stream()
			.limit(NAMED)
			.map((o) -> o.windowLabel() + " #" + o.seq() + " due " + ParameterResolver.format(o.dueAt()))
			.collect(Collectors.joining("; "));
		String more = (overdue.size() > NAMED) ? " and " + (overdue.size() - NAMED) + " more" : "";
		return List.of(new Alert("danger", "hypercare",
				((overdue.size() == 1) ? "Hypercare check overdue: " : overdue.size() + " hypercare checks overdue: ")
						+ named + more + ". Record what you see in the hypercare view."));
	}

	private record Overdue(String windowLabel, int seq, Instant dueAt) {
	}

}
