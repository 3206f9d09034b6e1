package dev.tminus.audit;

import java.util.List;
import java.util.Map;

import dev.tminus.cutover.BoardView;
import dev.tminus.decision.DecisionView;
import dev.tminus.evidence.EvidenceView;
import dev.tminus.gate.GateBoardView;
import dev.tminus.gate.GateResultView;
import dev.tminus.signoff.SignOffStatus;
import dev.tminus.timeline.TimelineEntryView;
import dev.tminus.trigger.TriggerView;

/**
 * The read-only record of one cutover, as an auditor reviews it.
 *
 * @param board roles, phases (planned vs actual) and every step with its fields
 * @param gates every gate with its latest result, fields and evidence
 * @param gateResults every result ever recorded, oldest first, by gate key
 * @param evidence all evidence, oldest first
 * @param timeline one page of the timeline in seq order
 * @param timelineTotal how many entries the timeline holds
 * @param timelinePage 1-based
 * @param goNoGoSummary the seed 000 §5 summary of the GO or NO-GO, or {@code null}
 */
public record RecordView(BoardView board, GateBoardView gates, Map<String, List<GateResultView>> gateResults,
		List<EvidenceView> evidence, List<SignOffStatus> signOffs, List<TriggerView> triggers,
		List<DecisionView> decisions, List<TimelineEntryView> timeline, long timelineTotal, int timelinePage,
		int timelinePageSize, String goNoGoSummary) {

	public int timelinePages() {
		return (int) Math.max(1, (this.timelineTotal + this.timelinePageSize - 1) / this.timelinePageSize);
	}

}
