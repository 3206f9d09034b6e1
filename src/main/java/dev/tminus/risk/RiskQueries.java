package dev.tminus.risk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tminus.cutover.CutoverAccess;
import dev.tminus.runbook.RunbookTemplate.Risk;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The risk log of a cutover, pre-filled from its template when first read. No permission
 * check: callers have checked access to the cutover.
 */
@Service
public class RiskQueries {

	private final JdbcClient jdbc;

	private final RiskRuns runs;

	private final RiskPrefill prefill;

	RiskQueries(JdbcClient jdbc, RiskRuns runs, RiskPrefill prefill) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.prefill = prefill;
	}

	/**
	 * The risk log: the template's risks in template order (as recorded once someone
	 * changed them, otherwise as the runbook states them, OPEN), then the risks added
	 * during the cutover. Reading writes nothing (auditors read too); the template's
	 * risks are stored when the first change is recorded.
	 */
	@Transactional(readOnly = true)
	public List<RiskView> forCutover(long cutoverId) {
		List<RiskView> stored = select(cutoverId, "");
		Map<String, RiskView> byKey = stored.stream()
			.collect(Collectors.toMap(RiskView::key, (risk) -> risk, (a, b) -> a, LinkedHashMap::new));
		List<RiskView> log = new ArrayList<>();
		Set<String> fromTemplate = new HashSet<>();
		for (Risk risk : this.runs.get(cutoverId).template().risks()) {
			fromTemplate.add(risk.key());
			RiskView recorded = byKey.get(risk.key());
			log.add((recorded != null) ? recorded : new RiskView(0, risk.key(), risk.risk(), risk.likelihood().name(),
					risk.impact().name(), risk.owner(), risk.mitigation(), "OPEN", true));
		}
		stored.stream().filter((risk) -> !fromTemplate.contains(risk.key())).forEach(log::add);
		return log;
	}

	/** Open risks with high impact: what the decision should look at before GO. */
	@Transactional(readOnly = true)
	public List<RiskView> openHighImpact(long cutoverId) {
		return forCutover(cutoverId).stream().filter((risk) -> risk.open() && risk.highImpact()).toList();
	}

	@Transactional(readOnly = true)
	public RiskBoard board(CutoverAccess access, long cutoverId) {
		RiskRuns.Run run = this.runs.get(cutoverId);
		List<RiskView> risks = forCutover(cutoverId);
		Set<String> changeable = risks.stream()
			.filter((r) -> RiskService.mayChange(access, r.ownerRole()))
			.map(RiskView::key)
			.collect(Collectors.toSet());
		return new RiskBoard(cutoverId, risks, RiskService.mayAdd(access), changeable, run.template().roles());
	}

	void ensurePrefilled(long cutoverId) {
		var risks = this.runs.get(cutoverId).template().risks();
		if (this.prefill.needed(cutoverId, risks)) {
			this.prefill.prefill(cutoverId, risks);
		}
	}

	private List<RiskView> select(long cutoverId, String condition) {
		return this.jdbc.sql("""
				select id, risk_key, description, likelihood, impact, owner_role, mitigation, status, created_by
				from risk where cutover_id = ?""" + condition + " order by id")
			.param(cutoverId)
			.query((rs, row) -> new RiskView(rs.getLong("id"), rs.getString("risk_key"), rs.getString("description"),
					rs.getString("likelihood"), rs.getString("impact"), rs.getString("owner_role"),
					rs.getString("mitigation"), rs.getString("status"), rs.getObject("created_by") == null))
			.list();
	}

}
