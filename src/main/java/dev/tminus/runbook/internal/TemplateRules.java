package dev.tminus.runbook.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Gate;
import dev.tminus.runbook.RunbookTemplate.Measure;
import dev.tminus.runbook.RunbookTemplate.Parameter;
import dev.tminus.runbook.RunbookTemplate.Phase;
import dev.tminus.runbook.RunbookTemplate.Role;
import dev.tminus.runbook.RunbookTemplate.Step;

/**
 * The rules that tie a template together: every reference (role, phase, step, gate,
 * classification, parameter) names something that exists, keys are unique, phases run
 * forward in time and step dependencies have no cycle. Runs on a model whose fields
 * already passed Bean Validation, so nothing required is {@code null}.
 */
public final class TemplateRules {

	private static final Pattern UPPER_SNAKE = Pattern.compile(RunbookTemplate.UPPER_SNAKE);

	private final Diagnostics diagnostics;

	private final RunbookTemplate template;

	private final Set<String> roles;

	private final Set<String> classifications;

	private final Set<String> parameters;

	public TemplateRules(Diagnostics diagnostics, RunbookTemplate template) {
		this.diagnostics = diagnostics;
		this.template = template;
		this.roles = keys(template.roles(), Role::key);
		this.classifications = new LinkedHashSet<>(template.failureClassifications());
		this.parameters = new LinkedHashSet<>(ParameterResolver.BUILT_INS);
		template.parameters().forEach((parameter) -> this.parameters.add(parameter.key()));
	}

	public void check() {
		checkUnique();
		checkRoles();
		checkClassifications();
		checkParameters();
		checkPhases();
		checkSteps();
		checkGates();
		checkOwners();
		checkComms();
		checkWindows();
		checkReferencesInTexts();
	}

	private void checkUnique() {
		unique("parameters", this.template.parameters(), Parameter::key);
		unique("roles", this.template.roles(), Role::key);
		unique("phases", this.template.phases(), Phase::key);
		unique("steps", this.template.steps(), Step::key);
		unique("gates", this.template.gates(), Gate::key);
		unique("rollback_triggers", this.template.rollbackTriggers(), RunbookTemplate.RollbackTrigger::key);
		unique("sign_offs", this.template.signOffs(), RunbookTemplate.SignOff::key);
		unique("completion_criteria", this.template.completionCriteria(), RunbookTemplate.CompletionCriterion::key);
		unique("comms.messages", this.template.comms().messages(), RunbookTemplate.Message::key);
		unique("hypercare.alerts", this.template.hypercare().alerts(), RunbookTemplate.Alert::key);
		unique("risks", this.template.risks(), RunbookTemplate.Risk::key);
		unique("appendices", this.template.appendices(), RunbookTemplate.Appendix::key);
		unique("failure_classifications", this.template.failureClassifications(), Function.identity());
		for (int i = 0; i < this.template.steps().size(); i++) {
			unique("steps[" + i + "].fields", this.template.steps().get(i).fields(), RunbookTemplate.Field::key);
		}
		for (int i = 0; i < this.template.gates().size(); i++) {
			unique("gates[" + i + "].measures", this.template.gates().get(i).measures(), Measure::key);
		}
	}

