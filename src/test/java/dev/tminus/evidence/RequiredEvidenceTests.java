package dev.tminus.evidence;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Step;
import dev.tminus.runbook.RunbookTemplates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one rule for "the required evidence is present", case by case, on the seed
 * templates themselves.
 */
class RequiredEvidenceTests {

	static final RunbookTemplates TEMPLATES = RunbookTemplates.load(Path.of("config/runbooks"));

	static final RunbookTemplate E23 = TEMPLATES.find("e2-3-reload-cutover-rehearsal").orElseThrow();

	static final RunbookTemplate GO_LIVE = TEMPLATES.find("go-live-canary-money-loop").orElseThrow();

	static final RunbookTemplate PILOT = TEMPLATES.find("pilot-go-no-go").orElseThrow();

	static final RunbookTemplate GA = TEMPLATES.find("ga-cutover").orElseThrow();

	@Test
	void aFileOfTheNamedNameOnTheStepIsPresentForTheStepAndForTheGateThatListsIt() {
		List<EvidenceView> evidence = List.of(file("MIGRATION", null, "02_alembic_upgrade.log"));
		assertThat(RequiredEvidence.missing(E23, step(E23, "MIGRATION"), evidence)).isEmpty();
		assertThat(RequiredEvidence.missing(E23.gate("MIGRATION").orElseThrow(), evidence)).isEmpty();
	}

	@Test
	void evidenceOnAGateCountsForTheStepsItLists() {
		List<EvidenceView> evidence = List.of(file(null, "CANARY_MONEY_LOOP", "canary_report.md"));
		assertThat(RequiredEvidence.missing(GO_LIVE, step(GO_LIVE, "CANARY_REPORT"), evidence)).isEmpty();
		assertThat(RequiredEvidence.missing(GO_LIVE.gate("CANARY_MONEY_LOOP").orElseThrow(), evidence)).isEmpty();
	}

	@Test
	void aRequiredPathIsMatchedByItsFileName() {
		RunbookTemplate.Gate rollbackPlan = PILOT.gate("ROLLBACK_PLAN_AVAILABLE").orElseThrow();
		assertThat(rollbackPlan.evidenceFiles()).containsExactly("artifacts/rollback.md");
		assertThat(
				RequiredEvidence.missing(rollbackPlan, List.of(file(null, "ROLLBACK_PLAN_AVAILABLE", "rollback.md"))))
			.isEmpty();
		assertThat(RequiredEvidence.missing(rollbackPlan, List.of(file(null, "ROLLBACK_PLAN_AVAILABLE", "plan.md"))))
			.containsExactly("artifacts/rollback.md");
	}

	@Test
	void aLinkNamedAfterTheDescribedEvidenceIsPresent() {
		RunbookTemplate.Gate slo = GA.gate("G1_SLO_READINESS").orElseThrow();
		assertThat(RequiredEvidence.missing(slo, List.of(link(null, "G1_SLO_READINESS", "SLO snapshots")))).isEmpty();
	}

	@Test
	void anotherNameOrAnotherCaseIsNotPresent() {
		assertThat(
				RequiredEvidence.missing(E23, step(E23, "PRECHECK"), List.of(file("PRECHECK", null, "precheck.txt"))))
			.containsExactly("01_precheck.log");
		assertThat(RequiredEvidence.missing(E23, step(E23, "PRECHECK"),
				List.of(file("PRECHECK", null, "01_PRECHECK.LOG"))))
			.containsExactly("01_precheck.log");
	}

	@Test
	void evidenceOnAnotherStepOrAnotherGateDoesNotCount() {
		List<EvidenceView> evidence = List.of(file("BACKFILL", null, "02_alembic_upgrade.log"),
				file(null, "SYNC", "02_alembic_upgrade.log"));
		assertThat(RequiredEvidence.missing(E23, step(E23, "MIGRATION"), evidence))
			.containsExactly("02_alembic_upgrade.log");
		assertThat(RequiredEvidence.missing(E23.gate("MIGRATION").orElseThrow(), evidence))
			.containsExactly("02_alembic_upgrade.log");
	}

	@Test
	void aStepThatRequiresEvidenceWithoutNamingItNeedsAnyEvidenceOfItsOwn() {
		Step step = new Step("SNAPSHOT", "T-30", "Snapshot", "DB_OWNER", "", List.of(), true, List.of(), List.of(),
				null, false);
		RunbookTemplate template = E23;
		assertThat(RequiredEvidence.missing(template, step, List.of(file("OTHER", null, "x.log"))))
			.containsExactly(RequiredEvidence.ANY);
		assertThat(RequiredEvidence.missing(template, step, List.of(link("SNAPSHOT", null, "console")))).isEmpty();
	}

	@Test
	void standsForNamesTheFirstRequiredEntryAPieceOfEvidenceIs() {
		assertThat(RequiredEvidence.standsFor(List.of("05_smoke_200.log", "06_smoke_404.log"),
				file(null, "SMOKE", "06_smoke_404.log")))
			.contains("06_smoke_404.log");
		assertThat(RequiredEvidence.standsFor(List.of("artifacts/rollback.md"), file(null, "X", "rollback.md")))
			.contains("artifacts/rollback.md");
		assertThat(RequiredEvidence.standsFor(List.of("05_smoke_200.log"), file(null, "SMOKE", "smoke.log"))).isEmpty();
	}

	static Step step(RunbookTemplate template, String key) {
		return template.step(key).orElseThrow();
	}

	static EvidenceView file(String stepKey, String gateKey, String name) {
		return new EvidenceView(1, 1, stepKey, gateKey, EvidenceView.Kind.FILE, name, null, "a".repeat(64), 10L,
				"text/plain", null, null, null, "owner", null, 1, "Dana Diaz (dana)", Instant.EPOCH);
	}

	static EvidenceView link(String stepKey, String gateKey, String name) {
		return new EvidenceView(2, 1, stepKey, gateKey, EvidenceView.Kind.LINK, name, "https://grafana.example/d/slo",
				null, null, null, null, null, null, "owner", null, 1, "Dana Diaz (dana)", Instant.EPOCH);
	}

}
