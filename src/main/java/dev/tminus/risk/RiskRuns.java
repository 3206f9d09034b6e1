package dev.tminus.risk;

import dev.tminus.cutover.CutoverFacts;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.runbook.RunbookTemplate;

import org.springframework.stereotype.Component;

/**
 * The template version and status of a cutover, from the cutover module.
 */
@Component
class RiskRuns {

	private final CutoverQueries cutovers;

	RiskRuns(CutoverQueries cutovers) {
		this.cutovers = cutovers;
	}

	Run get(long cutoverId) {
		CutoverFacts facts = this.cutovers.facts(cutoverId);
		return new Run(facts.template(), facts.status().name());
	}

	record Run(RunbookTemplate template, String status) {

		boolean running() {
			return "IN_PROGRESS".equals(this.status) || "GO".equals(this.status);
		}

	}

}
