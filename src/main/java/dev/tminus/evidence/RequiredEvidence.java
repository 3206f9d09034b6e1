package dev.tminus.evidence;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Gate;
import dev.tminus.runbook.RunbookTemplate.Step;

/**
 * The one rule for "the required evidence is present", used by step records, the gate
 * board, the decision and the evidence bundle alike:
 * <ul>
 * <li>A piece of evidence (a file or a link) stands for a required entry when its name is
 * the entry ({@code canary_report.md}, {@code SLO snapshots}) or, for an entry that is a
 * path ({@code artifacts/rollback.md}), the path's file name ({@code rollback.md}). Names
 * are compared exactly.</li>
 * <li>It counts for a step when it is attached to that step or to a gate that lists the
 * step; for a gate when it is attached to the gate or to one of the gate's steps.</li>
 * <li>A step that requires evidence without naming it needs at least one piece of
 * evidence that counts for it.</li>
 * </ul>
 */
public final class RequiredEvidence {

	/** What a step with {@code evidence_required} and no names is missing. */
	public static final String ANY = "evidence (a file or a link)";

	private RequiredEvidence() {
	}

	/** Whether evidence of this name stands for the required entry. */
	public static boolean matches(String required, String name) {
		if (required == null || name == null) {
			return false;
		}
		if (required.equals(name)) {
			return true;
		}
		int slash = required.lastIndexOf('/');
		return slash >= 0 && required.substring(slash + 1).equals(name);
	}

	/** The steps and gates whose evidence counts for one step. */
	public static Scope of(RunbookTemplate template, Step step) {
		Set<String> gates = new LinkedHashSet<>();
		template.gates()
			.stream()
			.filter((gate) -> gate.steps().contains(step.key()))
			.forEach((g) -> gates.add(g.key()));
		return new Scope(Set.of(step.key()), gates);
	}

	/** The gate and its steps, whose evidence counts for the gate. */
	public static Scope of(Gate gate) {
		return new Scope(new LinkedHashSet<>(gate.steps()), Set.of(gate.key()));
	}

	/** The required entries of a step that no evidence stands for, in template order. */
	public static List<String> missing(RunbookTemplate template, Step step, List<EvidenceView> evidence) {
		Scope scope = of(template, step);
		if (step.evidenceFiles().isEmpty()) {
			return (step.evidenceRequired() && evidence.stream().noneMatch(scope::covers)) ? List.of(ANY) : List.of();
		}
		return missing(step.evidenceFiles(), scope, evidence);
	}

	/** The required entries of a gate that no evidence stands for, in template order. */
	public static List<String> missing(Gate gate, List<EvidenceView> evidence) {
		return missing(gate.evidenceFiles(), of(gate), evidence);
	}

	private static List<String> missing(List<String> required, Scope scope, List<EvidenceView> evidence) {
		List<String> missing = new ArrayList<>();
		for (String entry : required) {
			if (evidence.stream().noneMatch((e) -> scope.covers(e) && matches(entry, e.name()))) {
				missing.add(entry);
			}
		}
		return missing;
	}

	/** The first of the required entries this evidence stands for. */
	public static Optional<String> standsFor(List<String> required, EvidenceView evidence) {
		return required.stream().filter((entry) -> matches(entry, evidence.name())).findFirst();
	}

	/**
	 * Where evidence counts: attached to one of {@code steps} or one of {@code gates}.
	 */
	public record Scope(Set<String> steps, Set<String> gates) {

		public Scope {
			steps = Set.copyOf(steps);
			gates = Set.copyOf(gates);
		}

		public boolean covers(EvidenceView evidence) {
			return (evidence.stepKey() != null && this.steps.contains(evidence.stepKey()))
					|| (evidence.gateKey() != null && this.gates.contains(evidence.gateKey()));
		}

	}

}
