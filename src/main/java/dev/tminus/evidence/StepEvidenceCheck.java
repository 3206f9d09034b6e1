package dev.tminus.evidence;

import java.util.List;

import dev.tminus.cutover.StepEvidence;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Step;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers the cutover module which evidence a step still lacks. Reads the rows itself
 * (the cutover service is not needed for that, and needs this).
 */
@Component
class StepEvidenceCheck implements StepEvidence {

	private final JdbcClient jdbc;

	StepEvidenceCheck(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<String> missing(long cutoverId, RunbookTemplate template, Step step) {
		if (!step.evidenceRequired()) {
			return List.of();
		}
		List<EvidenceView> evidence = this.jdbc.sql(EvidenceQueries.SELECT + " where e.cutover_id = ? order by e.id")
			.param(cutoverId)
			.query((rs, row) -> EvidenceQueries.view(rs))
			.list();
		return RequiredEvidence.missing(template, step, evidence);
	}

}
