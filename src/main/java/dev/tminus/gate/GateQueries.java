package dev.tminus.gate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverAccess;
import dev.tminus.cutover.CutoverFacts;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.CutoverStatus;
import dev.tminus.evidence.EvidenceProperties;
import dev.tminus.evidence.EvidenceQueries;
import dev.tminus.evidence.EvidenceView;
import dev.tminus.evidence.RequiredEvidence;
import dev.tminus.gate.GateBoardView.GateView;
import dev.tminus.gate.GateBoardView.GroupView;
import dev.tminus.gate.GateBoardView.MeasureView;
import dev.tminus.gate.GateBoardView.StepEvidenceView;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Gate;
import dev.tminus.runbook.RunbookTemplate.Measure;
import dev.tminus.runbook.RunbookTemplate.Role;
import dev.tminus.runbook.RunbookTemplate.Step;
import dev.tminus.shared.web.NotFoundException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where the gates of a cutover stand. A fixed number of queries whatever the number of
 * gates, results or evidence: the cutover, the results of its gates, the evidence (the
 * template is parsed once per version and cached).
 */
@Service
public class GateQueries {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private static final TypeReference<List<Map<String, Object>>> EVALUATION = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final EvidenceQueries evidence;

	private final CutoverService cutovers;

	private final CutoverQueries cutoverQueries;

	private final EvidenceProperties evidenceProperties;

	GateQueries(JdbcClient jdbc, EvidenceQueries evidence, CutoverService cutovers, CutoverQueries cutoverQueries,
			EvidenceProperties evidenceProperties) {
		this.cutoverQueries = cutoverQueries;
		this.jdbc = jdbc;
		this.evidence = evidence;
		this.cutovers = cutovers;
		this.evidenceProperties = evidenceProperties;
	}

	/** Every gate of the cutover's template, in template order. */
	@Transactional(readOnly = true)
	public List<GateStatus> statuses(long cutoverId) {
		CutoverFacts facts = this.cutoverQueries.facts(cutoverId);
		RunbookTemplate template = facts.template();
		Map<String, List<Result>> history = history(cutoverId);
		List<EvidenceView> evidence = this.evidence.forCutover(cutoverId);
		return template.gates()
			.stream()
			.map((gate) -> status(template, gate, history.getOrDefault(gate.key(), List.of()), evidence))
			.toList();
	}

	/** The gate board for one viewer. */
	@Transactional(readOnly = true)
	public GateBoardView board(long cutoverId, CurrentUser viewer) {
		CutoverAccess access = this.cutovers.access(cutoverId, viewer);
		CutoverFacts facts = this.cutoverQueries.facts(cutoverId);
		RunbookTemplate template = facts.template();
		Map<String, List<Result>> history = history(cutoverId);
		List<EvidenceView> evidence = this.evidence.forCutover(cutoverId);
		boolean open = facts.status().acceptsStepRecords();
		Map<String, List<GateView>> groups = new LinkedHashMap<>();
		for (Gate gate : template.gates()) {
			List<Result> results = history.getOrDefault(gate.key(), List.of());
			Result result = results.isEmpty() ? null : results.get(results.size() - 1);
			GateStatus status = status(template, gate, results, evidence);
			List<MeasureView> measures = gate.measures()
				.stream()
				.map((m) -> new MeasureView(m.key(), m.label(), (m.unit() != null) ? m.unit() : "",
						threshold(m, facts.parameters())))
				.toList();
			RequiredEvidence.Scope scope = RequiredEvidence.of(gate);
			List<EvidenceView> attached = evidence.stream().filter(scope::covers).toList();
			String group = (gate.group() != null && !gate.group().isBlank()) ? gate.group() : "Gates";
			groups.computeIfAbsent(group, (g) -> new ArrayList<>())
				.add(new GateView(gate.key(), gate.title(), gate.owner(), roleTitle(template, gate.owner()), List.of(),
						gate.input(), gate.passCriteria(), gate.threshold(), gate.hard(), gate.failureClassification(),
						gate.noGoAction(), gate.evidenceFiles(), measures,
						gate.measures().stream().anyMatch((m) -> m.comparator() != null), status,
						(result != null) ? ParameterResolver.format(result.recordedAt()) : null,
						(result != null) ? result.measured() : Map.of(),
						(result != null) ? result.reasons() : List.of(), (result != null) ? result.note() : null,
						attached, open && access.canRecordStepOwnedBy(gate.owner())));
		}
		List<StepEvidenceView> steps = new ArrayList<>();
		for (Step step : template.steps()) {
			if (!step.evidenceRequired() && step.evidenceFiles().isEmpty()) {
				continue;
			}
			steps.add(new StepEvidenceView(step.key(), step.title(), roleTitle(template, step.owner()),
					step.evidenceFiles(), RequiredEvidence.missing(template, step, evidence),
					evidence.stream().filter((e) -> step.key().equals(e.stepKey())).toList(),
					open && access.canRecordStepOwnedBy(step.owner())));
		}
		return new GateBoardView(cutoverId, open, this.evidenceProperties.maxFileSizeText(),
				groups.entrySet().stream().map((e) -> new GroupView(e.getKey(), e.getValue())).toList(), steps);
	}

