package dev.tminus.signoff;

import dev.tminus.cutover.CutoverFacts;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.runbook.RunbookTemplate;

import org.springframework.stereotype.Component;

/**
 * The template version and status of a cutover, from the cutover module.
 */
@Component
class SignOffRuns {

	private final CutoverQueries cutovers;

	SignOffRuns(CutoverQueries cutovers) {
		this.cutovers = cutovers;
	}

	Run get(long cutoverId) {
		CutoverFacts facts = this.cutovers.facts(cutoverId);
		return new Run(facts.template(), facts.status().name());
	}

	record Run(RunbookTemplate template, String status) {

		/** Sign-offs are given before the decision. */
		boolean open() {
			return "PLANNED".equals(this.status) || "IN_PROGRESS".equals(this.status);
		}

	}

}
