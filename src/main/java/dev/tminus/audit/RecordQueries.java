package dev.tminus.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.BoardView;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.decision.DecisionQueries;
import dev.tminus.decision.DecisionView;
import dev.tminus.evidence.EvidenceQueries;
import dev.tminus.gate.GateQueries;
import dev.tminus.gate.GateResultView;
import dev.tminus.signoff.SignOffQueries;
import dev.tminus.timeline.TimelineQueries;
import dev.tminus.trigger.TriggerQueries;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assembles the record of a cutover from the modules' own queries, in one read-only
 * transaction: a fixed number of statements whatever its size (the timeline is paged).
 */
@Service
public class RecordQueries {

	public static final int TIMELINE_PAGE_SIZE = 500;

	private final CutoverQueries cutovers;

	private final GateQueries gates;

	private final EvidenceQueries evidence;

	private final SignOffQueries signOffs;

	private final TriggerQueries triggers;

	private final DecisionQueries decisions;

	private final TimelineQueries timeline;

	RecordQueries(CutoverQueries cutovers, GateQueries gates, EvidenceQueries evidence, SignOffQueries signOffs,
			TriggerQueries triggers, DecisionQueries decisions, TimelineQueries timeline) {
		this.cutovers = cutovers;
		this.gates = gates;
		this.evidence = evidence;
		this.signOffs = signOffs;
		this.triggers = triggers;
		this.decisions = decisions;
		this.timeline = timeline;
	}

	/**
	 * @throws dev.tminus.shared.web.NotFoundException when the viewer may not read it
	 * @throws AuditException when the timeline page is past the end
	 */
	@Transactional(readOnly = true)
	public RecordView record(long cutoverId, CurrentUser viewer, int timelinePage) {
		BoardView board = this.cutovers.board(cutoverId, viewer, Set.of(), false);
		long total = this.timeline.count(cutoverId);
		int pages = (int) Math.max(1, (total + TIMELINE_PAGE_SIZE - 1) / TIMELINE_PAGE_SIZE);
		if (timelinePage < 1 || timelinePage > pages) {
			throw new AuditException("The timeline has " + pages + ((pages == 1) ? " page" : " pages")
					+ "; there is no page " + timelinePage + ".");
		}
		Map<String, List<GateResultView>> results = this.gates.results(cutoverId)
			.stream()
			.collect(Collectors.groupingBy(GateResultView::gateKey, LinkedHashMap::new, Collectors.toList()));
		List<DecisionView> decided = this.decisions.forCutover(cutoverId);
		String summary = decided.stream()
			.filter((d) -> !d.outcome().equals("ROLLBACK"))
			.map(DecisionView::summary)
			.findFirst()
			.orElse(null);
		return new RecordView(board, this.gates.board(cutoverId, viewer), results, this.evidence.forCutover(cutoverId),
				this.signOffs.statuses(cutoverId), this.triggers.forCutover(cutoverId), decided, this.timeline
					.fromSeq(cutoverId, (long) (timelinePage - 1) * TIMELINE_PAGE_SIZE + 1, TIMELINE_PAGE_SIZE),
				total, timelinePage, TIMELINE_PAGE_SIZE, summary);
	}

	/** The seed 000 §5 summary of a cutover's GO or NO-GO, for one who may read it. */
	@Transactional(readOnly = true)
	public String evidenceSummary(long cutoverId, CurrentUser viewer) {
		this.cutovers.board(cutoverId, viewer, Set.of(), false);
		return this.decisions.forCutover(cutoverId)
			.stream()
			.filter((d) -> !d.outcome().equals("ROLLBACK"))
			.map(DecisionView::summary)
			.findFirst()
			.orElseThrow(() -> new dev.tminus.shared.web.NotFoundException(
					"Cutover " + cutoverId + " has no GO or NO-GO decision yet, so it has no evidence summary"));
	}

}
