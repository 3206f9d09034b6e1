package dev.tminus.decision;

import java.util.List;

/**
 * What the decision policy looks at, gathered from the other modules at the moment the IC
 * decides. Plain data, so the rules can be tested rule by rule without a database.
 *
 * @param status the cutover's status now
 * @param gates every gate of the template with its effective result
 * @param stepsBeforeT0 every step in a phase before T-0
 * @param signOffs every required sign-off
 * @param openTriggers rollback triggers observed and not yet decided on
 * @param dutyConflicts how the IC would decide what they approve (segregation of duties)
 */
public record DecisionFacts(String status, List<GateFact> gates, List<StepFact> stepsBeforeT0,
		List<SignOffFact> signOffs, List<String> openTriggers, List<String> dutyConflicts) {

	public DecisionFacts {
		gates = List.copyOf(gates);
		stepsBeforeT0 = List.copyOf(stepsBeforeT0);
		signOffs = List.copyOf(signOffs);
		openTriggers = List.copyOf(openTriggers);
		dutyConflicts = List.copyOf(dutyConflicts);
	}

	public DecisionFacts(String status, List<GateFact> gates, List<StepFact> stepsBeforeT0, List<SignOffFact> signOffs,
			List<String> openTriggers) {
		this(status, gates, stepsBeforeT0, signOffs, openTriggers, List.of());
	}

	/**
	 * A gate as it stands: PASS, FAIL or PENDING, with why it is not PASS, and every FAIL
	 * recorded before its latest result (who, when, why).
	 */
	public record GateFact(String key, String title, boolean hard, String verdict, List<String> reasons,
			List<String> earlierFails) {

		public GateFact {
			reasons = List.copyOf(reasons);
			earlierFails = List.copyOf(earlierFails);
		}

		public GateFact(String key, String title, boolean hard, String verdict, List<String> reasons) {
			this(key, title, hard, verdict, reasons, List.of());
		}

	}

	/**
	 * A step: PASS, FAIL, NA or PENDING, and the evidence files it requires but lacks.
	 */
	public record StepFact(String key, String title, String phase, String status, List<String> missingEvidence) {

		public StepFact {
			missingEvidence = List.copyOf(missingEvidence);
		}

		public StepFact(String key, String title, String phase, String status) {
			this(key, title, phase, status, List.of());
		}

	}

	/** A sign-off: GIVEN, REFUSED or PENDING. */
	public record SignOffFact(String key, String title, String state) {

	}

}
