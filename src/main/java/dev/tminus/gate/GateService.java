package dev.tminus.gate;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverAccess;
import dev.tminus.cutover.CutoverFacts;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.CutoverStatus;
import dev.tminus.cutover.StepRecorded;
import dev.tminus.cutover.StepStatus;
import dev.tminus.evidence.EvidenceQueries;
import dev.tminus.evidence.EvidenceView;
import dev.tminus.evidence.RequiredEvidence;
import dev.tminus.live.LiveSignals;
import dev.tminus.runbook.MeasureEvaluation;
import dev.tminus.runbook.MeasureEvaluation.MeasureResult;
import dev.tminus.runbook.MeasureEvaluator;
import dev.tminus.runbook.MeasureValueException;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Gate;
import dev.tminus.runbook.RunbookTemplate.Measure;
import dev.tminus.runbook.RunbookTemplate.Role;
import dev.tminus.runbook.RunbookTemplate.Step;
import dev.tminus.shared.web.NotFoundException;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import dev.tminus.timeline.TimelineService;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records gate results. The verdict of a gate with thresholds is computed from the
 * measured values ({@link MeasureEvaluator}): PASS against a failing value is refused,
 * FAIL is always allowed. A gate without thresholds takes the PASS or FAIL chosen.
 * Results are history: each is a new row and the latest counts.
 */
@Service
public class GateService {

	static final int MAX_NOTE_LENGTH = 2000;

	static final int MAX_VALUE_LENGTH = 500;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final CutoverService cutovers;

	private final CutoverQueries cutoverQueries;

	private final TimelineService timeline;

	private final LiveSignals live;

	private final EvidenceQueries evidence;

	private final Clock clock;

	GateService(JdbcClient jdbc, CutoverService cutovers, CutoverQueries cutoverQueries, TimelineService timeline,
			LiveSignals live, EvidenceQueries evidence, Clock clock) {
		this.evidence = evidence;
		this.cutoverQueries = cutoverQueries;
		this.jdbc = jdbc;
		this.cutovers = cutovers;
		this.timeline = timeline;
		this.live = live;
		this.clock = clock;
	}

