package dev.tminus.runbook;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.tminus.runbook.RunbookTemplate.Gate;
import dev.tminus.runbook.RunbookTemplate.HypercareWindow;
import dev.tminus.runbook.RunbookTemplate.Outcome;
import dev.tminus.runbook.RunbookTemplate.RollbackTrigger;
import dev.tminus.runbook.RunbookTemplate.Step;
import dev.tminus.runbook.RunbookTemplate.TriggerAction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four shipped templates against what the seeds ({@code shared/seeds/}) hold. Counts
 * are hard-coded from the seeds, with the section they come from.
 */
class SeedRunbookTemplatesTests {

	static final RunbookTemplates TEMPLATES = RunbookTemplates.load(Path.of("config/runbooks"));

	@Test
	void shipsTheFourSeedRunbooks() {
		assertThat(TEMPLATES.all()).extracting(RunbookTemplate::key)
			.containsExactly("e2-3-reload-cutover-rehearsal", "ga-cutover", "go-live-canary-money-loop",
					"pilot-go-no-go");
	}

	@Test
	void e23RehearsalHasEveryGateClassificationAndEvidenceFileOfSeeds000And003() {
		RunbookTemplate template = template("e2-3-reload-cutover-rehearsal");

		// 003 §2 fixed inputs, §3 precheck, §4 T_cutover, §5.1-§5.6 (5.5 is one step per
		// evidence file, 200 and 404), §7 decision, rollback and summary evidence
		assertThat(template.steps()).hasSize(1 + 1 + 1 + 7 + 3);
		// 000 §2 gate matrix
		assertThat(template.gates()).extracting(Gate::key)
			.containsExactly("MIGRATION", "BACKFILL", "SYNC", "SMOKE", "IDEMPOTENCY");
		// 000 §4 rule 2
		assertThat(template.failureClassifications()).containsExactly("ENVIRONMENT_BLOCKED", "MIGRATION_FAILED",
				"BACKFILL_FAILED", "SYNC_FAILED", "SMOKE_FAILED", "IDEMPOTENCY_FAILED");
		// 003 §7 required filenames, each required by exactly one step
		assertThat(template.steps().stream().flatMap((step) -> step.evidenceFiles().stream())).containsExactly(
				"01_precheck.log", "02_alembic_upgrade.log", "03_backfill.log", "04_sync_happy.log", "05_smoke_200.log",
				"06_smoke_404.log", "07_idempotency_duplicate.log", "08_cutover_decision.log",
				"09_rollback_or_no_rollback.log", "99_summary.md");
		// 003 §7 "Each evidence file must include"
		assertThat(template.evidence().mustInclude()).containsExactly("command", "exit_code", "UTC timestamp", "owner",
				"result");
		// 000 §1 "Decision values are only GO or NO_GO"; §4 four NO_GO rules; no
		// triggers,
		// sign-offs, broadcasts or hypercare in either seed
		assertThat(template.decisionRules().outcomes()).containsExactly(Outcome.GO, Outcome.NO_GO);
		assertThat(template.decisionRules().onNoGo()).hasSize(4);
		assertThat(template.rollbackTriggers()).isEmpty();
		assertThat(template.signOffs()).isEmpty();
		assertThat(template.comms().messages()).isEmpty();
		assertThat(template.hypercare().windows()).isEmpty();
		// 003 §5.6 acceptance: BEFORE_CANON_HASH == AFTER_CANON_HASH
		assertThat(template.gate("IDEMPOTENCY").orElseThrow().measures())
			.anySatisfy((measure) -> assertThat(measure.thresholdMeasure()).isEqualTo("BEFORE_CANON_HASH"));
		// every gate-feeding step says how its failure is classified (003 "If failure:
		// ...")
		assertThat(template.steps())
			.filteredOn((step) -> step.key().matches("PRECHECK|MIGRATION|BACKFILL|SYNC_HAPPY|SMOKE_.*|IDEMPOTENCY"))
			.allSatisfy((step) -> assertThat(step.failureClassification()).isNotNull());
	}

