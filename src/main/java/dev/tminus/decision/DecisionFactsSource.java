package dev.tminus.decision;

import dev.tminus.account.CurrentUser;

/**
 * Gathers what the policy needs from the modules that own it (gates, steps, sign-offs,
 * triggers), at the moment of the decision.
 */
public interface DecisionFactsSource {

	DecisionFacts facts(long cutoverId, CurrentUser viewer);

}
