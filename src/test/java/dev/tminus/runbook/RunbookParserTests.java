package dev.tminus.runbook;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.tminus.runbook.RunbookTemplate.Comparator;
import dev.tminus.runbook.RunbookTemplate.FieldType;
import dev.tminus.runbook.RunbookTemplate.Outcome;
import dev.tminus.runbook.RunbookTemplate.Parameter.Source;
import dev.tminus.runbook.RunbookTemplateException.Problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RunbookParserTests {

	static final String FILE = "minimal.yml";

	static final String MINIMAL = """
			name: Minimal
			parameters:
			  - key: RUN_ID
			    label: Run id
			    generated: "run-{utc:yyyyMMddHHmmss}"
			  - key: P95_MAX_MS
			    label: p95 latency <= X ms
			    input: true
			    type: number
			roles:
			  - key: IC
			    title: Incident Commander
			  - key: SCRIBE
			    title: Scribe
			  - key: DEPLOYER
			    title: Deployer
			  - key: QA
			    title: QA
			    approver: true
			failure_classifications: [DEPLOY_FAILED, SMOKE_FAILED]
			phases:
			  - key: T-15
			    offset_minutes: -15
			    title: Deploy
			  - key: T-0
			    offset_minutes: 0
			    title: Smoke
			steps:
			  - key: DEPLOY
			    phase: T-15
			    title: Deploy
			    owner: DEPLOYER
			    instructions: |
			      Deploy the release:

			      ```bash
			      ./deploy.sh --run-id ${RUN_ID} --tag "$${TAG}"
			      ```
			  - key: SMOKE
			    phase: T-0
			    title: Smoke
			    owner: DEPLOYER
			    depends_on: [DEPLOY]
			    evidence_files: [05_smoke_200.log]
			    fields:
			      - key: log_ref
			        label: Log ref
			        required: true
			        type: url
			gates:
			  - key: SMOKE
			    title: Smoke
			    owner: DEPLOYER
			    pass_criteria: HTTP 200 and fast
			    failure_classification: SMOKE_FAILED
			    measures:
			      - key: HTTP_CODE
			        label: HTTP status
			        comparator: eq
			        threshold: 200
			      - key: P95_MS
			        label: p95 latency
			        unit: ms
			        comparator: le
			        threshold: "${P95_MAX_MS}"
			sign_offs:
			  - key: QA_SIGN_OFF
			    role: QA
			    title: QA sign-off
			    items: [Everything checked]
			decision_statement: Smoke PASS. GO.
			""";

	final RunbookParser parser = new RunbookParser();

	@Test
	void readsAValidTemplateWithItsDefaults() {
		RunbookTemplate template = this.parser.parse(FILE, MINIMAL);

		assertThat(template.key()).isEqualTo("minimal");
		assertThat(template.roles()).extracting(RunbookTemplate.Role::key)
			.containsExactly("IC", "SCRIBE", "DEPLOYER", "QA");
		assertThat(template.role("SCRIBE")).hasValueSatisfying((role) -> assertThat(role.approver()).isFalse());
		assertThat(template.parameters()).extracting(RunbookTemplate.Parameter::source)
			.containsExactly(Source.GENERATED, Source.INPUT);
		RunbookTemplate.Step smoke = template.step("SMOKE").orElseThrow();
		assertThat(smoke.evidenceRequired()).as("listing evidence files makes evidence required").isTrue();
		assertThat(smoke.fields()).singleElement().satisfies((field) -> {
			assertThat(field.type()).isEqualTo(FieldType.URL);
			assertThat(field.required()).isTrue();
		});
		assertThat(template.step("DEPLOY").orElseThrow().evidenceRequired()).isFalse();
		assertThat(template.gate("SMOKE").orElseThrow().measures()).extracting(RunbookTemplate.Measure::comparator)
			.containsExactly(Comparator.EQ, Comparator.LE);
		assertThat(template.rollback().decideWithinMinutes()).isEqualTo(5);
		assertThat(template.decisionRules().outcomes()).containsExactly(Outcome.values());
		assertThat(template.comms().messages()).isEmpty();
		assertThat(template.stepsIn("T-0")).extracting(RunbookTemplate.Step::key).containsExactly("SMOKE");
	}

	@Test
	void readsTheExampleOfTheFormatReadme() throws Exception {
		String readme = Files.readString(Path.of("config/runbooks/README.md"));
		String example = readme.substring(readme.indexOf("```yaml", readme.indexOf("## Example")) + "```yaml".length());
		example = example.substring(0, example.indexOf("\n```\n", example.indexOf("decision_statement")));

		RunbookTemplate template = this.parser.parse("example.yml", example);

		assertThat(template.gates()).singleElement().satisfies((gate) -> assertThat(gate.measures()).hasSize(2));
	}

	@Test
	void rejectsAStepOwnedByAnUnknownRole() {
		String yaml = MINIMAL.replace("owner: DEPLOYER\n    depends_on", "owner: DEPLOYR\n    depends_on");

		assertProblem(yaml, lineOf(yaml, "owner: DEPLOYR"), "steps[1].owner", "unknown role 'DEPLOYR'");
	}

	@Test
	void rejectsAGateOwnedByAnUnknownRole() {
		String yaml = MINIMAL.replace("owner: DEPLOYER\n    pass_criteria", "owner: PERF_ENG\n    pass_criteria");

		assertProblem(yaml, lineOf(yaml, "owner: PERF_ENG"), "gates[0].owner", "unknown role 'PERF_ENG'");
	}

	@Test
	void rejectsASignOffByAnUnknownRole() {
		String yaml = MINIMAL.replace("role: QA", "role: FINOPS");

		assertProblem(yaml, lineOf(yaml, "role: FINOPS"), "sign_offs[0].role", "unknown role 'FINOPS'");
	}

	@Test
	void rejectsASignOffByARoleThatIsNotAnApprover() {
		String yaml = MINIMAL.replace("role: QA", "role: DEPLOYER");

		assertProblem(yaml, lineOf(yaml, "role: DEPLOYER"), "sign_offs[0].role", "needs an approver role");
	}

	@Test
	void rejectsADuplicateYamlMapKey() {
		String yaml = MINIMAL.replace("    title: Deploy\n    owner: DEPLOYER\n",
				"    title: Deploy\n    owner: DEPLOYER\n    owner: IC\n");

		assertProblem(yaml, lineOf(yaml, "owner: IC"), "steps[0].owner",
				"duplicate key 'owner' (first at line " + lineOf(yaml, "owner: DEPLOYER") + ")");
	}

	@Test
	void rejectsTwoStepsWithTheSameKey() {
		String yaml = MINIMAL.replace("  - key: SMOKE\n    phase: T-0", "  - key: DEPLOY\n    phase: T-0");

		assertProblem(yaml, lineOf(yaml, "  - key: DEPLOY\n    phase: T-0"), "steps[1]",
				"duplicate key 'DEPLOY' (also steps[0] at line " + lineOf(yaml, "  - key: DEPLOY\n") + ")");
	}

	@Test
	void rejectsTwoGatesWithTheSameKey() {
		String yaml = MINIMAL.replace("sign_offs:", """
				  - key: SMOKE
				    title: Smoke again
				    owner: IC
				    pass_criteria: still fine
				    failure_classification: SMOKE_FAILED
				sign_offs:""");

		assertProblem(yaml, lineOf(yaml, "  - key: SMOKE\n    title: Smoke again"), "gates[1]",
				"duplicate key 'SMOKE'");
	}

	@Test
	void rejectsTwoPhasesWithTheSameKey() {
		String yaml = MINIMAL.replace("  - key: T-0\n    offset_minutes: 0", "  - key: T-15\n    offset_minutes: 0");

		assertProblem(yaml, lineOf(yaml, "  - key: T-15\n    offset_minutes: 0"), "phases[1]", "duplicate key 'T-15'");
	}

	@Test
	void rejectsPhasesOutOfOffsetOrder() {
		String yaml = MINIMAL.replace("offset_minutes: 0", "offset_minutes: -30");

		assertProblem(yaml, lineOf(yaml, "offset_minutes: -30"), "phases[1].offset_minutes",
				"phase 'T-0' (-30) comes before phase 'T-15' (-15)");
	}

	@Test
	void acceptsPhasesThatStartAtTheSameOffset() {
		String yaml = MINIMAL.replace("offset_minutes: 0", "offset_minutes: -15");

		assertThat(this.parser.parse(FILE, yaml).phases()).hasSize(2);
	}

	@Test
	void rejectsAStepInAnUnknownPhase() {
		String yaml = MINIMAL.replace("phase: T-0", "phase: T+5");

		assertProblem(yaml, lineOf(yaml, "phase: T+5"), "steps[1].phase", "unknown phase 'T+5' (known: T-15, T-0)");
	}

	@Test
	void rejectsAGateWithoutFailureClassification() {
		String yaml = MINIMAL.replace("    failure_classification: SMOKE_FAILED\n", "");

		assertProblem(yaml, lineOf(yaml, "  - key: SMOKE\n    title: Smoke\n    owner"),
				"gates[0].failure_classification", "is required: name one of failure_classifications");
	}

	@Test
	void rejectsAGateWithAnUnknownFailureClassification() {
		String yaml = MINIMAL.replace("failure_classification: SMOKE_FAILED", "failure_classification: SMOKE_BROKEN");

		assertProblem(yaml, lineOf(yaml, "SMOKE_BROKEN"), "gates[0].failure_classification",
				"unknown failure classification 'SMOKE_BROKEN' (known: DEPLOY_FAILED, SMOKE_FAILED)");
	}

	@Test
	void rejectsATemplateWithoutAnIncidentCommander() {
		String yaml = MINIMAL.replace("  - key: IC\n    title: Incident Commander\n", "");

		assertProblem(yaml, lineOf(yaml, "roles:"), "roles", "the role IC is missing");
	}

	@Test
	void rejectsATemplateWithoutAScribe() {
		String yaml = MINIMAL.replace("  - key: SCRIBE\n    title: Scribe\n", "");

		assertProblem(yaml, lineOf(yaml, "roles:"), "roles", "the role SCRIBE is missing");
	}

	@Test
	void rejectsADependencyOnAnUnknownStep() {
		String yaml = MINIMAL.replace("depends_on: [DEPLOY]", "depends_on: [DEPLOYMENT]");

		assertProblem(yaml, lineOf(yaml, "depends_on: [DEPLOYMENT]"), "steps[1].depends_on[0]",
				"step 'SMOKE' depends on unknown step 'DEPLOYMENT'");
	}

	@Test
	void rejectsADependencyCycle() {
		String yaml = MINIMAL.replace("    title: Deploy\n    owner: DEPLOYER\n",
				"    title: Deploy\n    owner: DEPLOYER\n    depends_on: [SMOKE]\n");

		assertProblem(yaml, lineOf(yaml, "depends_on: [SMOKE]"), "steps[0].depends_on",
				"depends_on forms a cycle: DEPLOY -> SMOKE -> DEPLOY");
	}

	@Test
	void rejectsAStepThatDependsOnItself() {
		String yaml = MINIMAL.replace("depends_on: [DEPLOY]", "depends_on: [SMOKE]");

		assertProblem(yaml, lineOf(yaml, "depends_on: [SMOKE]"), "steps[1].depends_on[0]", "depends on itself");
	}

	@Test
	void rejectsAnUnknownParameterInInstructionsAtItsOwnLine() {
		String yaml = MINIMAL.replace("--run-id ${RUN_ID}", "--run-id ${RUN}");

		assertProblem(yaml, lineOf(yaml, "--run-id ${RUN}"), "steps[0].instructions",
				"unknown parameter ${RUN} (known: T_CUTOVER, RELEASE, ENVIRONMENT, CUTOVER_NAME, RUN_ID, P95_MAX_MS)");
	}

	@Test
	void acceptsAnEscapedShellVariableInInstructions() {
		RunbookTemplate template = this.parser.parse(FILE, MINIMAL);

		assertThat(template.step("DEPLOY").orElseThrow().instructions()).contains("\"$${TAG}\"");
	}

	@Test
	void rejectsAnUnknownParameterInAThreshold() {
		String yaml = MINIMAL.replace("threshold: \"${P95_MAX_MS}\"", "threshold: \"${P95_MAX}\"");

		assertProblem(yaml, lineOf(yaml, "${P95_MAX}"), "gates[0].measures[1].threshold",
				"unknown parameter ${P95_MAX}");
	}

	@Test
	void rejectsAnUnknownComparator() {
		String yaml = MINIMAL.replace("comparator: le", "comparator: lte");

		assertProblem(yaml, lineOf(yaml, "comparator: lte"), "gates[0].measures[1].comparator",
				"unknown value 'lte' (one of lt, le, gt, ge, eq, ne)");
	}

	@Test
	void rejectsTextWhereAnOrderingComparatorNeedsANumber() {
		String yaml = MINIMAL.replace("threshold: \"${P95_MAX_MS}\"", "threshold: fast");

		assertProblem(yaml, lineOf(yaml, "threshold: fast"), "gates[0].measures[1].threshold",
				"comparator le needs a number, found 'fast'");
	}

	@Test
	void rejectsAComparatorWithoutThreshold() {
		String yaml = MINIMAL.replace("        threshold: 200\n", "");

		assertProblem(yaml, lineOf(yaml, "comparator: eq"), "gates[0].measures[0].comparator",
				"needs exactly one of threshold or threshold_measure");
	}

	@Test
	void rejectsAThresholdMeasureThatTheGateDoesNotHave() {
		String yaml = MINIMAL.replace("        threshold: 200\n", "        threshold_measure: BEFORE_HASH\n");

		assertProblem(yaml, lineOf(yaml, "BEFORE_HASH"), "gates[0].measures[0].threshold_measure",
				"unknown measure 'BEFORE_HASH' in gate 'SMOKE' (known: HTTP_CODE, P95_MS)");
	}

	@Test
	void rejectsMalformedYamlSyntax() {
		String yaml = MINIMAL.replace("    title: Deploy\n    owner: DEPLOYER\n",
				"    title: Deploy\n    owner: [DEPLOYER\n");

		assertThatExceptionOfType(RunbookTemplateException.class).isThrownBy(() -> this.parser.parse(FILE, yaml))
			.withMessageStartingWith("Broken runbook template " + FILE + ":")
			.withMessageContaining("malformed YAML")
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.satisfies((problem) -> assertThat(problem.line()).isBetween(lineOf(yaml, "owner: [DEPLOYER"),
						lineOf(yaml, "owner: [DEPLOYER") + 2)));
	}

	@Test
	void rejectsAnEmptyFile() {
		assertProblem("# nothing here\n", 1, "", "the file is empty");
	}

	@Test
	void rejectsAnUnknownTopLevelKey() {
		String yaml = MINIMAL + "owner: IC\n";

		assertProblem(yaml, lineOf(yaml, "owner: IC\n"), "owner", "unknown key 'owner' (allowed here: appendices,");
	}

	@Test
	void rejectsAnUnknownKeyInAStep() {
		String yaml = MINIMAL.replace("    title: Deploy\n    owner: DEPLOYER\n",
				"    title: Deploy\n    owner: DEPLOYER\n    evidence: [x.log]\n");

		assertProblem(yaml, lineOf(yaml, "evidence: [x.log]"), "steps[0].evidence", "unknown key 'evidence'");
	}

	@Test
	void rejectsAListWhereTextIsExpected() {
		String yaml = MINIMAL.replace("title: Smoke\n    owner: DEPLOYER\n    depends_on",
				"title: [Smoke]\n    owner: DEPLOYER\n    depends_on");

		assertProblem(yaml, lineOf(yaml, "title: [Smoke]"), "steps[1].title", "expected text, found a list");
	}

	@Test
	void rejectsAnUnquotedYesWhereTextIsExpected() {
		String yaml = MINIMAL.replace("threshold: 200", "threshold: yes");

		assertProblem(yaml, lineOf(yaml, "threshold: yes"), "gates[0].measures[0].threshold",
				"found the boolean 'yes'; put it in quotes");
	}

	@Test
	void rejectsTextWhereAWholeNumberIsExpected() {
		String yaml = MINIMAL.replace("offset_minutes: -15", "offset_minutes: soon");

		assertProblem(yaml, lineOf(yaml, "offset_minutes: soon"), "phases[0].offset_minutes",
				"expected a whole number, found 'soon'");
	}

	@Test
	void rejectsAStepWithoutTitleAtTheStepsLine() {
		String yaml = MINIMAL.replace("    title: Smoke\n    owner: DEPLOYER\n    depends_on",
				"    owner: DEPLOYER\n    depends_on");

		assertProblem(yaml, lineOf(yaml, "  - key: SMOKE\n    phase"), "steps[1].title", "must not be blank");
	}

	@Test
	void rejectsAStepKeyThatIsNotUpperSnake() {
		String yaml = MINIMAL.replace("key: DEPLOY\n", "key: deploy-it\n").replace("[DEPLOY]", "[deploy-it]");

		assertProblem(yaml, lineOf(yaml, "key: deploy-it"), "steps[0].key", "must be UPPER_SNAKE");
	}

	@Test
	void rejectsAParameterWithTwoSources() {
		String yaml = MINIMAL.replace("    input: true\n", "    input: true\n    value: \"300\"\n");

		assertProblem(yaml, lineOf(yaml, "key: P95_MAX_MS"), "parameters[1].key",
				"needs exactly one of value, generated, from_t0 or input: true (found value, input)");
	}

	@Test
	void rejectsAMalformedFromT0Duration() {
		String yaml = MINIMAL.replace("generated: \"run-{utc:yyyyMMddHHmmss}\"", "from_t0: yesterday");

		assertProblem(yaml, lineOf(yaml, "from_t0: yesterday"), "parameters[0].from_t0",
				"expected a signed duration such as -24h");
	}

	@Test
	void rejectsAParameterThatRedefinesABuiltIn() {
		String yaml = MINIMAL.replace("key: RUN_ID", "key: RELEASE").replace("${RUN_ID}", "${RELEASE}");

		assertProblem(yaml, lineOf(yaml, "key: RELEASE"), "parameters[0].key", "'RELEASE' is built in");
	}

	@Test
	void rejectsAnIncidentCommanderThatIsAnApprover() {
		String yaml = MINIMAL.replace("    title: Incident Commander\n",
				"    title: Incident Commander\n    approver: true\n");

		assertProblem(yaml, lineOf(yaml, "approver: true"), "roles[0].approver", "segregation of duties");
	}

	@Test
	void readsACompletionCriterionWithATimeWindowAfterGo() {
		String yaml = MINIMAL + """
				completion_criteria:
				  - key: NO_5XX_SPIKES
				    text: No 5xx spikes in the first 2 hours
				    owner: DEPLOYER
				    not_before: 2h
				""";

		assertThat(this.parser.parse(FILE, yaml).completionCriteria()).singleElement()
			.satisfies((criterion) -> assertThat(criterion.notBefore()).isEqualTo(java.time.Duration.ofHours(2)));
	}

	@Test
	void rejectsANegativeOrMalformedTimeWindow() {
		String yaml = MINIMAL + """
				completion_criteria:
				  - key: NO_5XX_SPIKES
				    text: No 5xx spikes in the first 2 hours
				    owner: DEPLOYER
				    not_before: -2h
				""";

		assertProblem(yaml, lineOf(yaml, "not_before: -2h"), "completion_criteria[0].not_before",
				"expected a positive duration after GO");
		assertProblem(yaml.replace("-2h", "two hours"), lineOf(yaml, "not_before: -2h"),
				"completion_criteria[0].not_before", "found 'two hours'");
	}

	@Test
	void readsTypedParametersAndTheirDefaults() {
		String yaml = MINIMAL.replace("    type: number\n", "    type: number\n    default: \"1e3\"\n")
			.replace("parameters:\n", """
					parameters:
					  - key: RPO
					    label: RPO target
					    type: duration
					    value: 5m
					  - key: TENANT
					    label: Canary tenant
					    input: true
					    required: false
					""");

		RunbookTemplate template = this.parser.parse(FILE, yaml);

		assertThat(template.parameters())
			.extracting(RunbookTemplate.Parameter::key, RunbookTemplate.Parameter::type,
					RunbookTemplate.Parameter::required)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("RPO", RunbookTemplate.ParameterType.DURATION, true),
					org.assertj.core.groups.Tuple.tuple("TENANT", RunbookTemplate.ParameterType.TEXT, false),
					org.assertj.core.groups.Tuple.tuple("RUN_ID", RunbookTemplate.ParameterType.TEXT, true),
					org.assertj.core.groups.Tuple.tuple("P95_MAX_MS", RunbookTemplate.ParameterType.NUMBER, true));
		assertThat(template.parameters().get(3).defaultValue()).isEqualTo("1000");
	}

	@Test
	void rejectsATextParameterAsTheThresholdOfAnOrderingComparator() {
		String yaml = MINIMAL.replace("    type: number\n", "");

		assertProblem(yaml, lineOf(yaml, "threshold: \"${P95_MAX_MS}\""), "gates[0].measures[1].threshold",
				"must be declared type: number");
	}

	@Test
	void rejectsAConstantOrDefaultThatIsNotOfItsType() {
		String yaml = MINIMAL.replace("    type: number\n", "    type: number\n    default: x\n");

		assertProblem(yaml, lineOf(yaml, "default: x"), "parameters[1].default", "must be a number");
	}

	@Test
	void rejectsAnUnknownParameterTypeAndRequiredOnANonInput() {
		String yaml = MINIMAL.replace("    type: number\n", "    type: integer\n");
		assertProblem(yaml, lineOf(yaml, "type: integer"), "parameters[1].type", "integer");

		String notInput = MINIMAL.replace("    generated: \"run-{utc:yyyyMMddHHmmss}\"\n",
				"    generated: \"run-{utc:yyyyMMddHHmmss}\"\n    required: false\n");
		assertProblem(notInput, lineOf(notInput, "required: false"), "parameters[0].required",
				"only an input parameter");
	}

	@Test
	void readsAGateThatFollowsFromItsSteps() {
		String yaml = MINIMAL
			.replace("    pass_criteria: HTTP 200 and fast\n",
					"    steps: [DEPLOY, SMOKE]\n    from_steps: true\n    pass_criteria: HTTP 200 and fast\n")
			.replaceAll("(?s)    measures:\n      - key: HTTP_CODE.*?threshold: \"\\$\\{P95_MAX_MS}\"\n", "");

		RunbookTemplate.Gate gate = this.parser.parse(FILE, yaml).gate("SMOKE").orElseThrow();

		assertThat(gate.fromSteps()).isTrue();
		assertThat(gate.steps()).containsExactly("DEPLOY", "SMOKE");
	}

	@Test
	void rejectsAGateThatFollowsFromStepsButListsNone() {
		String yaml = MINIMAL.replace("    pass_criteria: HTTP 200 and fast\n",
				"    from_steps: true\n    pass_criteria: HTTP 200 and fast\n");

		assertProblem(yaml, lineOf(yaml, "from_steps: true"), "gates[0].from_steps", "lists none");
	}

	@Test
	void rejectsAGateThatFollowsFromStepsAndHasMeasures() {
		String yaml = MINIMAL.replace("    pass_criteria: HTTP 200 and fast\n",
				"    steps: [SMOKE]\n    from_steps: true\n    pass_criteria: HTTP 200 and fast\n");

		assertProblem(yaml, lineOf(yaml, "from_steps: true"), "gates[0].from_steps", "drop measures or from_steps");
	}

	@Test
	void reportsEveryProblemOfTheFileAtOnce() {
		String yaml = MINIMAL.replace("owner: DEPLOYER\n    depends_on", "owner: DEPLOYR\n    depends_on")
			.replace("role: QA", "role: NOBODY");

		assertThatExceptionOfType(RunbookTemplateException.class).isThrownBy(() -> this.parser.parse(FILE, yaml))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(Problem::field)
				.containsExactly("steps[1].owner", "sign_offs[0].role"))
			.withMessageStartingWith("Broken runbook templates, 2 problems:");
	}

	private void assertProblem(String yaml, int line, String field, String message) {
		assertThatExceptionOfType(RunbookTemplateException.class).isThrownBy(() -> this.parser.parse(FILE, yaml))
			.satisfies((ex) -> assertThat(ex.problems()).as(ex.getMessage()).anySatisfy((problem) -> {
				assertThat(problem.file()).isEqualTo(FILE);
				assertThat(problem.line()).isEqualTo(line);
				assertThat(problem.field()).isEqualTo(field);
				assertThat(problem.message()).contains(message);
			}))
			.withMessageContaining(FILE + ":" + line + ": " + (field.isEmpty() ? "" : field + ": "));
	}

	/** The 1-based line on which {@code text} starts in {@code yaml}. */
	static int lineOf(String yaml, String text) {
		int index = yaml.indexOf(text);
		assertThat(index).as("'%s' in the test YAML", text).isNotNegative();
		return (int) yaml.substring(0, index).chars().filter((c) -> c == '\n').count() + 1;
	}

}