	/** Every result recorded for the cutover's gates, oldest first, in one query. */
	@Transactional(readOnly = true)
	public List<GateResultView> results(long cutoverId) {
		return this.jdbc.sql("""
				select g.id, g.gate_key, g.verdict, g.computed, g.measured::text, g.evaluation::text, g.note,
				       a.display_name || ' (' || a.username || ')' as recorded_by, g.on_behalf_of, g.recorded_at
				  from gate_result g join account a on a.id = g.recorded_by
				 where g.cutover_id = ?
				 order by g.recorded_at, g.id
				""")
			.param(cutoverId)
			.query((rs, row) -> new GateResultView(rs.getLong("id"), rs.getString("gate_key"), rs.getString("verdict"),
					rs.getBoolean("computed"), json.readValue(rs.getString(5), STRING_MAP),
					json.readValue(rs.getString(6), EVALUATION)
						.stream()
						.map((r) -> String.valueOf(r.get("reason")))
						.toList(),
					rs.getString("note"), rs.getString("recorded_by"), rs.getString("on_behalf_of"),
					rs.getTimestamp("recorded_at").toInstant()))
			.list();
	}

	/**
	 * Where a gate stands: the latest result counts, except that a hard gate's first FAIL
	 * is final for the run; missing required evidence is a FAIL too. Every FAIL before
	 * the latest result is listed, with who recorded it.
	 * @param history the gate's results, oldest first
	 */
	static GateStatus status(RunbookTemplate template, Gate gate, List<Result> history, List<EvidenceView> evidence) {
		List<String> missing = RequiredEvidence.missing(gate, evidence);
		Result latest = history.isEmpty() ? null : history.get(history.size() - 1);
		Result firstFail = history.stream().filter(Result::failed).findFirst().orElse(null);
		List<String> reasons = new ArrayList<>();
		Verdict effective;
		if (latest == null) {
			effective = Verdict.PENDING;
			reasons.add(gate.fromSteps() ? "follows from its steps: PASS once these all PASS: " + String.join("; ",
					gate.steps()
						.stream()
						.map((key) -> template.step(key).map(Step::title).orElse(key).replaceAll("[.]+$", ""))
						.toList())
					: "no result recorded yet");
		}
		else if (gate.hard() && firstFail != null) {
			effective = Verdict.FAIL;
			reasons.addAll(firstFail.failures());
			reasons.add("FAIL recorded by " + firstFail.recordedBy() + " at "
					+ ParameterResolver.format(firstFail.recordedAt()) + ": a hard gate's FAIL is final for this run"
					+ ((latest != firstFail) ? ", later results do not count" : ""));
		}
		else if (latest.failed()) {
			effective = Verdict.FAIL;
			List<String> failures = latest.failures();
			reasons.addAll(failures.isEmpty() ? List.of("recorded FAIL by " + latest.recordedBy()) : failures);
		}
		else {
			effective = Verdict.PASS;
		}
		if (!missing.isEmpty()) {
			effective = Verdict.FAIL;
			reasons.add(0, "missing evidence: " + String.join(", ", missing));
		}
		// a hard gate's FAIL is its status, not history
		List<String> earlierFails = gate.hard() ? List.of()
				: history.stream()
					.filter((result) -> result.failed() && result != latest)
					.map(Result::describe)
					.toList();
		return new GateStatus(gate.key(), gate.title(), gate.group(), gate.hard(), gate.fromSteps(),
				gate.failureClassification(), gate.noGoAction(), effective, reasons, missing, earlierFails,
				(latest != null) ? latest.recordedAt() : null, (latest != null) ? latest.recordedBy() : null);
	}

