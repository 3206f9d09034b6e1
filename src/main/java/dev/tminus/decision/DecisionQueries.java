package dev.tminus.decision;

import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class DecisionQueries {

	private final JdbcClient jdbc;

	DecisionQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The decisions of a cutover, first first (GO, then perhaps ROLLBACK). */
	public List<DecisionView> forCutover(long cutoverId) {
		return this.jdbc.sql("""
				select id, cutover_id, outcome, decided_by_label, decided_at, failure_classification, owner, retry_at,
				       unblock_criteria, trigger_ref, reason, notes, statement, summary, timeline_hash
				  from decision where cutover_id = ? order by decided_at, id
				""")
			.param(cutoverId)
			.query((rs, row) -> new DecisionView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)),
					rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
					rs.getString(14), rs.getString(15)))
			.list();
	}

	private static java.time.Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
