package dev.tminus.audit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.tminus.evidence.EvidenceView;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which file of the bundle each piece of evidence goes into, by the same rule as the gate
 * board and the decision: a named log only holds evidence that stands for it.
 */
class BundleLayoutTests {

	static final RunbookTemplate E23 = RunbookTemplates.load(Path.of("config/runbooks"))
		.find("e2-3-reload-cutover-rehearsal")
		.orElseThrow();

	@Test
	void evidenceOfTheNamedNameGoesIntoItsLogFromTheStepOrTheGate() {
		EvidenceView onStep = file(1, "MIGRATION", null, "02_alembic_upgrade.log");
		EvidenceView onGate = file(2, null, "SMOKE", "05_smoke_200.log");
		EvidenceBundle.Layout layout = EvidenceBundle.Layout.of(E23, List.of(onStep, onGate));
		assertThat(layout.named().get("02_alembic_upgrade.log")).containsExactly(onStep);
		assertThat(layout.named().get("05_smoke_200.log")).containsExactly(onGate);
		assertThat(layout.named().get("06_smoke_404.log")).isEmpty();
		assertThat(layout.folders()).isEmpty();
	}

	@Test
	void evidenceOfAnotherNameGoesToItsFolderAndTheNamedLogStaysMissing() {
		EvidenceView other = file(1, "PRECHECK", null, "precheck-output.txt");
		EvidenceBundle.Layout layout = EvidenceBundle.Layout.of(E23, List.of(other));
		assertThat(layout.named().get("01_precheck.log")).isEmpty();
		assertThat(layout.folders()).containsEntry("steps/PRECHECK", List.of(other));
	}

	@Test
	void aNamedFileOnAStepThatDoesNotAskForItGoesToThatStepsFolder() {
		EvidenceView elsewhere = file(1, "BACKFILL", null, "02_alembic_upgrade.log");
		EvidenceBundle.Layout layout = EvidenceBundle.Layout.of(E23, List.of(elsewhere));
		assertThat(layout.named().get("02_alembic_upgrade.log")).isEmpty();
		assertThat(layout.folders()).containsEntry("steps/BACKFILL", List.of(elsewhere));
	}

	private static EvidenceView file(long id, String stepKey, String gateKey, String name) {
		return new EvidenceView(id, 1, stepKey, gateKey, EvidenceView.Kind.FILE, name, null, "a".repeat(64), 10L,
				"text/plain", null, null, null, "owner", null, 1, "Dana Diaz (dana)", Instant.EPOCH);
	}

}
