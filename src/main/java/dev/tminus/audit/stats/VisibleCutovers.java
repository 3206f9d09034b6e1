package dev.tminus.audit.stats;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;

/**
 * The cutovers a statistics query may read, as a {@code visible} common table expression:
 * the viewer's visibility (members: the cutovers they created or hold a role in, as
 * {@code CutoverQueries.visibleTo}; admins and auditors: all) and the filter.
 */
final class VisibleCutovers {

	private final String sql;

	private final Map<String, Object> params;

	private VisibleCutovers(String sql, Map<String, Object> params) {
		this.sql = sql;
		this.params = Map.copyOf(params);
	}

	static VisibleCutovers of(StatsFilter filter, CurrentUser viewer) {
		StringBuilder sql = new StringBuilder("""
				with visible as (
				  select c.id, c.kind, c.t0, c.started_at, c.template_id, t.name as template_name
				    from cutover c join runbook_template t on t.id = c.template_id
				   where c.kind in (:kinds)
				""");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("kinds", filter.kinds().stream().map(Enum::name).toList());
		if (viewer.role() == GlobalRole.MEMBER) {
			sql.append("""
					     and (c.created_by = :me or exists (select 1 from cutover_role r
					                                         where r.cutover_id = c.id and r.account_id = :me))
					""");
			params.put("me", viewer.id());
		}
		if (filter.template() != null) {
			sql.append("     and t.name = :template\n");
			params.put("template", filter.template());
		}
		if (filter.from() != null) {
			sql.append("     and c.t0 >= :from\n");
			params.put("from", utc(filter.fromInstant()));
		}
		if (filter.to() != null) {
			sql.append("     and c.t0 < :to\n");
			params.put("to", utc(filter.toExclusive()));
		}
		sql.append(")\n");
		return new VisibleCutovers(sql.toString(), params);
	}

	/** The query, preceded by the {@code visible} expression it may join. */
	String sql(String query) {
		return this.sql + query;
	}

	Map<String, Object> params() {
		return this.params;
	}

	/** Whether the viewer reads every cutover. */
	static boolean everything(CurrentUser viewer) {
		return viewer.role() != GlobalRole.MEMBER;
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
