package dev.tminus.hypercare;

/**
 * A completion criterion ticked by its owner.
 *
 * @param criterionKey the template's criterion key, e.g. {@code QUEUE_UNDER_CONTROL}
 * @param note optional reference (dashboard, report), at most 2000 characters
 */
public record TickCriterion(String criterionKey, String note) {

}