	@Test
	void goLiveHasEveryChecklistItemTriggerAndMessageOfSeed001() {
		RunbookTemplate template = template("go-live-canary-money-loop");

		// "Cutover Preconditions" 6 + "5. Execution Checklist" 21 items (3+3+2+3+6+4) +
		// the
		// "2. Go-Live Cutover Runbook" items the checklist lacks: migration dry-run,
		// maintenance mode, migrations, dashboard load, open traffic, webhook watch,
		// error
		// budget; and the timeline's "T+60: First Hypercare Report"
		assertThat(template.steps()).hasSize(6 + 21 + 7 + 1);
		assertThat(template.stepsIn("PRECONDITIONS")).hasSize(6);
		assertThat(template.stepsIn("T-0")).hasSize(6);
		// the four broadcast checkpoints; the canary is hard (rule 2)
		assertThat(template.gates()).extracting(Gate::key)
			.containsExactly("PREFLIGHT", "BACKUP", "DEPLOY_SMOKE", "CANARY_MONEY_LOOP");
		assertThat(template.gates()).filteredOn(Gate::hard).extracting(Gate::key).containsExactly("CANARY_MONEY_LOOP");
		// §3 three triggers + decision matrix six, "Ledger Invariant" in both
		assertThat(template.rollbackTriggers()).hasSize(3 + 6 - 1);
		assertThat(template.rollbackTriggers()).filteredOn((trigger) -> trigger.action() == TriggerAction.MONITOR)
			.extracting(RollbackTrigger::key)
			.containsExactly("LATENCY_SPIKE", "QUEUE_BACKLOG");
		// none in the seed: one per checkpoint and for deploy, migration and
		// preconditions
		assertThat(template.failureClassifications()).hasSize(7);
		// §1 RC Sign-off Criteria, approved by the Payments Owner; §5's "Decider" is the
		// IC's
		// decision itself, and the decider does not approve (no self-approval)
		assertThat(template.signOffs()).singleElement().satisfies((signOff) -> {
			assertThat(signOff.role()).isEqualTo("PAYMENTS_OWNER");
			assertThat(signOff.items()).hasSize(5); // §1 RC Sign-off Criteria
		});
		// Communication Plan: start, four checkpoints, GO-LIVE, rollback; three cadences
		assertThat(template.comms().messages()).hasSize(1 + 4 + 1 + 1);
		assertThat(template.comms().cadence()).extracting(RunbookTemplate.Cadence::everyMinutes)
			.containsExactly(15, 30, 60);
		// Hypercare Routine (72h): 0-6h every 30m, 6-24h hourly, 24-72h 3x daily
		assertThat(template.hypercare().windows()).extracting(HypercareWindow::everyMinutes)
			.containsExactly(30, 60, 480);
		assertThat(template.hypercare().windows()).allSatisfy((window) -> assertThat(window.focus()).hasSize(4));
		// Go-Live Completion Criteria; "in the first 2 hours" and the "24-hour" report
		// have
		// their window after GO
		assertThat(template.completionCriteria()).hasSize(6);
		assertThat(template.completionCriteria()).filteredOn((c) -> c.notBefore() != null)
			.extracting(RunbookTemplate.CompletionCriterion::key, RunbookTemplate.CompletionCriterion::notBefore)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("NO_5XX_SPIKES", java.time.Duration.ofHours(2)),
					org.assertj.core.groups.Tuple.tuple("CONTROL_REPORT_PUBLISHED", java.time.Duration.ofHours(24)));
		// the Backup checkpoint is "all three PASS" of its checklist steps
		assertThat(template.gates()).filteredOn(Gate::fromSteps).extracting(Gate::key).containsExactly("BACKUP");
		// the IC decides and approves nothing (segregation of duties)
		assertThat(template.role("IC").orElseThrow().approver()).isFalse();
		assertThat(template.rollback().decideWithinMinutes()).isEqualTo(5);
		assertThat(template.decisionStatement()).isEqualTo("Prod deploy smoke checks PASS. Canary Money Loop"
				+ " (deposit->withdraw->approve->paid->ledger settlement) PASS. No rollback triggers observed."
				+ " GO-LIVE confirmed.");
		// the canary records the fields its checklist asks for
		assertThat(template.stepsIn("T-0")).flatExtracting(Step::fields)
			.extracting(RunbookTemplate.Field::label)
			.containsExactly("Tx ID", "ID", "Timestamp", "Timestamp", "Refs");
		// rule 1 "No skipping": every step after the preconditions waits for another
		assertThat(template.steps()).filteredOn((step) -> !step.phase().equals("PRECONDITIONS"))
			.allSatisfy((step) -> assertThat(step.dependsOn()).isNotEmpty());
	}

	@Test
	void gaCutoverHasGatesG1ToG8ApproversTriggersAndRisksOfSeed002() {
		RunbookTemplate template = template("ga-cutover");

		// §3 timeline bullets (T-24h 3, T-12h 2, T-2h 2, T-0 2, T+0..2h 4, T+2h..24h 2,
		// post T+24h 4), §11 evidence links 1, §12 T+2h 3 and T+24h 2 (one is the §3
		// reopening of deferred changes), retro 1
		assertThat(template.steps()).hasSize(3 + 2 + 2 + 2 + 4 + 2 + 4 + 1 + 3 + 2 + 1);
		// §2 decision matrix
		assertThat(template.gates()).hasSize(8);
		assertThat(template.gates()).extracting(Gate::group).containsOnly("Go/No-Go Decision Matrix");
		// G2 thresholds X, Y, Z are run parameters
		assertThat(template.gate("G2_K6_PERF").orElseThrow().measures()).extracting(RunbookTemplate.Measure::threshold)
			.containsExactly("${P95_LATENCY_MS_MAX}", "${ERROR_RATE_PCT_MAX}", "${TPS_MIN}");
		// §4 instant rollback triggers
		assertThat(template.rollbackTriggers()).hasSize(4)
			.allSatisfy((trigger) -> assertThat(trigger.action()).isEqualTo(TriggerAction.IMMEDIATE_ROLLBACK));
		// none in the seed: one per gate
		assertThat(template.failureClassifications()).hasSize(8);
		// §2 Approvers: PM, Eng Mgr, SRE, Sec, FinOps, Support
		assertThat(template.signOffs()).extracting(RunbookTemplate.SignOff::key)
			.containsExactly("PM", "ENG_MGR", "SRE", "SEC", "FINOPS", "SUPPORT");
		// §10 status page maintenance/incident/resolved, customer email, heads-up; §3 GA
		// announcement
		assertThat(template.comms().messages()).hasSize(6);
		// §3 T+0 to T+2h and T+2h to T+24h, no cadence given
		assertThat(template.hypercare().windows()).hasSize(2)
			.allSatisfy((window) -> assertThat(window.everyMinutes()).isNull());
		// §1 Primary Success Criteria; "Zero unresolved Sev-1/Sev-2 incidents in T+24
		// window"
		assertThat(template.completionCriteria()).hasSize(5);
		assertThat(template.completionCriteria()).filteredOn((c) -> c.notBefore() != null)
			.extracting(RunbookTemplate.CompletionCriterion::key)
			.containsExactly("NO_UNRESOLVED_SEV1_SEV2");
		// Appendix B
		assertThat(template.risks()).extracting(RunbookTemplate.Risk::key).containsExactly("R-01", "R-02", "R-03");
		// §10 staffing table, plus PM, Eng Mgr, Sec Eng, DR Lead, IC and scribe
		assertThat(template.roles()).hasSize(7 + 6);
		assertThat(template.rollback().backoutMinutes()).isEqualTo(60);
	}

	@Test
	void pilotHasThirteenGatesInThreeGroupsAndTheSignOffsOfSeed004() {
		RunbookTemplate template = template("pilot-go-no-go");

		// Critical Path Checks 4, Deployment Command 4, Post-Deployment Monitoring 1
		assertThat(template.steps()).hasSize(4 + 4 + 1);
		// Objective Gates: Technical 5, Integration 4, Operational 4
		assertThat(template.gates()).hasSize(13);
		assertThat(template.gates().stream().filter((gate) -> gate.group().equals("Technical Readiness"))).hasSize(5);
		assertThat(template.gates().stream().filter((gate) -> gate.group().equals("Integration Readiness"))).hasSize(4);
		assertThat(template.gates().stream().filter((gate) -> gate.group().equals("Operational Readiness"))).hasSize(4);
		// Rollback Decision Tree
		assertThat(template.rollbackTriggers()).hasSize(4);
		// none in the seed: drawn from the gates and the stall playbook
		assertThat(template.failureClassifications()).hasSize(8);
		// Operations, Product and Security, four checkboxes each
		assertThat(template.signOffs()).hasSize(3).allSatisfy((signOff) -> assertThat(signOff.items()).hasSize(4));
		// no broadcasts and no hypercare schedule in the seed; its four alert thresholds
		assertThat(template.comms().messages()).isEmpty();
		assertThat(template.hypercare().windows()).isEmpty();
		assertThat(template.hypercare().alerts()).hasSize(4);
		// Success Criteria Verification: 4 performance thresholds, 5 functional
		// requirements
		assertThat(template.completionCriteria()).hasSize(4 + 5);
		// Final Checklist
		assertThat(template.decisionRules().go()).hasSize(5);
		assertThat(template.rollback().backoutMinutes()).isEqualTo(5);
		assertThat(template.gate("METRICS_WITHIN_THRESHOLDS").orElseThrow().measures())
			.extracting(RunbookTemplate.Measure::threshold)
			.containsExactly("500", "150", "600", "Identical");
	}

	@Test
	void everyRunbookHasAnIcAScribeAndADecisionStatement() {
		for (RunbookTemplate template : TEMPLATES.all()) {
			assertThat(template.decisionStatement()).as(template.key()).isNotBlank();
			assertThat(template.roles()).as(template.key())
				.extracting(RunbookTemplate.Role::key)
				.contains("IC", "SCRIBE");
		}
	}

	private static RunbookTemplate template(String key) {
		return TEMPLATES.find(key).orElseThrow();
	}

}
