package dev.tminus.api.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tminus.cutover.BoardView;
import dev.tminus.cutover.BoardView.PhaseView;
import dev.tminus.cutover.BoardView.StepView;
import dev.tminus.decision.DecisionView;
import dev.tminus.gate.GateStatus;
import dev.tminus.trigger.TriggerView;

/**
 * A cutover as the API shows it: what a script needs to decide its next call.
 *
 * @param goRefusals every reason GO would be refused now, as the Decide page lists them
 * (empty: the IC may sign GO); a script waiting for GO-readiness polls this
 */
record CutoverState(long id, String name, String template, String environment, String release, String kind,
		String status, Instant t0, List<Phase> phases, List<Gate> gates, List<Trigger> triggers,
		List<Decision> decisions, List<String> goRefusals) {

	record Phase(String key, String title, Instant planned, Long slippageMinutes, boolean finished, List<Step> steps) {
	}

	/**
	 * @param version send it back when recording, to be refused if someone recorded in
	 * between
	 */
	record Step(String key, String title, String owner, String status, Map<String, String> fields, String note,
			String recordedBy, Instant recordedAt, long version, List<String> waitingFor) {
	}

	record Gate(String key, String title, boolean hard, String status, List<String> reasons,
			List<String> missingEvidence, Instant recordedAt, String recordedBy) {
	}

	record Trigger(long id, String key, String title, String action, Instant reportedAt, Instant deadline, boolean open,
			boolean breached, Instant resolvedAt) {
	}

	record Decision(String outcome, String decidedBy, Instant decidedAt, String failureClassification, String summary) {
	}

	static CutoverState of(BoardView board, List<GateStatus> gates, List<TriggerView> triggers,
			List<DecisionView> decisions, List<String> goRefusals) {
		BoardView.Header h = board.header();
		return new CutoverState(h.id(), h.name(), h.templateName(), h.environment(), h.release(), h.kind().name(),
				h.status().name(), h.t0(), board.phases().stream().map(CutoverState::phase).toList(),
				gates.stream()
					.map((g) -> new Gate(g.key(), g.title(), g.hard(), g.effective().name(), g.reasons(),
							g.missingEvidence(), g.recordedAt(), g.recordedBy()))
					.toList(),
				triggers.stream()
					.map((t) -> new Trigger(t.id(), t.key(), t.title(), t.action(), t.reportedAt(), t.deadline(),
							t.open(), t.breached(), t.resolvedAt()))
					.toList(),
				decisions.stream()
					.map((d) -> new Decision(d.outcome(), d.decidedBy(), d.decidedAt(), d.failureClassification(),
							d.summary()))
					.toList(),
				goRefusals);
	}

	private static Phase phase(PhaseView phase) {
		return new Phase(phase.key(), phase.title(), phase.planned(), phase.slippageMinutes(), phase.finished(),
				phase.steps().stream().map(CutoverState::step).toList());
	}

	private static Step step(StepView step) {
		return new Step(step.key(), step.title(), step.ownerRole(), step.status().name(), step.fieldValues(),
				step.note(), step.recordedBy(), step.recordedAt(), step.version(), step.waitingFor());
	}

}
