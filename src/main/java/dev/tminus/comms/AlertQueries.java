package dev.tminus.comms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverService;
import dev.tminus.decision.DecisionQueries;
import dev.tminus.decision.DecisionView;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.trigger.TriggerQueries;
import dev.tminus.trigger.TriggerView;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The banners of a board, from the state that raises them. */
@Service
@Transactional(readOnly = true)
public class AlertQueries {

	/** How long a signed decision stays in the banner. */
	static final Duration DECISION_SHOWN = Duration.ofMinutes(30);

	private final CutoverService cutovers;

	private final TriggerQueries triggers;

	private final DecisionQueries decisions;

	private final List<AlertSource> sources;

	private final Clock clock;

	AlertQueries(CutoverService cutovers, TriggerQueries triggers, DecisionQueries decisions, List<AlertSource> sources,
			Clock clock) {
		this.cutovers = cutovers;
		this.triggers = triggers;
		this.decisions = decisions;
		this.sources = sources;
		this.clock = clock;
	}

	public AlertsView alerts(long cutoverId, CurrentUser viewer) {
		this.cutovers.access(cutoverId, viewer);
		Instant now = this.clock.instant();
		List<AlertsView.Alert> alerts = new ArrayList<>();
		for (TriggerView trigger : this.triggers.open(cutoverId)) {
			alerts.add(new AlertsView.Alert("danger", "trigger",
					"Rollback trigger: " + trigger.title() + " (reported by " + trigger.reportedBy() + "). "
							+ (trigger.breached() ? "The IC's decision is overdue since " : "The IC decides by ")
							+ ParameterResolver.format(trigger.deadline()) + "."));
		}
		List<DecisionView> decided = this.decisions.forCutover(cutoverId);
		if (!decided.isEmpty()) {
			DecisionView last = decided.get(decided.size() - 1);
			if (Duration.between(last.decidedAt(), now).compareTo(DECISION_SHOWN) < 0) {
				alerts.add(new AlertsView.Alert(last.outcome().equals("GO") ? "notice" : "danger", "decision",
						last.outcome().replace('_', '-') + " signed by " + last.decidedBy() + " at "
								+ last.decidedAtUtc() + "."));
			}
		}
		for (AlertSource source : this.sources) {
			alerts.addAll(source.alerts(cutoverId, now));
		}
		return new AlertsView(cutoverId, alerts);
	}

	/** Other modules' banners (overdue hypercare checks). */
	public interface AlertSource {

		List<AlertsView.Alert> alerts(long cutoverId, Instant now);

	}

}
