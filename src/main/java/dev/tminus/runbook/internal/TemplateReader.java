package dev.tminus.runbook.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Alert;
import dev.tminus.runbook.RunbookTemplate.Appendix;
import dev.tminus.runbook.RunbookTemplate.Cadence;
import dev.tminus.runbook.RunbookTemplate.Comms;
import dev.tminus.runbook.RunbookTemplate.Comparator;
import dev.tminus.runbook.RunbookTemplate.CompletionCriterion;
import dev.tminus.runbook.RunbookTemplate.Coverage;
import dev.tminus.runbook.RunbookTemplate.DecisionRules;
import dev.tminus.runbook.RunbookTemplate.Evidence;
import dev.tminus.runbook.RunbookTemplate.Field;
import dev.tminus.runbook.RunbookTemplate.FieldType;
import dev.tminus.runbook.RunbookTemplate.Gate;
import dev.tminus.runbook.RunbookTemplate.HypercareWindow;
import dev.tminus.runbook.RunbookTemplate.Hypercare;
import dev.tminus.runbook.RunbookTemplate.Kind;
import dev.tminus.runbook.RunbookTemplate.Level;
import dev.tminus.runbook.RunbookTemplate.Measure;
import dev.tminus.runbook.RunbookTemplate.Message;
import dev.tminus.runbook.RunbookTemplate.MessageWhen;
import dev.tminus.runbook.RunbookTemplate.Outcome;
import dev.tminus.runbook.RunbookTemplate.Parameter;
import dev.tminus.runbook.RunbookTemplate.Parameter.Source;
import dev.tminus.runbook.RunbookTemplate.ParameterType;
import dev.tminus.runbook.RunbookTemplate.Phase;
import dev.tminus.runbook.RunbookTemplate.Risk;
import dev.tminus.runbook.RunbookTemplate.Role;
import dev.tminus.runbook.RunbookTemplate.Rollback;
import dev.tminus.runbook.RunbookTemplate.RollbackTrigger;
import dev.tminus.runbook.RunbookTemplate.Severity;
import dev.tminus.runbook.RunbookTemplate.SignOff;
import dev.tminus.runbook.RunbookTemplate.Step;
import dev.tminus.runbook.RunbookTemplate.TriggerAction;

/**
 * Turns the YAML node tree into a {@link RunbookTemplate}: the shape of the format (which
 * keys exist where, their types, duplicates). What the values must satisfy is checked
 * afterwards, on the model.
 */
public final class TemplateReader {

	static final Set<String> TOP_LEVEL = Set.of("name", "description", "kind_hint", "parameters", "roles",
			"failure_classifications", "phases", "steps", "gates", "rollback_triggers", "rollback", "sign_offs",
			"decision_rules", "decision_statement", "evidence", "completion_criteria", "comms", "hypercare", "risks",
			"appendices");

	private static final Set<String> PARAMETER = Set.of("key", "label", "value", "generated", "from_t0", "input",
			"default", "type", "required");

	private static final Set<String> ROLE = Set.of("key", "title", "approver", "coverage", "duty");

	private static final Set<String> COVERAGE = Set.of("from", "to");

	private static final Set<String> PHASE = Set.of("key", "offset_minutes", "title");

	private static final Set<String> STEP = Set.of("key", "phase", "title", "owner", "instructions", "fields",
			"evidence_required", "evidence_files", "depends_on", "failure_classification", "optional");

	private static final Set<String> FIELD = Set.of("key", "label", "required", "type");

	private static final Set<String> GATE = Set.of("key", "title", "group", "owner", "phase", "steps", "input",
			"pass_criteria", "threshold", "hard", "from_steps", "failure_classification", "no_go_action",
			"evidence_files", "measures");

	private static final Set<String> MEASURE = Set.of("key", "label", "unit", "comparator", "threshold",
			"threshold_measure");

	private static final Set<String> TRIGGER = Set.of("key", "title", "action", "response");

	private static final Set<String> ROLLBACK = Set.of("procedure", "backout_minutes", "window_end_offset_minutes",
			"decide_within_minutes");

	private static final Set<String> SIGN_OFF = Set.of("key", "role", "title", "items");