	private <T> void unique(String path, List<T> items, Function<T, String> key) {
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < items.size(); i++) {
			String value = key.apply(items.get(i));
			Integer first = seen.putIfAbsent(value, i);
			if (first != null) {
				this.diagnostics.problem(path + "[" + i + "]", "duplicate key '" + value + "' (also " + path + "["
						+ first + "] at line " + this.diagnostics.lineOf(path + "[" + first + "]") + ")");
			}
		}
	}

	private void checkRoles() {
		for (String required : List.of("IC", "SCRIBE")) {
			if (!this.roles.contains(required)) {
				this.diagnostics.problem("roles", "the role " + required + " is missing; every runbook needs an IC"
						+ " (who alone decides) and a SCRIBE (who keeps the timeline)");
			}
		}
		List<Role> list = this.template.roles();
		for (int i = 0; i < list.size(); i++) {
			if (list.get(i).key().equals("IC") && list.get(i).approver()) {
				this.diagnostics.problem("roles[" + i + "].approver", "the IC signs GO alone and cannot be an"
						+ " approver role (segregation of duties: nobody approves what they decide); set approver: false"
						+ " and give the sign-offs to other roles");
			}
		}
	}

	private void checkClassifications() {
		List<String> list = this.template.failureClassifications();
		for (int i = 0; i < list.size(); i++) {
			if (!UPPER_SNAKE.matcher(list.get(i)).matches()) {
				this.diagnostics.problem("failure_classifications[" + i + "]",
						"'" + list.get(i) + "' must be UPPER_SNAKE");
			}
		}
	}

	private void checkParameters() {
		List<Parameter> list = this.template.parameters();
		for (int i = 0; i < list.size(); i++) {
			if (ParameterResolver.BUILT_INS.contains(list.get(i).key())) {
				this.diagnostics.problem("parameters[" + i + "].key", "'" + list.get(i).key() + "' is built in ("
						+ String.join(", ", ParameterResolver.BUILT_INS) + ") and cannot be redefined");
			}
		}
	}

	private void checkPhases() {
		List<Phase> phases = this.template.phases();
		for (int i = 1; i < phases.size(); i++) {
			Phase before = phases.get(i - 1);
			Phase phase = phases.get(i);
			if (phase.offsetMinutes() < before.offsetMinutes()) {
				this.diagnostics.problem("phases[" + i + "].offset_minutes",
						"phase '" + phase.key() + "' (" + phase.offsetMinutes() + ") comes before phase '"
								+ before.key() + "' (" + before.offsetMinutes()
								+ "); list phases in ascending offset order");
			}
		}
	}

	private void checkSteps() {
		Set<String> phases = keys(this.template.phases(), Phase::key);
		Set<String> steps = keys(this.template.steps(), Step::key);
		List<Step> list = this.template.steps();
		for (int i = 0; i < list.size(); i++) {
			Step step = list.get(i);
			String at = "steps[" + i + "]";
			if (!phases.contains(step.phase())) {
				this.diagnostics.problem(at + ".phase",
						"step '" + step.key() + "' is in unknown phase '" + step.phase() + "'" + known(phases));
			}
			classification(at + ".failure_classification", step.failureClassification());
			for (int d = 0; d < step.dependsOn().size(); d++) {
				String dependency = step.dependsOn().get(d);
				if (dependency.equals(step.key())) {
					this.diagnostics.problem(at + ".depends_on[" + d + "]",
							"step '" + step.key() + "' depends on itself");
				}
				else if (!steps.contains(dependency)) {
					this.diagnostics.problem(at + ".depends_on[" + d + "]",
							"step '" + step.key() + "' depends on unknown step '" + dependency + "'");
				}
			}
		}
		checkNoCycle();
	}

	private void checkNoCycle() {
		Map<String, Step> byKey = new HashMap<>();
		this.template.steps().forEach((step) -> byKey.putIfAbsent(step.key(), step));
		Map<String, Integer> state = new HashMap<>();
		for (Step step : this.template.steps()) {
			List<String> cycle = cycleFrom(step.key(), byKey, state, new ArrayList<>());
			if (cycle != null) {
				int index = this.template.steps().indexOf(byKey.get(cycle.get(0)));
				this.diagnostics.problem("steps[" + index + "].depends_on",
						"depends_on forms a cycle: " + String.join(" -> ", cycle));
				return;
			}
		}
	}

	/** Depth-first; state 1 = on the current path, 2 = done. */
	private List<String> cycleFrom(String key, Map<String, Step> byKey, Map<String, Integer> state, List<String> path) {
		Integer seen = state.get(key);
		if (seen != null && seen == 2) {
			return null;
		}
		if (seen != null) {
			List<String> cycle = new ArrayList<>(path.subList(path.indexOf(key), path.size()));
			cycle.add(key);
			return cycle;
		}
		Step step = byKey.get(key);
		if (step == null) {
			return null;
		}
		state.put(key, 1);
		path.add(key);
		for (String dependency : step.dependsOn()) {
			if (!dependency.equals(key)) {
				List<String> cycle = cycleFrom(dependency, byKey, state, path);
				if (cycle != null) {
					return cycle;
				}
			}
		}
		path.remove(path.size() - 1);
		state.put(key, 2);
		return null;
	}

	private void checkGates() {
		Set<String> phases = keys(this.template.phases(), Phase::key);
		Set<String> steps = keys(this.template.steps(), Step::key);
		List<Gate> list = this.template.gates();
		for (int i = 0; i < list.size(); i++) {
			Gate gate = list.get(i);
			String at = "gates[" + i + "]";
			if (gate.phase() != null && !phases.contains(gate.phase())) {
				this.diagnostics.problem(at + ".phase",
						"gate '" + gate.key() + "' is in unknown phase '" + gate.phase() + "'" + known(phases));
			}
			for (int s = 0; s < gate.steps().size(); s++) {
				if (!steps.contains(gate.steps().get(s))) {
					this.diagnostics.problem(at + ".steps[" + s + "]",
							"gate '" + gate.key() + "' names unknown step '" + gate.steps().get(s) + "'");
				}
			}
			classification(at + ".failure_classification", gate.failureClassification());
			if (gate.fromSteps() && gate.steps().isEmpty()) {
				this.diagnostics.problem(at + ".from_steps",
						"gate '" + gate.key() + "' follows from its steps but lists none; name them under steps");
			}
			if (gate.fromSteps() && !gate.measures().isEmpty()) {
				this.diagnostics.problem(at + ".from_steps", "gate '" + gate.key()
						+ "' follows from its steps, so nobody records measures for it; drop measures or from_steps");
			}
			checkMeasures(at, gate);
		}
	}

	private void checkMeasures(String gatePath, Gate gate) {
		Set<String> measures = keys(gate.measures(), Measure::key);
		for (int m = 0; m < gate.measures().size(); m++) {
			Measure measure = gate.measures().get(m);
			String at = gatePath + ".measures[" + m + "]";
			if (measure.thresholdMeasure() != null) {
				if (measure.thresholdMeasure().equals(measure.key())) {
					this.diagnostics.problem(at + ".threshold_measure",
							"measure '" + measure.key() + "' cannot be compared with itself");
				}
				else if (!measures.contains(measure.thresholdMeasure())) {
					this.diagnostics.problem(at + ".threshold_measure", "unknown measure '" + measure.thresholdMeasure()
							+ "' in gate '" + gate.key() + "'" + known(measures));
				}
			}
			String threshold = measure.threshold();
			if (threshold == null) {
				continue;
			}
			String reference = Placeholders.wholeReference(threshold);
			if (reference == null && !Placeholders.references(threshold).isEmpty()) {
				this.diagnostics.problem(at + ".threshold",
						"a threshold is either a literal or one whole ${PARAM} reference, found '" + threshold + "'");
			}
			else if (reference != null && !this.parameters.contains(reference)) {
				this.diagnostics.problem(at + ".threshold", "unknown parameter ${" + reference + "}");
			}
			else if (reference != null) {
				Parameter parameter = this.template.parameters()
					.stream()
					.filter((p) -> p.key().equals(reference))
					.findFirst()
					.orElse(null);
				if (parameter != null && measure.comparator() != null && measure.comparator().ordering()
						&& parameter.type() != RunbookTemplate.ParameterType.NUMBER) {
					this.diagnostics.problem(at + ".threshold",
							"comparator " + measure.comparator().name().toLowerCase() + " needs a number, so ${"
									+ reference + "} must be declared type: number (now "
									+ parameter.type().name().toLowerCase() + "); otherwise a value like 'x' is"
									+ " accepted and the gate can never pass");
				}
				if (parameter != null && !parameter.required()) {
					this.diagnostics.problem(at + ".threshold",
							"${" + reference + "} is a threshold, so it cannot be an optional input");
				}
			}
			else if (reference == null && measure.comparator() != null && measure.comparator().ordering()
					&& !isNumber(threshold)) {
				this.diagnostics.problem(at + ".threshold", "comparator " + measure.comparator().name().toLowerCase()
						+ " needs a number, found '" + threshold + "'");
			}
		}
	}

	private void checkOwners() {
		List<Step> steps = this.template.steps();
		for (int i = 0; i < steps.size(); i++) {
			role("steps[" + i + "].owner", "step '" + steps.get(i).key() + "'", steps.get(i).owner());
		}
		List<Gate> gates = this.template.gates();
		for (int i = 0; i < gates.size(); i++) {
			role("gates[" + i + "].owner", "gate '" + gates.get(i).key() + "'", gates.get(i).owner());
		}
		List<RunbookTemplate.SignOff> signOffs = this.template.signOffs();
		for (int i = 0; i < signOffs.size(); i++) {
			String at = "sign_offs[" + i + "].role";
			RunbookTemplate.SignOff signOff = signOffs.get(i);
			if (role(at, "sign-off '" + signOff.key() + "'", signOff.role())) {
				boolean approver = this.template.role(signOff.role()).map(Role::approver).orElse(false);
				if (!approver) {
					this.diagnostics.problem(at, "sign-off '" + signOff.key() + "' needs an approver role; '"
							+ signOff.role() + "' has approver: false");
				}
			}
		}
		List<RunbookTemplate.CompletionCriterion> criteria = this.template.completionCriteria();
		for (int i = 0; i < criteria.size(); i++) {
			role("completion_criteria[" + i + "].owner", "completion criterion '" + criteria.get(i).key() + "'",
					criteria.get(i).owner());
		}
		List<RunbookTemplate.Risk> risks = this.template.risks();
		for (int i = 0; i < risks.size(); i++) {
			role("risks[" + i + "].owner", "risk '" + risks.get(i).key() + "'", risks.get(i).owner());
		}
	}

	private boolean role(String path, String what, String role) {
		if (this.roles.contains(role)) {
			return true;
		}
		this.diagnostics.problem(path, what + " is owned by unknown role '" + role + "'" + known(this.roles));
		return false;
	}

	private void classification(String path, String classification) {
		if (classification != null && !this.classifications.contains(classification)) {
			this.diagnostics.problem(path,
					"unknown failure classification '" + classification + "'" + known(this.classifications));
		}
	}

	private void checkComms() {
		Set<String> gates = keys(this.template.gates(), Gate::key);
		List<RunbookTemplate.Message> messages = this.template.comms().messages();
		for (int i = 0; i < messages.size(); i++) {
			String afterGate = messages.get(i).afterGate();
			if (afterGate != null && !gates.contains(afterGate)) {
				this.diagnostics.problem("comms.messages[" + i + "].after_gate",
						"unknown gate '" + afterGate + "'" + known(gates));
			}
		}
		List<RunbookTemplate.Cadence> cadence = this.template.comms().cadence();
		for (int i = 0; i < cadence.size(); i++) {
			if (cadence.get(i).toOffsetMinutes() <= cadence.get(i).fromOffsetMinutes()) {
				this.diagnostics.problem("comms.cadence[" + i + "].to_offset_minutes",
						"must be after from_offset_minutes");
			}
		}
	}

	private void checkWindows() {
		List<RunbookTemplate.HypercareWindow> windows = this.template.hypercare().windows();
		for (int i = 0; i < windows.size(); i++) {
			if (windows.get(i).toHours() <= windows.get(i).fromHours()) {
				this.diagnostics.problem("hypercare.windows[" + i + "].to_hours", "must be after from_hours");
			}
		}
		List<RunbookTemplate.Role> roles = this.template.roles();
		for (int i = 0; i < roles.size(); i++) {
			RunbookTemplate.Coverage coverage = roles.get(i).coverage();
			if (coverage != null && coverage.text() == null && coverage.fromOffsetMinutes() != null
					&& coverage.toOffsetMinutes() != null
					&& coverage.toOffsetMinutes() <= coverage.fromOffsetMinutes()) {
				this.diagnostics.problem("roles[" + i + "].coverage.to", "must be after coverage.from");
			}
		}
	}

	/**
	 * Texts rendered with run parameters must only name known ones. Comms messages are
	 * left out: they also carry placeholders filled when they are sent.
	 */
	private void checkReferencesInTexts() {
		this.template.textsWithParameters().forEach(this::references);
	}

	private void references(String path, String text) {
		Set<String> reported = new HashSet<>();
		for (Placeholders.Reference reference : Placeholders.references(text)) {
			String key = reference.key();
			if (!this.parameters.contains(key) && reported.add(key)) {
				this.diagnostics.problem(this.diagnostics.lineOf(path, text, reference.index()), path,
						"unknown parameter ${" + key + "}" + known(this.parameters) + "; write $${" + key
								+ "} for a literal ${" + key + "}");
			}
		}
	}

	private static boolean isNumber(String text) {
		try {
			new BigDecimal(text.trim());
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static String known(Set<String> keys) {
		return keys.isEmpty() ? " (none defined)" : " (known: " + String.join(", ", keys) + ")";
	}

	private static <T> Set<String> keys(List<T> items, Function<T, String> key) {
		Set<String> keys = new LinkedHashSet<>();
		items.forEach((item) -> keys.add(key.apply(item)));
		return keys;
	}

}
