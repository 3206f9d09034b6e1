package dev.tminus.decision;

/**
 * What other modules do when a decision is recorded, inside its transaction (the rollback
 * triggers it answers are resolved).
 */
public interface DecisionHooks {

	void decided(long cutoverId, long decisionId, String outcome);

}
