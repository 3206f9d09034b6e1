package dev.tminus.signoff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tminus.cutover.SignOffsGiven;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the cutover module who gave which sign-off, for segregation of duties. Every
 * GIVEN record counts, also one a later refusal superseded: the person approved.
 */
@Component
class SignOffLedger implements SignOffsGiven {

	private final JdbcClient jdbc;

	SignOffLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<String> by(long cutoverId, long accountId) {
		return this.jdbc.sql("""
				select distinct sign_off_key from sign_off
				 where cutover_id = ? and signed_by = ? and state = 'GIVEN' order by sign_off_key""")
			.params(cutoverId, accountId)
			.query(String.class)
			.list();
	}

	@Override
	public Map<Long, List<String>> all(long cutoverId) {
		Map<Long, List<String>> given = new LinkedHashMap<>();
		this.jdbc.sql("""
				select distinct signed_by, sign_off_key from sign_off
				 where cutover_id = ? and state = 'GIVEN' order by signed_by, sign_off_key""")
			.param(cutoverId)
			.query((rs, row) -> given.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>()).add(rs.getString(2)))
			.list();
		return given;
	}

}