	private static final Set<String> DECISION_RULES = Set.of("outcomes", "go", "no_go", "on_no_go");

	private static final Set<String> EVIDENCE = Set.of("directory", "must_include", "summary_template");

	private static final Set<String> CRITERION = Set.of("key", "text", "owner", "not_before");

	private static final Set<String> COMMS = Set.of("channels", "messages", "cadence");

	private static final Set<String> MESSAGE = Set.of("key", "when", "text", "after_gate");

	private static final Set<String> CADENCE = Set.of("label", "from_offset_minutes", "to_offset_minutes",
			"every_minutes");

	private static final Set<String> HYPERCARE = Set.of("windows", "tools", "alerts");

	private static final Set<String> WINDOW = Set.of("from_hours", "to_hours", "every_minutes", "focus");

	private static final Set<String> ALERT = Set.of("key", "title", "severity");

	private static final Set<String> RISK = Set.of("key", "risk", "likelihood", "impact", "owner", "mitigation");

	private static final Set<String> APPENDIX = Set.of("key", "title", "body");

	private final Diagnostics diagnostics;

	public TemplateReader(Diagnostics diagnostics) {
		this.diagnostics = diagnostics;
	}

	public RunbookTemplate read(Node root, String key) {
		YamlMap top = YamlMap.open(root, "", this.diagnostics, TOP_LEVEL);
		for (String required : List.of("name", "roles", "phases", "steps")) {
			if (!top.has(required)) {
				this.diagnostics.problem(1, required, "is required");
			}
		}
		return new RunbookTemplate(key, this.diagnostics.file(), top.text("name"), top.text("description"),
				top.choice("kind_hint", Kind.class, true), top.maps("parameters", PARAMETER, this::parameter),
				top.maps("roles", ROLE, this::role), top.texts("failure_classifications"),
				top.maps("phases", PHASE, this::phase), top.maps("steps", STEP, this::step),
				top.maps("gates", GATE, this::gate), top.maps("rollback_triggers", TRIGGER, this::trigger),
				rollback(top.map("rollback", ROLLBACK)), top.maps("sign_offs", SIGN_OFF, this::signOff),
				decisionRules(top.map("decision_rules", DECISION_RULES)), top.text("decision_statement"),
				evidence(top.map("evidence", EVIDENCE)), top.maps("completion_criteria", CRITERION, this::criterion),
				comms(top.map("comms", COMMS)), hypercare(top.map("hypercare", HYPERCARE)),
				top.maps("risks", RISK, this::risk), top.maps("appendices", APPENDIX, this::appendix));
	}

	private Parameter parameter(YamlMap map) {
		List<String> given = new ArrayList<>();
		for (String source : List.of("value", "generated", "from_t0")) {
			if (map.has(source)) {
				given.add(source);
			}
		}
		boolean input = map.bool("input", false);
		if (input) {
			given.add("input");
		}
		if (given.size() != 1) {
			map.problem("key", "needs exactly one of value, generated, from_t0 or input: true"
					+ (given.isEmpty() ? "" : " (found " + String.join(", ", given) + ")"));
		}
		if (map.has("default") && !input) {
			map.problem("default", "only an input parameter has a default");
		}
		Source source = given.isEmpty() ? null : Source.valueOf(given.get(0).toUpperCase(Locale.ROOT));
		String definition = null;
		if (source == Source.VALUE) {
			definition = map.text("value");
		}
		else if (source == Source.GENERATED) {
			definition = map.text("generated");
			if (definition != null) {
				try {
					GeneratedPattern.compile(definition);
				}
				catch (IllegalArgumentException ex) {
					map.problem("generated", ex.getMessage());
				}
			}
		}
		else if (source == Source.FROM_T0) {
			definition = map.text("from_t0");
			if (definition != null && Durations.parse(definition) == null) {
				map.problem("from_t0", "expected " + Durations.EXPECTED + ", found '" + definition + "'");
			}
		}
		ParameterType type = map.has("type") ? map.choice("type", ParameterType.class, true)
				: (source == Source.FROM_T0) ? ParameterType.TIMESTAMP : ParameterType.TEXT;
		if (source == Source.FROM_T0 && type != null && type != ParameterType.TIMESTAMP) {
			map.problem("type", "a from_t0 parameter is a timestamp (T-0 plus the duration)");
		}
		if (map.has("required") && !input) {
			map.problem("required", "only an input parameter is required or optional");
		}
		boolean required = map.bool("required", true);
		String defaultValue = map.text("default");
		if (type != null && source == Source.VALUE && definition != null) {
			definition = typed(map, "value", type, definition);
		}
		if (type != null && defaultValue != null) {
			defaultValue = typed(map, "default", type, defaultValue);
		}
		return new Parameter(map.text("key"), map.text("label"), source, definition, defaultValue,
				(type != null) ? type : ParameterType.TEXT, required);
	}

