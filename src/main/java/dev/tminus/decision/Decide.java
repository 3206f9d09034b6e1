package dev.tminus.decision;

/**
 * The IC's decision as submitted. {@code password} is the step-up: the IC retypes it.
 */
public record Decide(String outcome, String password, String failureClassification, String owner, String retryAt,
		String unblockCriteria, String triggerRef, String reason, String notes) {

}
