package dev.tminus.signoff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.tminus.cutover.CutoverAccess;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.SignOff;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The required sign-offs of a cutover and where each stands. No permission check: callers
 * have checked access to the cutover.
 */
@Service
public class SignOffQueries {

	private final JdbcClient jdbc;

	private final SignOffRuns runs;

	SignOffQueries(JdbcClient jdbc, SignOffRuns runs) {
		this.jdbc = jdbc;
		this.runs = runs;
	}

	/** One status per sign-off the template requires, in template order. */
	@Transactional(readOnly = true)
	public List<SignOffStatus> statuses(long cutoverId) {
		return statuses(this.runs.get(cutoverId).template(), cutoverId);
	}

	@Transactional(readOnly = true)
	public SignOffBoard board(CutoverAccess access, long cutoverId) {
		SignOffRuns.Run run = this.runs.get(cutoverId);
		RunbookTemplate template = run.template();
		Set<String> signable = run.open() ? template.signOffs()
			.stream()
			.filter((s) -> SignOffService.mayApprove(access, s))
			.map(SignOff::key)
			.collect(Collectors.toSet()) : Set.of();
		Map<String, List<String>> items = new LinkedHashMap<>();
		template.signOffs().forEach((s) -> items.put(s.key(), s.items()));
		Map<String, SignOff> byKey = template.signOffs()
			.stream()
			.collect(Collectors.toMap(SignOff::key, Function.identity()));
		List<SignOffStatus> history = this.jdbc.sql("""
				select sign_off_key, state, signed_by_label, signed_at, comment
				from sign_off where cutover_id = ? order by id desc""")
			.param(cutoverId)
			.query((rs, row) -> status(rs, byKey.get(rs.getString("sign_off_key"))))
			.list();
		return new SignOffBoard(cutoverId, statuses(template, cutoverId), signable, items, history);
	}

	private List<SignOffStatus> statuses(RunbookTemplate template, long cutoverId) {
		Map<String, SignOff> byKey = template.signOffs()
			.stream()
			.collect(Collectors.toMap(SignOff::key, Function.identity()));
		Map<String, SignOffStatus> latest = this.jdbc.sql("""
				select distinct on (sign_off_key) sign_off_key, state, signed_by_label, signed_at, comment
				from sign_off where cutover_id = ? order by sign_off_key, id desc""")
			.param(cutoverId)
			.query((rs, row) -> status(rs, byKey.get(rs.getString("sign_off_key"))))
			.list()
			.stream()
			.collect(Collectors.toMap(SignOffStatus::key, Function.identity()));
		return template.signOffs()
			.stream()
			.map((s) -> latest.getOrDefault(s.key(),
					new SignOffStatus(s.key(), s.title(), s.role(), "PENDING", null, null, null)))
			.toList();
	}

	private static SignOffStatus status(ResultSet rs, SignOff signOff) throws SQLException {
		String key = rs.getString("sign_off_key");
		return new SignOffStatus(key, (signOff != null) ? signOff.title() : key,
				(signOff != null) ? signOff.role() : null, rs.getString("state"), rs.getString("signed_by_label"),
				rs.getTimestamp("signed_at").toInstant(), rs.getString("comment"));
	}

}
