package dev.tminus.timeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.tminus.timeline.internal.DetailsJson;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a cutover's timeline.
 */
@Service
@Transactional(readOnly = true)
public class TimelineQueries {

	/**
	 * Rows per round trip when streaming (the driver only uses a cursor inside a
	 * transaction).
	 */
	static final int STREAM_FETCH_SIZE = 500;

	private static final String SELECT = """
			select id, cutover_id, seq, recorded_at, kind, actor_id, actor_label, on_behalf_of, result, subject_key,
			    text, details::text as details, prev_hash, hash
			from timeline_entry
			""";

	private static final RowMapper<TimelineEntryView> ENTRY = TimelineQueries::entry;

	private final JdbcClient jdbc;

	private final JdbcClient streaming;

	TimelineQueries(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(STREAM_FETCH_SIZE);
		this.streaming = JdbcClient.create(template);
	}

	/**
	 * The latest {@code limit} entries, newest first, of the given kinds (all when
	 * empty).
	 */
	public List<TimelineEntryView> entries(long cutoverId, Set<TimelineKind> kinds, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("The limit must be at least 1, not " + limit + ".");
		}
		boolean filtered = kinds != null && !kinds.isEmpty();
		JdbcClient.StatementSpec query = this.jdbc
			.sql(SELECT + "where cutover_id = :cutoverId" + (filtered ? " and kind in (:kinds)" : "")
					+ " order by seq desc limit :limit")
			.param("cutoverId", cutoverId)
			.param("limit", limit);
		if (filtered) {
			query = query.param("kinds", kinds.stream().map(TimelineKind::name).toList());
		}
		return query.query(ENTRY).list();
	}

	/**
	 * The entries recorded after {@code afterSeq}, in order (what a reconnecting board
	 * missed).
	 */
	public List<TimelineEntryView> after(long cutoverId, long afterSeq) {
		return this.jdbc.sql(SELECT + "where cutover_id = :cutoverId and seq > :afterSeq order by seq")
			.param("cutoverId", cutoverId)
			.param("afterSeq", afterSeq)
			.query(ENTRY)
			.list();
	}

	/**
	 * Up to {@code limit} entries from {@code fromSeq} on, in seq order (a page of the
	 * record).
	 */
	public List<TimelineEntryView> fromSeq(long cutoverId, long fromSeq, int limit) {
		return this.jdbc.sql(SELECT + "where cutover_id = :cutoverId and seq >= :fromSeq order by seq limit :limit")
			.param("cutoverId", cutoverId)
			.param("fromSeq", fromSeq)
			.param("limit", limit)
			.query(ENTRY)
			.list();
	}

	public long count(long cutoverId) {
		return this.jdbc.sql("select count(*) from timeline_entry where cutover_id = :cutoverId")
			.param("cutoverId", cutoverId)
			.query(Long.class)
			.single();
	}

	/**
	 * Hands every entry to {@code each} in seq order, fetching
	 * {@value #STREAM_FETCH_SIZE} rows at a time, so a timeline of any length is read in
	 * bounded memory.
	 */
	public void stream(long cutoverId, Consumer<TimelineEntryView> each) {
		this.streaming.sql(SELECT + "where cutover_id = :cutoverId order by seq")
			.param("cutoverId", cutoverId)
			.query((RowCallbackHandler) (rs) -> each.accept(entry(rs, 0)));
	}

	private static TimelineEntryView entry(ResultSet rs, int rowNum) throws SQLException {
		String result = rs.getString("result");
		return new TimelineEntryView(rs.getLong("id"), rs.getLong("cutover_id"), rs.getLong("seq"),
				rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
				TimelineKind.valueOf(rs.getString("kind")), rs.getObject("actor_id", Long.class),
				rs.getString("actor_label"), rs.getString("on_behalf_of"),
				(result != null) ? TimelineResult.valueOf(result) : null, rs.getString("subject_key"),
				rs.getString("text"), DetailsJson.read(rs.getString("details")), rs.getString("prev_hash"),
				rs.getString("hash"));
	}

}
