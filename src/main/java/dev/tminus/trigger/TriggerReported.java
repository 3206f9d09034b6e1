package dev.tminus.trigger;

import java.time.Instant;

import dev.tminus.runbook.RunbookTemplate.TriggerAction;

/**
 * A rollback trigger was reported. Published inside the report's transaction: a listener
 * that writes (the webhook outbox) commits or rolls back with the report itself.
 *
 * @param triggerId the report
 * @param cutoverId its cutover
 * @param key the template's trigger key, or {@code null} for free text
 * @param title what was observed
 * @param action immediate rollback or monitor
 * @param note what was seen, where
 * @param reportedBy who reported it, "Dana Diaz (dana)"
 * @param reportedAt when
 * @param decideBy when the IC's decision is due ({@code null} for a monitor trigger)
 */
public record TriggerReported(long triggerId, long cutoverId, String key, String title, TriggerAction action,
		String note, String reportedBy, Instant reportedAt, Instant decideBy) {

}
