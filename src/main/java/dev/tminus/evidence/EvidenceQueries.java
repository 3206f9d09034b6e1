package dev.tminus.evidence;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverService;
import dev.tminus.shared.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evidence metadata, and file content streamed in chunks.
 */
@Service
public class EvidenceQueries {

	/** Read per round trip while streaming a file: memory stays bounded by this. */
	static final int CHUNK_BYTES = 1024 * 1024;

	static final String SELECT = """
			select e.id, e.cutover_id, e.step_key, e.gate_key, e.kind, e.name, e.url, e.sha256, e.size_bytes,
			       e.content_type, e.command, e.exit_code, e.measured_at, e.owner_label, e.result, e.uploaded_by,
			       a.display_name || ' (' || a.username || ')' as uploaded_by_label, e.uploaded_at
			  from evidence e join account a on a.id = e.uploaded_by
			""";

	private final JdbcClient jdbc;

	private final CutoverService cutovers;

	EvidenceQueries(JdbcClient jdbc, CutoverService cutovers) {
		this.jdbc = jdbc;
		this.cutovers = cutovers;
	}

	/** Every piece of evidence of a cutover, oldest first, in one query. */
	@Transactional(readOnly = true)
	public List<EvidenceView> forCutover(long cutoverId) {
		return this.jdbc.sql(SELECT + " where e.cutover_id = ? order by e.id")
			.param(cutoverId)
			.query((rs, row) -> view(rs))
			.list();
	}

	/**
	 * One piece of evidence, for a person who may read the cutover (as the board).
	 * @throws NotFoundException when the cutover is not theirs to read, or the evidence
	 * is not of that cutover
	 */
	@Transactional(readOnly = true)
	public EvidenceView readable(long cutoverId, long evidenceId, CurrentUser user) {
		this.cutovers.access(cutoverId, user);
		return this.jdbc.sql(SELECT + " where e.id = ? and e.cutover_id = ?")
			.params(evidenceId, cutoverId)
			.query((rs, row) -> view(rs))
			.optional()
			.orElseThrow(() -> new NotFoundException("No evidence " + evidenceId));
	}

	/**
	 * Whether a file's content is stored (an integrity check tells a lost blob apart).
	 */
	@Transactional(readOnly = true)
	public boolean hasContent(long evidenceId) {
		return this.jdbc.sql("select exists (select 1 from evidence_blob where evidence_id = ?)")
			.param(evidenceId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Writes a file's content to {@code out}, one chunk of at most {@value #CHUNK_BYTES}
	 * bytes at a time (the column is stored uncompressed, so each chunk reads only its
	 * own pages). Does nothing for a link.
	 */
	@Transactional(readOnly = true)
	public void streamContent(long evidenceId, OutputStream out) {
		Long length = this.jdbc.sql("select octet_length(content) from evidence_blob where evidence_id = ?")
			.param(evidenceId)
			.query(Long.class)
			.optional()
			.orElse(0L);
		try {
			for (long from = 0; from < length; from += CHUNK_BYTES) {
				byte[] chunk = this.jdbc.sql(
						"select substring(content from cast(? as integer) for cast(? as integer)) from evidence_blob where evidence_id = ?")
					.params(from + 1, CHUNK_BYTES, evidenceId)
					.query((rs, row) -> rs.getBytes(1))
					.single();
				out.write(chunk);
			}
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static EvidenceView view(ResultSet rs) throws SQLException {
		return new EvidenceView(rs.getLong("id"), rs.getLong("cutover_id"), rs.getString("step_key"),
				rs.getString("gate_key"), EvidenceView.Kind.valueOf(rs.getString("kind")), rs.getString("name"),
				rs.getString("url"), rs.getString("sha256"), (Long) rs.getObject("size_bytes"),
				rs.getString("content_type"), rs.getString("command"), (Integer) rs.getObject("exit_code"),
				instant(rs, "measured_at"), rs.getString("owner_label"), rs.getString("result"),
				rs.getLong("uploaded_by"), rs.getString("uploaded_by_label"), instant(rs, "uploaded_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