	/** Every result of the cutover's gates by gate, oldest first, in one query. */
	private Map<String, List<Result>> history(long cutoverId) {
		Map<String, List<Result>> history = new HashMap<>();
		this.jdbc.sql("""
				select g.gate_key, g.verdict, g.measured::text, g.evaluation::text, g.note, g.recorded_at,
				       a.display_name || ' (' || a.username || ')' as recorded_by
				  from gate_result g join account a on a.id = g.recorded_by
				 where g.cutover_id = ?
				 order by g.recorded_at, g.id
				""").param(cutoverId).query((rs, row) -> {
			List<Map<String, Object>> evaluation = json.readValue(rs.getString(4), EVALUATION);
			Timestamp at = rs.getTimestamp("recorded_at");
			Result result = new Result(rs.getString("gate_key"), rs.getString("verdict"),
					json.readValue(rs.getString(3), STRING_MAP), evaluation, rs.getString("note"), at.toInstant(),
					rs.getString("recorded_by"));
			history.computeIfAbsent(result.gateKey(), (key) -> new ArrayList<>()).add(result);
			return result;
		}).list();
		return history;
	}

	private static String threshold(Measure measure, Map<String, String> parameters) {
		if (measure.comparator() == null) {
			return "";
		}
		if (measure.thresholdMeasure() != null) {
			return measure.comparator().symbol() + " " + measure.thresholdMeasure();
		}
		String value = ParameterResolver.substitute(measure.threshold(), parameters);
		String unit = (measure.unit() != null && !measure.unit().contains(" ")) ? " " + measure.unit() : "";
		return measure.comparator().symbol() + " " + value + unit;
	}

	private static String roleTitle(RunbookTemplate template, String roleKey) {
		return template.role(roleKey).map(Role::title).orElse(roleKey);
	}

	record Result(String gateKey, String verdict, Map<String, String> measured, List<Map<String, Object>> evaluation,
			String note, Instant recordedAt, String recordedBy) {

		boolean failed() {
			return "FAIL".equals(this.verdict);
		}

		/** "FAIL by Dana Diaz (dana) at 2026-11-22T21:03:00Z: LEDGER_HELD 10 ≠ 0". */
		String describe() {
			List<String> why = failures();
			String detail = !why.isEmpty() ? String.join("; ", why) : this.note;
			return "FAIL by " + this.recordedBy + " at " + ParameterResolver.format(this.recordedAt)
					+ ((detail != null && !detail.isBlank()) ? ": " + detail : "");
		}

		List<String> reasons() {
			return this.evaluation.stream().map((r) -> String.valueOf(r.get("reason"))).toList();
		}

		List<String> failures() {
			return this.evaluation.stream()
				.filter((r) -> "FAIL".equals(r.get("verdict")))
				.map((r) -> String.valueOf(r.get("reason")))
				.toList();
		}

	}

}
