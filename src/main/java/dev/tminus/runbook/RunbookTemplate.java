package dev.tminus.runbook;

import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A runbook template as written in {@code config/runbooks/*.yml}, parsed and validated by
 * {@link RunbookParser}. Immutable: a cutover copies it when it is created. Optional
 * values are {@code null}; lists are never {@code null}. The format is documented in
 * {@code config/runbooks/README.md}.
 *
 * @param key the file name without {@code .yml}, e.g. {@code ga-cutover}
 * @param sourceFile the file it was read from
 */
public record RunbookTemplate(String key, String sourceFile, @NotBlank String name, String description, Kind kindHint,
		List<@Valid Parameter> parameters, List<@Valid Role> roles, List<String> failureClassifications,
		List<@Valid Phase> phases, List<@Valid Step> steps, List<@Valid Gate> gates,
		List<@Valid RollbackTrigger> rollbackTriggers, @Valid Rollback rollback, List<@Valid SignOff> signOffs,
		DecisionRules decisionRules, String decisionStatement, Evidence evidence,
		List<@Valid CompletionCriterion> completionCriteria, @Valid Comms comms, @Valid Hypercare hypercare,
		List<@Valid Risk> risks, List<@Valid Appendix> appendices) {

	/** Role, gate, step, measure and classification keys. */
	public static final String UPPER_SNAKE = "[A-Z][A-Z0-9_]*";

	static final String UPPER_SNAKE_MESSAGE = "must be UPPER_SNAKE (A-Z, 0-9 and _, starting with a letter)";

	/**
	 * Keys that must not need quoting in a URL or a file name: {@code T-60},
	 * {@code R-01}.
	 */
	public static final String SIMPLE_KEY = "[A-Za-z0-9][A-Za-z0-9_+\\-]*";

	static final String SIMPLE_KEY_MESSAGE = "must be letters, digits, _, + or - (like T-60 or T+72h)";

	/** Step field keys: {@code snapshot_id}. */
	public static final String SNAKE = "[a-z][a-z0-9_]*";

	static final String SNAKE_MESSAGE = "must be snake_case (a-z, 0-9 and _, starting with a letter)";

	public RunbookTemplate {
		parameters = List.copyOf(parameters);
		roles = List.copyOf(roles);
		failureClassifications = List.copyOf(failureClassifications);
		phases = List.copyOf(phases);
		steps = List.copyOf(steps);
		gates = List.copyOf(gates);
		rollbackTriggers = List.copyOf(rollbackTriggers);
		signOffs = List.copyOf(signOffs);
		completionCriteria = List.copyOf(completionCriteria);
		risks = List.copyOf(risks);
		appendices = List.copyOf(appendices);
	}

	public Optional<Role> role(String roleKey) {
		return this.roles.stream().filter((role) -> role.key().equals(roleKey)).findFirst();
	}

	public Optional<Phase> phase(String phaseKey) {
		return this.phases.stream().filter((phase) -> phase.key().equals(phaseKey)).findFirst();
	}

	public Optional<Step> step(String stepKey) {
		return this.steps.stream().filter((step) -> step.key().equals(stepKey)).findFirst();
	}

	public Optional<Gate> gate(String gateKey) {
		return this.gates.stream().filter((gate) -> gate.key().equals(gateKey)).findFirst();
	}

	/**
	 * Every text rendered with run parameters, by its path in the file
	 * ({@code steps[3].instructions}), in file order: what may name {@code ${PARAM}}.
	 * Comms messages are left out: they also carry placeholders filled when sent.
	 */
	public java.util.Map<String, String> textsWithParameters() {
		java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
		texts.put("description", this.description);
		for (int i = 0; i < this.steps.size(); i++) {
			texts.put("steps[" + i + "].title", this.steps.get(i).title());
			texts.put("steps[" + i + "].instructions", this.steps.get(i).instructions());
		}
		for (int i = 0; i < this.gates.size(); i++) {
			texts.put("gates[" + i + "].pass_criteria", this.gates.get(i).passCriteria());
			texts.put("gates[" + i + "].threshold", this.gates.get(i).threshold());
		}
		texts.put("rollback.procedure", (this.rollback != null) ? this.rollback.procedure() : null);
		texts.put("evidence.directory", (this.evidence != null) ? this.evidence.directory() : null);
		texts.put("hypercare.tools", (this.hypercare != null) ? this.hypercare.tools() : null);
		for (int i = 0; i < this.appendices.size(); i++) {
			texts.put("appendices[" + i + "].body", this.appendices.get(i).body());
		}
		texts.values().removeIf(java.util.Objects::isNull);
		return texts;
	}

	/** The steps of one phase, in file order. */
	public List<Step> stepsIn(String phaseKey) {
		return this.steps.stream().filter((step) -> step.phase().equals(phaseKey)).toList();
	}

	public enum Kind {

		REHEARSAL, LIVE

	}

	/**
	 * A run parameter, substituted as {@code ${KEY}} into instructions and thresholds.
	 *
	 * @param definition the constant ({@link Source#VALUE}), the pattern
	 * ({@link Source#GENERATED}), the signed duration ({@link Source#FROM_T0}) or
	 * {@code null} ({@link Source#INPUT})
	 * @param defaultValue only for {@link Source#INPUT}
	 * @param type what a value must be; checked when the template is read (constants,
	 * defaults) and when a cutover is created (inputs)
	 * @param required an input that must be given (or have a default); only inputs may be
	 * optional, and an optional one left empty is the empty text
	 */
	public record Parameter(@NotBlank @Pattern(regexp = UPPER_SNAKE, message = UPPER_SNAKE_MESSAGE) String key,
			@NotBlank String label, @NotNull Source source, String definition, String defaultValue,
			@NotNull ParameterType type, boolean required) {

		public Parameter(String key, String label, Source source, String definition, String defaultValue) {
			this(key, label, source, definition, defaultValue,
					(source == Source.FROM_T0) ? ParameterType.TIMESTAMP : ParameterType.TEXT, true);
		}

		public enum Source {

			/** A constant. */
			VALUE,
			/**
			 * A pattern rendered once with the creation time:
			 * {@code e2-3-{utc:yyyyMMddHHmmss}}.
			 */
			GENERATED,
			/** T-0 plus a signed duration, rendered as {@code yyyy-MM-ddTHH:mm:ssZ}. */
			FROM_T0,
			/** Entered when the cutover is created. */
			INPUT

		}

	}

	/**
	 * @param coverage when the role must be staffed, or {@code null}
	 */
	public record Role(@NotBlank @Pattern(regexp = UPPER_SNAKE, message = UPPER_SNAKE_MESSAGE) String key,
			@NotBlank String title, boolean approver, Coverage coverage, String duty) {

	}

	/**
	 * Either a window in minutes from T-0 ({@code text} is {@code null}) or a text such
	 * as {@code 24h} or {@code as needed} (both offsets {@code null}).
	 */
	public record Coverage(Integer fromOffsetMinutes, Integer toOffsetMinutes, String text) {

	}

	public record Phase(@NotBlank @Pattern(regexp = SIMPLE_KEY, message = SIMPLE_KEY_MESSAGE) String key,
			@NotNull Integer offsetMinutes, @NotBlank String title) {

	}

	/**
	 * @param instructions Markdown, may hold {@code ${PARAM}} references
	 * @param failureClassification what a failure of this step is classified as, or
	 * {@code null}
	 * @param optional may be marked not applicable ("if possible", "if applicable")
	 */
	public record Step(@NotBlank @Pattern(regexp = UPPER_SNAKE, message = UPPER_SNAKE_MESSAGE) String key,
			@NotBlank String phase, @NotBlank String title, @NotBlank String owner, String instructions,
			List<@Valid Field> fields, boolean evidenceRequired, List<String> evidenceFiles, List<String> dependsOn,
			String failureClassification, boolean optional) {

		public Step {
			instructions = (instructions != null) ? instructions : "";
			fields = List.copyOf(fields);
			evidenceFiles = List.copyOf(evidenceFiles);
			dependsOn = List.copyOf(dependsOn);
		}

	}

	/**
	 * A value the owner records with the step result (snapshot id, tx id, log ref...).
	 */
	public record Field(@NotBlank @Pattern(regexp = SNAKE, message = SNAKE_MESSAGE) String key, @NotBlank String label,
			boolean required, @NotNull FieldType type) {

	}

	public enum FieldType {

		TEXT, SHA, URL, TIMESTAMP, NUMBER

	}

	/**
	 * What a run parameter's value must be. Every value is one line; {@code number} is a
	 * decimal ({@code 300}, {@code 99.9}), {@code duration} like {@code 5m} or
	 * {@code 1h30m}, {@code url} an http(s) address with a host, {@code sha256} 64 hex
	 * digits, {@code timestamp} UTC ISO-8601 ({@code 2026-11-22T21:00:00Z}).
	 */
	public enum ParameterType {

		TEXT, NUMBER, DURATION, URL, SHA256, TIMESTAMP

	}

	/**
	 * @param group e.g. "Technical Readiness"; one group for runbooks that have none
	 * @param phase the phase at which the gate is due, or {@code null}
	 * @param steps the steps whose results feed this gate
	 * @param input where the input comes from ("SLO board", "K6 report")
	 * @param hard a hard gate can never be overridden: its first FAIL is final for the
	 * run (seed 001 canary)
	 * @param fromSteps the verdict follows from the steps (all PASS with their evidence),
	 * nobody records it (seed 001 backup: "all three PASS")
	 * @param evidenceFiles names of the evidence (files or links) a PASS requires
	 */
	public record Gate(@NotBlank @Pattern(regexp = UPPER_SNAKE, message = UPPER_SNAKE_MESSAGE) String key,
			@NotBlank String title, String group, @NotBlank String owner, String phase, List<String> steps,
			String input, @NotBlank String passCriteria, String threshold, boolean hard, boolean fromSteps,
			@NotBlank(message = "is required: name one of failure_classifications") String failureClassification,
			String noGoAction, List<String> evidenceFiles, List<@Valid Measure> measures) {

		public Gate {
			steps = List.copyOf(steps);
			evidenceFiles = List.copyOf(evidenceFiles);
			measures = List.copyOf(measures);
		}

	}

	/**
	 * A value measured for a gate. With a {@code comparator} it has either a literal or
	 * {@code ${PARAM}} {@code threshold}, or a {@code thresholdMeasure} (another measure
	 * of the same gate). Without one it is only recorded.
	 */
	public record Measure(@NotBlank @Pattern(regexp = UPPER_SNAKE, message = UPPER_SNAKE_MESSAGE) String key,
			@NotBlank String label, String unit, Comparator comparator, String threshold, String thresholdMeasure) {

	}

	public enum Comparator {

		LT("<"), LE("≤"), GT(">"), GE("≥"), EQ("=="), NE("≠");

		private final String symbol;

		Comparator(String symbol) {
			this.symbol = symbol;
		}

		public String symbol() {
			return this.symbol;
		}

		/** Only numbers can be ordered; {@code eq} and {@code ne} also compare text. */
		public boolean ordering() {
			return this == LT || this == LE || this == GT || this == GE;
		}

	}

	/**
	 * @param response what to do, when the seed says more than the action ("Monitor →
	 * Kill switch → Rollback")
	 */
	public record RollbackTrigger(@NotBlank @Pattern(regexp = UPPER_SNAKE, message = UPPER_SNAKE_MESSAGE) String key,
			@NotBlank String title, @NotNull TriggerAction action, String response) {

	}

	public enum TriggerAction {

		IMMEDIATE_ROLLBACK, MONITOR

	}

	/**
	 * @param backoutMinutes how long the backout takes, or {@code null}
	 * @param windowEndOffsetMinutes the end of the change window, in minutes from T-0
	 * (the point of no return is this minus the backout), or {@code null}
	 * @param decideWithinMinutes how long the IC has to decide on a reported trigger
	 */
	public record Rollback(String procedure, @PositiveOrZero Integer backoutMinutes, Integer windowEndOffsetMinutes,
			@Positive int decideWithinMinutes) {

		public static final int DEFAULT_DECIDE_WITHIN_MINUTES = 5;

		public Rollback {
			procedure = (procedure != null) ? procedure : "";
		}

	}

	public record SignOff(@NotBlank @Pattern(regexp = UPPER_SNAKE, message = UPPER_SNAKE_MESSAGE) String key,
			@NotBlank String role, @NotBlank String title, List<String> items) {

		public SignOff {
			items = List.copyOf(items);
		}

	}

	/**
	 * @param outcomes the decisions this runbook allows (seed 000: only GO and NO_GO)
	 * @param onNoGo what a NO-GO must record and do
	 */
	public record DecisionRules(List<Outcome> outcomes, List<String> go, List<String> noGo, List<String> onNoGo) {

		public DecisionRules {
			outcomes = List.copyOf(outcomes);
			go = List.copyOf(go);
			noGo = List.copyOf(noGo);
			onNoGo = List.copyOf(onNoGo);
		}

	}

	public enum Outcome {

		GO, NO_GO, ROLLBACK

	}

	/**
	 * @param directory where evidence files are stored, may hold {@code ${PARAM}}
	 * @param mustInclude what every evidence file must contain
	 * @param summaryTemplate the evidence summary format
	 */
	public record Evidence(String directory, List<String> mustInclude, String summaryTemplate) {

		public Evidence {
			mustInclude = List.copyOf(mustInclude);
		}

	}

	/**
	 * @param notBefore the earliest a tick is accepted, after GO ({@code not_before: 2h}:
	 * "no 5xx spikes in the first 2 hours"), or {@code null}
	 */
	public record CompletionCriterion(
			@NotBlank @Pattern(regexp = UPPER_SNAKE, message = UPPER_SNAKE_MESSAGE) String key, @NotBlank String text,
			@NotBlank String owner, java.time.Duration notBefore) {

		public CompletionCriterion(String key, String text, String owner) {
			this(key, text, owner, null);
		}

	}

	public record Comms(List<String> channels, List<@Valid Message> messages, List<@Valid Cadence> cadence) {

		public Comms {
			channels = List.copyOf(channels);
			messages = List.copyOf(messages);
			cadence = List.copyOf(cadence);
		}

	}

	/**
	 * A broadcast. Its text may hold run parameters and placeholders filled when it is
	 * sent ({@code ${REASON}}).
	 *
	 * @param afterGate the gate whose result this checkpoint announces, or {@code null}
	 */
	public record Message(@NotBlank @Pattern(regexp = UPPER_SNAKE, message = UPPER_SNAKE_MESSAGE) String key,
			@NotNull MessageWhen when, @NotBlank String text, String afterGate) {

	}

	public enum MessageWhen {

		CUTOVER_START, CHECKPOINT, GO, NO_GO, ROLLBACK, MAINTENANCE, INCIDENT, RESOLVED, HEADS_UP

	}

	/** Updates are due every {@code everyMinutes} from one offset to the other. */
	public record Cadence(String label, @NotNull Integer fromOffsetMinutes, @NotNull Integer toOffsetMinutes,
			@NotNull @Positive Integer everyMinutes) {

	}

	public record Hypercare(List<@Valid HypercareWindow> windows, String tools, List<@Valid Alert> alerts) {

		public Hypercare {
			windows = List.copyOf(windows);
			alerts = List.copyOf(alerts);
		}

	}

	/**
	 * Hours after T-0. Without {@code everyMinutes} the window is watched continuously
	 * and has no scheduled checks.
	 */
	public record HypercareWindow(@NotNull @PositiveOrZero Integer fromHours, @NotNull @Positive Integer toHours,
			@Positive Integer everyMinutes, List<String> focus) {

		public HypercareWindow {
			focus = List.copyOf(focus);
		}

	}

	public record Alert(@NotBlank @Pattern(regexp = UPPER_SNAKE, message = UPPER_SNAKE_MESSAGE) String key,
			@NotBlank String title, @NotNull Severity severity) {

	}

	public enum Severity {

		WARNING, CRITICAL

	}

	public record Risk(@NotBlank @Pattern(regexp = SIMPLE_KEY, message = SIMPLE_KEY_MESSAGE) String key,
			@NotBlank String risk, @NotNull Level likelihood, @NotNull Level impact, @NotBlank String owner,
			String mitigation) {

	}

	public enum Level {

		L, M, H

	}

	/** Reference material: playbooks, command sheets, tables. Markdown. */
	public record Appendix(@NotBlank @Pattern(regexp = UPPER_SNAKE, message = UPPER_SNAKE_MESSAGE) String key,
			@NotBlank String title, String body) {

	}

}
