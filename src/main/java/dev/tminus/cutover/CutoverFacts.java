package dev.tminus.cutover;

import java.time.Instant;
import java.util.Map;

import dev.tminus.runbook.RunbookTemplate;

/**
 * What other modules need to know of a cutover to apply their own rules: the exact
 * template version it runs, its status, T-0 and run parameters. Not a permission check.
 */
public record CutoverFacts(long id, RunbookTemplate template, CutoverStatus status, Instant t0,
		Map<String, String> parameters) {

}