	/** A constant or default of the template must be of its parameter's type. */
	private String typed(YamlMap map, String field, ParameterType type, String value) {
		try {
			return ParameterValues.check(type, value);
		}
		catch (IllegalArgumentException ex) {
			map.problem(field,
					"a " + type.name().toLowerCase(Locale.ROOT) + " parameter's " + field + " " + ex.getMessage());
			return value;
		}
	}

	private Role role(YamlMap map) {
		return new Role(map.text("key"), map.text("title"), map.bool("approver", false), coverage(map),
				map.text("duty"));
	}

	private Coverage coverage(YamlMap role) {
		if (!role.has("coverage")) {
			return null;
		}
		if (!role.isMapping("coverage")) {
			return new Coverage(null, null, role.text("coverage"));
		}
		YamlMap window = role.map("coverage", COVERAGE);
		return new Coverage(offsetMinutes(window, "from"), offsetMinutes(window, "to"), null);
	}

	private Integer offsetMinutes(YamlMap map, String key) {
		String text = map.text(key);
		if (text == null) {
			map.problem(key, "is required, " + Durations.EXPECTED);
			return null;
		}
		Duration duration = Durations.parse(text);
		if (duration == null || duration.toSecondsPart() != 0) {
			map.problem(key, "expected " + Durations.EXPECTED + " in whole minutes, found '" + text + "'");
			return null;
		}
		return Math.toIntExact(duration.toMinutes());
	}

	private Phase phase(YamlMap map) {
		return new Phase(map.text("key"), map.integer("offset_minutes"), map.text("title"));
	}

	private Step step(YamlMap map) {
		List<String> evidenceFiles = map.texts("evidence_files");
		boolean evidenceRequired = map.bool("evidence_required", !evidenceFiles.isEmpty());
		if (!evidenceRequired && !evidenceFiles.isEmpty()) {
			map.problem("evidence_required", "cannot be false while evidence_files are listed");
		}
		return new Step(map.text("key"), map.text("phase"), map.text("title"), map.text("owner"),
				map.text("instructions"), map.maps("fields", FIELD, this::field), evidenceRequired, evidenceFiles,
				map.texts("depends_on"), map.text("failure_classification"), map.bool("optional", false));
	}

	private Field field(YamlMap map) {
		FieldType type = map.has("type") ? map.choice("type", FieldType.class, true) : FieldType.TEXT;
		return new Field(map.text("key"), map.text("label"), map.bool("required", false), type);
	}

	private Gate gate(YamlMap map) {
		return new Gate(map.text("key"), map.text("title"), map.text("group"), map.text("owner"), map.text("phase"),
				map.texts("steps"), map.text("input"), map.text("pass_criteria"), map.text("threshold"),
				map.bool("hard", false), map.bool("from_steps", false), map.text("failure_classification"),
				map.text("no_go_action"), map.texts("evidence_files"), map.maps("measures", MEASURE, this::measure));
	}

	private Measure measure(YamlMap map) {
		Comparator comparator = map.choice("comparator", Comparator.class, true);
		boolean hasThreshold = map.has("threshold");
		boolean hasMeasure = map.has("threshold_measure");
		if (map.has("comparator") && hasThreshold == hasMeasure) {
			map.problem("comparator", "needs exactly one of threshold or threshold_measure");
		}
		if (!map.has("comparator") && (hasThreshold || hasMeasure)) {
			map.problem(hasThreshold ? "threshold" : "threshold_measure",
					"needs a comparator (one of lt, le, gt, ge, eq, ne)");
		}
		return new Measure(map.text("key"), map.text("label"), map.text("unit"), comparator, map.text("threshold"),
				map.text("threshold_measure"));
	}