	/**
	 * @return the verdict stored
	 * @throws NotFoundException when the person is not on the cutover, or there is no
	 * such gate
	 * @throws AccessDeniedException unless the person holds the gate's owner role, is the
	 * Scribe or the IC
	 * @throws GateException when a rule refuses the result
	 */
	@Transactional
	public dev.tminus.runbook.Verdict record(long cutoverId, String gateKey, RecordGate command, CurrentUser actor) {
		CutoverAccess access = this.cutovers.access(cutoverId, actor);
		CutoverFacts facts = this.cutoverQueries.facts(cutoverId);
		RunbookTemplate template = facts.template();
		Gate gate = template.gate(gateKey).orElseThrow(() -> new NotFoundException("No gate " + gateKey));
		if (!access.canRecordStepOwnedBy(gate.owner())) {
			throw new AccessDeniedException(
					"Only the " + roleTitle(template, gate.owner()) + ", the Scribe or the IC may record this gate.");
		}
		if (!facts.status().acceptsStepRecords()) {
			throw new GateException((facts.status() == CutoverStatus.PLANNED)
					? "The cutover has not started yet: the creator or the IC starts it first."
					: "This cutover is " + facts.status() + ": its gates are closed.");
		}
		if (gate.fromSteps()) {
			throw new GateException(gate.title() + " follows from its steps (" + stepTitles(template, gate)
					+ "): record those steps. Its verdict is not recorded by hand.");
		}
		String note = (command.note() != null && !command.note().isBlank()) ? command.note().strip() : null;
		if (note != null && note.length() > MAX_NOTE_LENGTH) {
			throw new GateException("Use at most " + MAX_NOTE_LENGTH + " characters for the note.");
		}
		Map<String, String> measured = new LinkedHashMap<>();
		for (Measure measure : gate.measures()) {
			String value = command.measured().get(measure.key());
			if (value != null && !value.isBlank()) {
				measured.put(measure.key(), value.strip());
			}
		}
		List<String> unknown = command.measured()
			.keySet()
			.stream()
			.filter((key) -> gate.measures().stream().noneMatch((m) -> m.key().equals(key)))
			.toList();
		if (!unknown.isEmpty()) {
			throw new GateException(String.join(", ", unknown) + " is not a measure of " + gate.title() + ".");
		}
		if (measured.values().stream().anyMatch((v) -> v.length() > MAX_VALUE_LENGTH)) {
			throw new GateException("Use at most " + MAX_VALUE_LENGTH + " characters per measured value.");
		}
		boolean computed = gate.measures().stream().anyMatch((m) -> m.comparator() != null);
		MeasureEvaluation evaluation = null;
		if (!gate.measures().isEmpty()) {
			try {
				evaluation = MeasureEvaluator.evaluate(gate.measures(), measured, facts.parameters());
			}
			catch (MeasureValueException ex) {
				if (command.claimed() != dev.tminus.runbook.Verdict.FAIL) {
					throw new GateException("These values cannot be judged: " + ex.getMessage() + ".");
				}
			}
		}
		dev.tminus.runbook.Verdict verdict;
		if (command.claimed() == dev.tminus.runbook.Verdict.FAIL) {
			verdict = dev.tminus.runbook.Verdict.FAIL; // the person may always record
														// FAIL
		}
		else if (!computed && command.claimed() == null) {
			throw new GateException("This gate has no thresholds to compute from: choose PASS or FAIL.");
		}
		else if (evaluation != null && evaluation.verdict() == dev.tminus.runbook.Verdict.FAIL) {
			if (command.claimed() == dev.tminus.runbook.Verdict.PASS) {
				throw new GateException("PASS refused: " + String.join("; ", evaluation.failures())
						+ ". Record FAIL, or measure again.");
			}
			verdict = dev.tminus.runbook.Verdict.FAIL;
		}
		else {
			verdict = dev.tminus.runbook.Verdict.PASS;
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<Map<String, Object>> results = new ArrayList<>();
		if (evaluation != null) {
			for (MeasureResult result : evaluation.results()) {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("key", result.key());
				row.put("verdict", result.verdict().name());
				row.put("actual", result.actual());
				row.put("expected", result.expected());
				row.put("reason", result.reason());
				row.values().removeIf(java.util.Objects::isNull);
				results.add(row);
			}
		}
		String onBehalfOf = access.onBehalfOf(gate.owner());
		this.jdbc.sql("""
				insert into gate_result (cutover_id, gate_key, verdict, computed, measured, evaluation, note,
				    recorded_by, on_behalf_of, recorded_at)
				values (:cutoverId, :gateKey, :verdict, :computed, cast(:measured as jsonb), cast(:evaluation as jsonb),
				    :note, :recordedBy, :onBehalfOf, :recordedAt)""")
			.param("cutoverId", cutoverId)
			.param("gateKey", gateKey)
			.param("verdict", verdict.name())
			.param("computed", computed && command.claimed() != dev.tminus.runbook.Verdict.FAIL)
			.param("measured", json.writeValueAsString(measured))
			.param("evaluation", json.writeValueAsString(results))
			.param("note", note, Types.VARCHAR)
			.param("recordedBy", actor.id())
			.param("onBehalfOf", onBehalfOf, Types.VARCHAR)
			.param("recordedAt", java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
			.update();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("measured", measured);
		details.put("evaluation", results);
		details.put("computed", computed);
		if (note != null) {
			details.put("note", note);
		}
		String values = measured.isEmpty() ? ""
				: " (" + measured.entrySet()
					.stream()
					.map((e) -> e.getKey() + "=" + e.getValue())
					.collect(Collectors.joining(", ")) + ")";
		String why = (evaluation != null && !evaluation.failures().isEmpty())
				? ". " + String.join("; ", evaluation.failures()) : "";
		this.timeline.append(new NewTimelineEntry(cutoverId, TimelineKind.GATE, actor.id(),
				actor.displayName() + " (" + actor.getUsername() + ")",
				(onBehalfOf != null) ? roleTitle(template, access.actingAs(gate.owner())) + " for "
						+ roleTitle(template, gate.owner()) : null,
				(verdict == dev.tminus.runbook.Verdict.PASS) ? TimelineResult.PASS : TimelineResult.FAIL, gateKey,
				truncate("Gate " + gate.title() + ": " + verdict + values + why + ((note != null) ? ". " + note : "")),
				details));
		this.live.signal(cutoverId, "gates");
		this.live.signal(cutoverId, "timeline");
		return verdict;
	}

	/**
	 * A gate that follows from its steps gets a result whenever one of its steps changes
	 * what the steps say: FAIL as soon as one FAILed, PASS once all are done (PASS, or
	 * N/A with a reason) with their evidence. Written in the step's transaction, as a
	 * computed result on behalf of the person who recorded the step.
	 */
	@EventListener
	public void stepRecorded(StepRecorded event) {
		List<Gate> gates = event.template()
			.gates()
			.stream()
			.filter((gate) -> gate.fromSteps() && gate.steps().contains(event.stepKey()))
			.toList();
		if (gates.isEmpty()) {
			return;
		}
		Map<String, StepStatus> steps = this.cutoverQueries.stepStatuses(event.cutoverId());
		List<EvidenceView> evidence = this.evidence.forCutover(event.cutoverId());
		for (Gate gate : gates) {
			List<String> failed = new ArrayList<>();
			List<String> open = new ArrayList<>();
			for (String key : gate.steps()) {
				Step step = event.template().step(key).orElseThrow();
				StepStatus status = steps.getOrDefault(key, StepStatus.PENDING);
				if (status == StepStatus.FAIL) {
					failed.add(title(step) + " FAILED");
				}
				else if (!status.done()) {
					open.add(title(step));
				}
				else if (status == StepStatus.PASS
						&& !RequiredEvidence.missing(event.template(), step, evidence).isEmpty()) {
					open.add(title(step) + " (evidence missing)");
				}
			}
			dev.tminus.runbook.Verdict verdict = !failed.isEmpty() ? dev.tminus.runbook.Verdict.FAIL
					: open.isEmpty() ? dev.tminus.runbook.Verdict.PASS : null;
			String latest = this.jdbc.sql("""
					select verdict from gate_result where cutover_id = ? and gate_key = ?
					 order by recorded_at desc, id desc limit 1""")
				.params(event.cutoverId(), gate.key())
				.query(String.class)
				.optional()
				.orElse(null);
			if (verdict == null || verdict.name().equals(latest)) {
				continue;
			}
			String why = (verdict == dev.tminus.runbook.Verdict.FAIL) ? String.join("; ", failed)
					: "all " + gate.steps().size() + " steps done: " + stepTitles(event.template(), gate);
			List<Map<String, Object>> evaluation = new ArrayList<>();
			if (verdict == dev.tminus.runbook.Verdict.FAIL) {
				failed.forEach((reason) -> evaluation.add(Map.of("verdict", "FAIL", "reason", reason)));
			}
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
			String note = "Follows from its steps: " + why + ".";
			this.jdbc.sql("""
					insert into gate_result (cutover_id, gate_key, verdict, computed, measured, evaluation, note,
					    recorded_by, on_behalf_of, recorded_at)
					values (:cutoverId, :gateKey, :verdict, true, '{}'::jsonb, cast(:evaluation as jsonb), :note,
					    :recordedBy, null, :recordedAt)""")
				.param("cutoverId", event.cutoverId())
				.param("gateKey", gate.key())
				.param("verdict", verdict.name())
				.param("evaluation", json.writeValueAsString(evaluation))
				.param("note", truncate(note, MAX_NOTE_LENGTH))
				.param("recordedBy", event.actorId())
				.param("recordedAt", java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
				.update();
			this.timeline
				.append(new NewTimelineEntry(event.cutoverId(), TimelineKind.GATE, event.actorId(), event.actorLabel(),
						null, (verdict == dev.tminus.runbook.Verdict.PASS) ? TimelineResult.PASS : TimelineResult.FAIL,
						gate.key(), truncate("Gate " + gate.title() + ": " + verdict + ". " + note),
						Map.of("from_steps", gate.steps(), "computed", true)));
			this.live.signal(event.cutoverId(), "gates");
			this.live.signal(event.cutoverId(), "timeline");
		}
	}

	private static String stepTitles(RunbookTemplate template, Gate gate) {
		return String.join("; ",
				gate.steps().stream().map((key) -> template.step(key).map(GateService::title).orElse(key)).toList());
	}

	private static String title(Step step) {
		return step.title().replaceAll("[.]+$", "");
	}

	private static String truncate(String text, int max) {
		return (text.length() > max) ? text.substring(0, max - 1) + "…" : text;
	}

	private static String truncate(String text) {
		return (text.length() > NewTimelineEntry.MAX_TEXT_LENGTH)
				? text.substring(0, NewTimelineEntry.MAX_TEXT_LENGTH - 1) + "…" : text;
	}

	private static String roleTitle(RunbookTemplate template, String roleKey) {
		return template.role(roleKey).map(Role::title).orElse(roleKey);
	}

}
