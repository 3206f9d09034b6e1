package dev.tminus.decision;

import java.util.ArrayList;
import java.util.List;

import dev.tminus.decision.DecisionFacts.GateFact;
import dev.tminus.decision.DecisionFacts.SignOffFact;
import dev.tminus.decision.DecisionFacts.StepFact;

/**
 * The one place that says whether GO may be signed. It returns every reason GO is
 * refused, so the IC sees the whole list at once, never only the first.
 */
public final class DecisionPolicy {

	private DecisionPolicy() {
	}

	/**
	 * The FAILs recorded before each gate's latest result: they no longer decide a gate
	 * that is not hard, but the IC sees each, with who recorded it, before signing.
	 */
	public static List<String> earlierFails(DecisionFacts facts) {
		List<String> fails = new ArrayList<>();
		for (GateFact gate : facts.gates()) {
			gate.earlierFails().forEach((fail) -> fails.add("Gate " + gate.title() + ": " + fail + "."));
		}
		return fails;
	}

	public static List<String> reasonsToRefuseGo(DecisionFacts facts) {
		List<String> reasons = new ArrayList<>();
		if (!"IN_PROGRESS".equals(facts.status())) {
			reasons.add("The cutover is " + facts.status() + ": GO is signed only while it is IN_PROGRESS.");
		}
		for (GateFact gate : facts.gates()) {
			if ("PASS".equals(gate.verdict())) {
				continue;
			}
			String why = gate.reasons().isEmpty() ? "" : ": " + String.join("; ", gate.reasons());
			if ("FAIL".equals(gate.verdict()) && gate.hard()) {
				reasons.add("Hard gate " + gate.title() + " FAILED" + why
						+ ". A hard gate can never be overridden: the way on is NO-GO or ROLLBACK, then a retry with"
						+ " a new T-0.");
			}
			else if ("FAIL".equals(gate.verdict())) {
				reasons.add("Gate " + gate.title() + " FAILED" + why + ".");
			}
			else {
				reasons.add("Gate " + gate.title() + " has no PASS yet" + why + ".");
			}
		}
		for (StepFact step : facts.stepsBeforeT0()) {
			if ("FAIL".equals(step.status())) {
				reasons.add("Step " + step.title() + " (" + step.phase() + ") FAILED.");
			}
			else if (!"PASS".equals(step.status()) && !"NA".equals(step.status())) {
				reasons.add("Step " + step.title() + " (" + step.phase() + ") is not done.");
			}
			if (!"NA".equals(step.status()) && !step.missingEvidence().isEmpty()) {
				reasons.add("Step " + step.title() + " (" + step.phase() + "): missing evidence: "
						+ String.join(", ", step.missingEvidence()) + ".");
			}
		}
		for (SignOffFact signOff : facts.signOffs()) {
			if (!"GIVEN".equals(signOff.state())) {
				reasons.add("Sign-off " + signOff.title() + " is " + signOff.state() + ".");
			}
		}
		for (String trigger : facts.openTriggers()) {
			reasons.add("Rollback trigger open: " + trigger + ".");
		}
		for (String conflict : facts.dutyConflicts()) {
			reasons.add(conflict);
		}
		return reasons;
	}

}
