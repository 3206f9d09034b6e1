package dev.tminus.cutover;

import java.util.List;

import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Step;

/**
 * The evidence a step requires and lacks, answered by the module that keeps evidence (by
 * its one rule for "required evidence is present"), so that PASS of an
 * {@code evidence_required} step is refused without it.
 */
public interface StepEvidence {

	/**
	 * @return the required entries nothing attached stands for yet, in template order
	 */
	List<String> missing(long cutoverId, RunbookTemplate template, Step step);

}
