package dev.tminus.decision;

import java.util.List;

/**
 * What the Decide page shows before the IC signs.
 *
 * @param refusals every reason GO would be refused now (empty: GO may be signed)
 * @param earlierFails FAILs recorded before a gate's latest result, with who and when
 */
public record GoReadiness(List<String> refusals, List<String> earlierFails) {

	public GoReadiness {
		refusals = List.copyOf(refusals);
		earlierFails = List.copyOf(earlierFails);
	}

}
