package dev.tminus.decision;

import java.util.List;

import dev.tminus.decision.DecisionFacts.GateFact;
import dev.tminus.decision.DecisionFacts.SignOffFact;
import dev.tminus.decision.DecisionFacts.StepFact;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionPolicyTests {

	static GateFact gate(String title, String verdict, String... reasons) {
		return new GateFact(title.toUpperCase(), title, false, verdict, List.of(reasons));
	}

	static DecisionFacts allGreen() {
		return new DecisionFacts("IN_PROGRESS",
				List.of(gate("Migration", "PASS"), new GateFact("CANARY", "Canary", true, "PASS", List.of())),
				List.of(new StepFact("SNAP", "Snapshot", "T-30", "PASS"), new StepFact("DRY", "Dry run", "T-30", "NA")),
				List.of(new SignOffFact("PM", "PM", "GIVEN")), List.of());
	}

	@Test
	void allowsGoWhenEverythingHolds() {
		assertThat(DecisionPolicy.reasonsToRefuseGo(allGreen())).isEmpty();
	}

	@Test
	void refusesGoWhileAGateIsFailing() {
		DecisionFacts facts = new DecisionFacts("IN_PROGRESS",
				List.of(gate("Idempotency", "FAIL", "BEFORE_CANON_HASH abc is not == AFTER_CANON_HASH def")), List.of(),
				List.of(), List.of());
		assertThat(DecisionPolicy.reasonsToRefuseGo(facts))
			.containsExactly("Gate Idempotency FAILED: BEFORE_CANON_HASH abc is not == AFTER_CANON_HASH def.");
	}

	@Test
	void refusesGoWhileAGateHasNoResult() {
		DecisionFacts facts = new DecisionFacts("IN_PROGRESS", List.of(gate("Smoke", "PENDING")), List.of(), List.of(),
				List.of());
		assertThat(DecisionPolicy.reasonsToRefuseGo(facts)).containsExactly("Gate Smoke has no PASS yet.");
	}

	@Test
	void aMissingEvidenceFileCountsAsFailure() {
		DecisionFacts facts = new DecisionFacts("IN_PROGRESS",
				List.of(gate("Smoke", "FAIL", "missing evidence: 06_smoke_404.log")), List.of(), List.of(), List.of());
		assertThat(DecisionPolicy.reasonsToRefuseGo(facts)).singleElement()
			.asString()
			.contains("missing evidence: 06_smoke_404.log");
	}

	@Test
	void aFailedHardGateIsNamedAsNeverOverridable() {
		DecisionFacts facts = new DecisionFacts("IN_PROGRESS",
				List.of(new GateFact("CANARY", "Canary Money Loop", true, "FAIL", List.of())), List.of(), List.of(),
				List.of());
		assertThat(DecisionPolicy.reasonsToRefuseGo(facts)).singleElement()
			.asString()
			.contains("Hard gate Canary Money Loop FAILED")
			.contains("never be overridden");
	}

	@Test
	void refusesGoWhileAStepBeforeT0IsNotDoneOrFailed() {
		DecisionFacts facts = new DecisionFacts("IN_PROGRESS", List.of(),
				List.of(new StepFact("A", "Snapshot", "T-30", "PENDING"), new StepFact("B", "Deploy", "T-15", "FAIL")),
				List.of(), List.of());
		assertThat(DecisionPolicy.reasonsToRefuseGo(facts)).containsExactly("Step Snapshot (T-30) is not done.",
				"Step Deploy (T-15) FAILED.");
	}

	@Test
	void aStepBeforeT0MissingItsEvidenceFileBlocksGo() {
		DecisionFacts facts = new DecisionFacts("IN_PROGRESS", List.of(),
				List.of(new StepFact("PRECHECK", "Precheck", "T-30", "PASS", List.of("01_precheck.log"))), List.of(),
				List.of());
		assertThat(DecisionPolicy.reasonsToRefuseGo(facts))
			.containsExactly("Step Precheck (T-30): missing evidence: 01_precheck.log.");
	}

	@Test
	void refusesGoWithoutEveryRequiredSignOff() {
		DecisionFacts facts = new DecisionFacts("IN_PROGRESS", List.of(), List.of(),
				List.of(new SignOffFact("SEC", "Security", "PENDING"), new SignOffFact("PM", "PM", "REFUSED")),
				List.of());
		assertThat(DecisionPolicy.reasonsToRefuseGo(facts)).containsExactly("Sign-off Security is PENDING.",
				"Sign-off PM is REFUSED.");
	}

	@Test
	void refusesGoWhileARollbackTriggerIsOpen() {
		DecisionFacts facts = new DecisionFacts("IN_PROGRESS", List.of(), List.of(), List.of(),
				List.of("Payout Failure Rate > 15%"));
		assertThat(DecisionPolicy.reasonsToRefuseGo(facts))
			.containsExactly("Rollback trigger open: Payout Failure Rate > 15%.");
	}

	@Test
	void refusesGoWhileTheIcWouldDecideWhatTheyApproved() {
		DecisionFacts facts = new DecisionFacts("IN_PROGRESS", List.of(), List.of(), List.of(), List.of(),
				List.of("Segregation of duties: the Incident Commander Pat (pat) gave the sign-off 'RC'."));
		assertThat(DecisionPolicy.reasonsToRefuseGo(facts)).singleElement()
			.asString()
			.startsWith("Segregation of duties");
	}

	@Test
	void listsTheEarlierFailsOfGatesWithoutRefusingGo() {
		DecisionFacts facts = new DecisionFacts("IN_PROGRESS",
				List.of(new GateFact("SMOKE", "Smoke", false, "PASS", List.of(),
						List.of("FAIL by Dana Diaz (dana) at 2026-11-22T21:03:00Z: HTTP 500 is not == 200"))),
				List.of(), List.of(), List.of());
		assertThat(DecisionPolicy.reasonsToRefuseGo(facts)).isEmpty();
		assertThat(DecisionPolicy.earlierFails(facts))
			.containsExactly("Gate Smoke: FAIL by Dana Diaz (dana) at 2026-11-22T21:03:00Z: HTTP 500 is not == 200.");
	}

	@Test
	void refusesGoOutsideARunningCutover() {
		DecisionFacts facts = new DecisionFacts("PLANNED", List.of(), List.of(), List.of(), List.of());
		assertThat(DecisionPolicy.reasonsToRefuseGo(facts)).singleElement().asString().contains("PLANNED");
	}

	@Test
	void listsEveryReasonAtOnce() {
		DecisionFacts facts = new DecisionFacts("IN_PROGRESS", List.of(gate("Smoke", "FAIL")),
				List.of(new StepFact("A", "Snapshot", "T-30", "PENDING")),
				List.of(new SignOffFact("PM", "PM", "PENDING")), List.of("Ledger breach"));
		assertThat(DecisionPolicy.reasonsToRefuseGo(facts)).hasSize(4);
	}

}