	private RollbackTrigger trigger(YamlMap map) {
		return new RollbackTrigger(map.text("key"), map.text("title"), map.choice("action", TriggerAction.class, false),
				map.text("response"));
	}

	private Rollback rollback(YamlMap map) {
		if (map == null) {
			return new Rollback("", null, null, Rollback.DEFAULT_DECIDE_WITHIN_MINUTES);
		}
		Integer decideWithin = map.integer("decide_within_minutes");
		return new Rollback(map.text("procedure"), map.integer("backout_minutes"),
				map.integer("window_end_offset_minutes"),
				(decideWithin != null) ? decideWithin : Rollback.DEFAULT_DECIDE_WITHIN_MINUTES);
	}

	private SignOff signOff(YamlMap map) {
		return new SignOff(map.text("key"), map.text("role"), map.text("title"), map.texts("items"));
	}

	private DecisionRules decisionRules(YamlMap map) {
		if (map == null) {
			return new DecisionRules(List.of(Outcome.values()), List.of(), List.of(), List.of());
		}
		List<Outcome> outcomes = map.has("outcomes") ? map.choices("outcomes", Outcome.class, false)
				: List.of(Outcome.values());
		return new DecisionRules(outcomes, map.texts("go"), map.texts("no_go"), map.texts("on_no_go"));
	}

	private Evidence evidence(YamlMap map) {
		if (map == null) {
			return new Evidence(null, List.of(), null);
		}
		return new Evidence(map.text("directory"), map.texts("must_include"), map.text("summary_template"));
	}

	private CompletionCriterion criterion(YamlMap map) {
		Duration notBefore = null;
		String text = map.text("not_before");
		if (text != null) {
			notBefore = Durations.parse(text);
			if (notBefore == null || notBefore.isNegative() || notBefore.isZero()) {
				map.problem("not_before",
						"expected a positive duration after GO such as 2h, 30m or 1h30m, found '" + text + "'");
				notBefore = null;
			}
		}
		return new CompletionCriterion(map.text("key"), map.text("text"), map.text("owner"), notBefore);
	}

	private Comms comms(YamlMap map) {
		if (map == null) {
			return new Comms(List.of(), List.of(), List.of());
		}
		return new Comms(map.texts("channels"), map.maps("messages", MESSAGE, this::message),
				map.maps("cadence", CADENCE, this::cadence));
	}

	private Message message(YamlMap map) {
		return new Message(map.text("key"), map.choice("when", MessageWhen.class, false), map.text("text"),
				map.text("after_gate"));
	}

	private Cadence cadence(YamlMap map) {
		return new Cadence(map.text("label"), map.integer("from_offset_minutes"), map.integer("to_offset_minutes"),
				map.integer("every_minutes"));
	}

	private Hypercare hypercare(YamlMap map) {
		if (map == null) {
			return new Hypercare(List.of(), null, List.of());
		}
		return new Hypercare(map.maps("windows", WINDOW, this::window), map.text("tools"),
				map.maps("alerts", ALERT, this::alert));
	}

	private HypercareWindow window(YamlMap map) {
		return new HypercareWindow(map.integer("from_hours"), map.integer("to_hours"), map.integer("every_minutes"),
				map.texts("focus"));
	}

	private Alert alert(YamlMap map) {
		return new Alert(map.text("key"), map.text("title"), map.choice("severity", Severity.class, false));
	}

	private Risk risk(YamlMap map) {
		return new Risk(map.text("key"), map.text("risk"), map.choice("likelihood", Level.class, false),
				map.choice("impact", Level.class, false), map.text("owner"), map.text("mitigation"));
	}

	private Appendix appendix(YamlMap map) {
		return new Appendix(map.text("key"), map.text("title"), map.text("body"));
	}

}
