package dev.tminus.risk;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.tminus.runbook.RunbookTemplate.Risk;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Copies the template's risk log into a cutover the first time it is read. Insert if
 * missing, in its own short transaction, so that it also works under a read-only caller
 * and two first readers at once insert each risk once (the unique key decides).
 */
@Component
class RiskPrefill {

	private final JdbcClient jdbc;

	private final Clock clock;

	RiskPrefill(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	boolean needed(long cutoverId, List<Risk> risks) {
		if (risks.isEmpty()) {
			return false;
		}
		long present = this.jdbc.sql("select count(*) from risk where cutover_id = ? and created_by is null")
			.param(cutoverId)
			.query(Long.class)
			.single();
		return present < risks.size();
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void prefill(long cutoverId, List<Risk> risks) {
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant().truncatedTo(ChronoUnit.MICROS),
				ZoneOffset.UTC);
		for (Risk risk : risks) {
			this.jdbc.sql("""
					insert into risk (cutover_id, risk_key, description, likelihood, impact, owner_role, mitigation,
					    created_at)
					values (:cutoverId, :key, :description, :likelihood, :impact, :owner, :mitigation, :now)
					on conflict (cutover_id, risk_key) do nothing""")
				.param("cutoverId", cutoverId)
				.param("key", risk.key())
				.param("description", risk.risk())
				.param("likelihood", risk.likelihood().name())
				.param("impact", risk.impact().name())
				.param("owner", risk.owner())
				.param("mitigation", risk.mitigation(), java.sql.Types.VARCHAR)
				.param("now", now)
				.update();
		}
	}

}
