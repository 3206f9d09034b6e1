package dev.tminus.decision.internal;

import java.util.ArrayList;
import java.util.List;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.BoardView;
import dev.tminus.cutover.BoardView.PhaseView;
import dev.tminus.cutover.BoardView.StepView;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.cutover.CutoverService;
import dev.tminus.decision.DecisionFacts;
import dev.tminus.decision.DecisionFacts.GateFact;
import dev.tminus.decision.DecisionFacts.SignOffFact;
import dev.tminus.decision.DecisionFacts.StepFact;
import dev.tminus.decision.DecisionFactsSource;
import dev.tminus.decision.DecisionHooks;
import dev.tminus.evidence.EvidenceQueries;
import dev.tminus.evidence.EvidenceView;
import dev.tminus.evidence.RequiredEvidence;
import dev.tminus.gate.GateQueries;
import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.signoff.SignOffQueries;
import dev.tminus.trigger.TriggerQueries;
import dev.tminus.trigger.TriggerService;
import dev.tminus.trigger.TriggerView;

import org.springframework.stereotype.Component;

/**
 * Reads the facts of a decision from the modules that own them, and tells the trigger
 * module when a decision answers its open triggers.
 */
@Component
class ModuleDecisionFacts implements DecisionFactsSource, DecisionHooks {

	private final CutoverQueries cutovers;

	private final GateQueries gates;

	private final SignOffQueries signOffs;

	private final TriggerQueries triggers;

	private final TriggerService triggerService;

	private final EvidenceQueries evidence;

	private final RunbookCatalog catalog;

	private final CutoverService cutoverService;

	ModuleDecisionFacts(CutoverQueries cutovers, GateQueries gates, SignOffQueries signOffs, TriggerQueries triggers,
			TriggerService triggerService, EvidenceQueries evidence, RunbookCatalog catalog,
			CutoverService cutoverService) {
		this.evidence = evidence;
		this.cutoverService = cutoverService;
		this.catalog = catalog;
		this.cutovers = cutovers;
		this.gates = gates;
		this.signOffs = signOffs;
		this.triggers = triggers;
		this.triggerService = triggerService;
	}

	@Override
	public DecisionFacts facts(long cutoverId, CurrentUser viewer) {
		BoardView board = this.cutovers.board(cutoverId, viewer);
		RunbookTemplate template = this.catalog.byId(board.header().templateId()).template();
		List<EvidenceView> evidence = this.evidence.forCutover(cutoverId);
		List<StepFact> steps = new ArrayList<>();
		for (PhaseView phase : board.phases()) {
			if (phase.offsetMinutes() < 0) {
				for (StepView step : phase.steps()) {
					List<String> missing = RequiredEvidence.missing(template, template.step(step.key()).orElseThrow(),
							evidence);
					steps.add(new StepFact(step.key(), step.title(), phase.key(), step.status().name(), missing));
				}
			}
		}
		List<GateFact> gateFacts = this.gates.statuses(cutoverId)
			.stream()
			.map((g) -> new GateFact(g.key(), g.title(), g.hard(), g.effective().name(), g.reasons(), g.earlierFails()))
			.toList();
		List<SignOffFact> signOffFacts = this.signOffs.statuses(cutoverId)
			.stream()
			.map((s) -> new SignOffFact(s.key(), s.title(), s.state()))
			.toList();
		List<String> open = this.triggers.open(cutoverId).stream().map(TriggerView::title).toList();
		List<String> conflicts = this.cutoverService.dutyConflicts(cutoverId)
			.stream()
			.map((c) -> "Segregation of duties: the Incident Commander " + c.person() + " " + c.what()
					+ " on this cutover. Nobody approves what they decide: hand the IC role to someone else.")
			.toList();
		return new DecisionFacts(board.header().status().name(), gateFacts, steps, signOffFacts, open, conflicts);
	}

	@Override
	public void decided(long cutoverId, long decisionId, String outcome) {
		if (!"GO".equals(outcome)) {
			this.triggerService.resolveAll(cutoverId, decisionId);
		}
	}

}
