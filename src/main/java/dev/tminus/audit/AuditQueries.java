package dev.tminus.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.cutover.CutoverKind;
import dev.tminus.cutover.CutoverStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The history of cutovers as auditors search it: one query for a page, one for the count,
 * one streamed query for an export of any length. Auditors and admins see every cutover;
 * members the ones they created or hold a role in.
 */
@Service
@Transactional(readOnly = true)
public class AuditQueries {

	static final int STREAM_FETCH_SIZE = 500;

	/**
	 * Per cutover: its latest decision, when it was first decided (GO or NO-GO) and when
	 * its first step was recorded.
	 */
	private static final String FROM = """
			  from cutover c
			  join runbook_template t on t.id = c.template_id
			  left join lateral (select x.outcome, x.decided_by_label, x.decided_at, x.failure_classification
			                       from decision x where x.cutover_id = c.id
			                      order by x.decided_at desc, x.id desc limit 1) d on true
			  left join lateral (select min(x.decided_at) as first_decided from decision x
			                      where x.cutover_id = c.id and x.outcome in ('GO', 'NO_GO')) f on true
			  left join lateral (select min(s.recorded_at) as first_step from step_state s
			                      where s.cutover_id = c.id and s.recorded_at is not null) s on true
			""";

	private static final String COLUMNS = """
			select c.id, c.name, c.release_ref, t.name as template_name, c.environment, c.kind, c.status, c.t0,
			       d.outcome, d.decided_by_label, d.decided_at, d.failure_classification, s.first_step, f.first_decided
			""";

	private final JdbcClient jdbc;

	private final JdbcClient streaming;

	AuditQueries(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(STREAM_FETCH_SIZE);
		this.streaming = JdbcClient.create(template);
	}

	/** One page of the cutovers the viewer may read that match the filter. */
	public HistoryPage history(HistoryFilter filter, CurrentUser viewer) {
		Where where = where(filter, viewer);
		long total = bind(this.jdbc.sql("select count(*) " + FROM + where.sql), where.params).query(Long.class)
			.single();
		List<HistoryRow> rows = bind(
				this.jdbc.sql(COLUMNS + FROM + where.sql + orderBy(filter) + " limit :limit offset :offset"),
				where.params)
			.param("limit", filter.size())
			.param("offset", filter.offset())
			.query((rs, n) -> row(rs))
			.list();
		return new HistoryPage(filter, rows, total);
	}

	/**
	 * Hands every matching cutover to {@code each}, in the filter's order, fetching
	 * {@value #STREAM_FETCH_SIZE} rows at a time (pagination is ignored).
	 */
	public void stream(HistoryFilter filter, CurrentUser viewer, Consumer<HistoryRow> each) {
		Where where = where(filter, viewer);
		bind(this.streaming.sql(COLUMNS + FROM + where.sql + orderBy(filter)), where.params)
			.query((RowCallbackHandler) (rs) -> each.accept(row(rs)));
	}

	/** The values the filters offer, from the cutovers the viewer may read. */
	public FilterChoices choices(CurrentUser viewer) {
		Where where = where(HistoryFilter.all(), viewer);
		return bind(this.jdbc.sql("""
				select array(select distinct c.environment %1$s %2$s order by 1),
				       array(select distinct t.name %1$s %2$s order by 1),
				       array(select distinct d.failure_classification %1$s %2$s
				                and d.failure_classification is not null order by 1)
				""".formatted(FROM, where.sql)), where.params)
			.query((rs, n) -> new FilterChoices(strings(rs, 1), strings(rs, 2), strings(rs, 3)))
			.single();
	}

	/** Environments, template names and NO-GO classifications seen so far. */
	public record FilterChoices(List<String> environments, List<String> templates, List<String> classifications) {
	}

	private record Where(String sql, Map<String, Object> params) {
	}

	private static Where where(HistoryFilter filter, CurrentUser viewer) {
		StringBuilder sql = new StringBuilder(" where true");
		Map<String, Object> params = new LinkedHashMap<>();
		if (viewer.role() == GlobalRole.MEMBER) {
			sql.append(" and (c.created_by = :me or exists (select 1 from cutover_role r"
					+ " where r.cutover_id = c.id and r.account_id = :me))");
			params.put("me", viewer.id());
		}
		if (filter.status() != null) {
			sql.append(" and c.status = :status");
			params.put("status", filter.status().name());
		}
		if ("NONE".equals(filter.decision())) {
			sql.append(" and d.outcome is null");
		}
		else if (filter.decision() != null) {
			sql.append(" and d.outcome = :decision");
			params.put("decision", filter.decision());
		}
		if (filter.classification() != null) {
			sql.append(" and d.failure_classification = :classification");
			params.put("classification", filter.classification());
		}
		if (filter.environment() != null) {
			sql.append(" and c.environment = :environment");
			params.put("environment", filter.environment());
		}
		if (filter.template() != null) {
			sql.append(" and t.name = :template");
			params.put("template", filter.template());
		}
		if (filter.kind() != null) {
			sql.append(" and c.kind = :kind");
			params.put("kind", filter.kind().name());
		}
		if (filter.t0From() != null) {
			sql.append(" and c.t0 >= :t0From");
			params.put("t0From", OffsetDateTime.ofInstant(filter.t0From(), java.time.ZoneOffset.UTC));
		}
		if (filter.t0To() != null) {
			sql.append(" and c.t0 < :t0To");
			params.put("t0To", OffsetDateTime.ofInstant(filter.t0To(), java.time.ZoneOffset.UTC));
		}
		if (filter.text() != null) {
			sql.append(" and (c.name ilike :text escape '\\' or c.release_ref ilike :text escape '\\')");
			params.put("text", "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		return new Where(sql.toString(), params);
	}

	private static String orderBy(HistoryFilter filter) {
		String direction = filter.descending() ? " desc nulls last" : " asc nulls last";
		return " order by " + filter.sort().sql + direction + ", c.id" + (filter.descending() ? " desc" : " asc");
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Map<String, Object> params) {
		JdbcClient.StatementSpec bound = spec;
		for (Map.Entry<String, Object> param : params.entrySet()) {
			bound = bound.param(param.getKey(), param.getValue());
		}
		return bound;
	}

	private static HistoryRow row(ResultSet rs) throws SQLException {
		return new HistoryRow(rs.getLong("id"), rs.getString("name"), rs.getString("release_ref"),
				rs.getString("template_name"), rs.getString("environment"), CutoverKind.valueOf(rs.getString("kind")),
				CutoverStatus.valueOf(rs.getString("status")), instant(rs, "t0"), rs.getString("outcome"),
				rs.getString("decided_by_label"), instant(rs, "decided_at"), rs.getString("failure_classification"),
				instant(rs, "first_step"), instant(rs, "first_decided"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static List<String> strings(ResultSet rs, int column) throws SQLException {
		return List.of((String[]) rs.getArray(column).getArray());
	}

}
