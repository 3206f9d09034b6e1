package dev.tminus.cutover;

import java.time.Instant;

import dev.tminus.runbook.RunbookTemplate;

/**
 * A step result was recorded. Published inside the step's transaction, after its timeline
 * entry: a listener that writes (a gate that follows from its steps) commits or rolls
 * back with the step itself.
 *
 * @param template the template version the cutover runs
 * @param actorId who recorded it
 * @param actorLabel "Dana Diaz (dana)"
 */
public record StepRecorded(long cutoverId, RunbookTemplate template, String stepKey, StepStatus status, long actorId,
		String actorLabel, Instant recordedAt) {

}
