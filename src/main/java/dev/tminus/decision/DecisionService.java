package dev.tminus.decision;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tminus.account.AccountService;
import dev.tminus.account.CurrentUser;
import dev.tminus.account.PasswordConfirmation;
import dev.tminus.cutover.BoardView;
import dev.tminus.cutover.CutoverAccess;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.UtcInstants;
import dev.tminus.cutover.internal.JsonMapConverter;
import dev.tminus.live.LiveSignals;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineEntryView;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import dev.tminus.timeline.TimelineService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * GO, NO-GO and ROLLBACK: signed by the IC of the cutover alone (admins included in
 * "everyone else"), with the password retyped, against the rules of
 * {@link DecisionPolicy}. A decision is final and carries the gate snapshot it relied on,
 * the filled decision statement, the seed 000 evidence summary and the timeline hash at
 * that moment.
 */
@Service
public class DecisionService {

	private final CutoverService cutovers;

	private final CutoverQueries queries;

	private final AccountService accounts;

	private final DecisionFactsSource facts;

	private final DecisionHooks hooks;

	private final TimelineService timeline;

	private final LiveSignals live;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DecisionService(CutoverService cutovers, CutoverQueries queries, AccountService accounts, DecisionFactsSource facts,
			DecisionHooks hooks, TimelineService timeline, LiveSignals live, JdbcClient jdbc,
			ApplicationEventPublisher events, Clock clock) {
		this.cutovers = cutovers;
		this.queries = queries;
		this.accounts = accounts;
		this.facts = facts;
		this.hooks = hooks;
		this.timeline = timeline;
		this.live = live;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** Whoever may read the cutover may see why GO would be refused now. */
	@Transactional(readOnly = true)
	public List<String> reasonsToRefuseGo(long cutoverId, CurrentUser viewer) {
		return readiness(cutoverId, viewer).refusals();
	}

	/**
	 * Why GO would be refused now, and the earlier FAILs of gates whose latest result
	 * counts, for whoever may read the cutover.
	 */
	@Transactional(readOnly = true)
	public GoReadiness readiness(long cutoverId, CurrentUser viewer) {
		this.cutovers.access(cutoverId, viewer);
		DecisionFacts facts = this.facts.facts(cutoverId, viewer);
		return new GoReadiness(DecisionPolicy.reasonsToRefuseGo(facts), DecisionPolicy.earlierFails(facts));
	}

	@Transactional
	public DecisionView decide(long cutoverId, Decide command, CurrentUser actor) {
		CutoverAccess access = this.cutovers.access(cutoverId, actor);
		if (!access.isIc()) {
			throw new AccessDeniedException("Only the Incident Commander of this cutover decides.");
		}
		PasswordConfirmation confirmation = this.accounts.confirmPassword(actor.getUsername(), command.password());
		if (!confirmation.matches()) {
			throw new CutoverException("password",
					confirmation.refusal("Retype your own password to sign the decision."));
		}
		String outcome = (command.outcome() != null) ? command.outcome().strip() : "";
		RunbookTemplate template = this.queries.template(cutoverId);
		if (!template.decisionRules().outcomes().isEmpty()
				&& template.decisionRules().outcomes().stream().noneMatch((o) -> o.name().equals(outcome))) {
			throw new CutoverException("outcome",
					"This runbook allows only " + template.decisionRules().outcomes() + " as decisions.");
		}
		BoardView board = this.queries.board(cutoverId, actor);
		DecisionFacts facts = this.facts.facts(cutoverId, actor);
		Instant now = this.clock.instant();
		String classification = null;
		String owner = actor.displayName() + " (" + actor.getUsername() + ")";
		Instant retryAt = null;
		String unblock = null;
		String reason = null;
		String notes = limited("notes", command.notes(), 2000);
		switch (outcome) {
			case "GO" -> {
				List<String> reasons = DecisionPolicy.reasonsToRefuseGo(facts);
				if (!reasons.isEmpty()) {
					throw new GoRefusedException(reasons);
				}
				if (notes == null) {
					notes = "All " + facts.gates().size() + " gates PASS; every step before T-0 done; "
							+ facts.signOffs().size() + " sign-off(s) given; no rollback trigger open.";
				}
			}
			case "NO_GO" -> {
				classification = (command.failureClassification() != null) ? command.failureClassification().strip()
						: "";
				if (!template.failureClassifications().contains(classification)) {
					throw new CutoverException("failureClassification",
							"Choose one primary failure classification: " + template.failureClassifications() + ".");
				}
				owner = required("owner", command.owner(), 200, "Name the owner of the retry.");
				retryAt = UtcInstants.parse("retryAt", command.retryAt());
				Instant t0 = board.header().t0();
				if (!retryAt.isAfter(now) || !retryAt.isAfter(t0)) {
					throw new CutoverException("retryAt",
							"retry_at_utc must be in the future and later than this cutover's T-0 ("
									+ ParameterResolver.format(t0) + "): the retry runs with a new T-0 after the"
									+ " failed one (now is " + ParameterResolver.format(now) + ").");
				}
				unblock = required("unblockCriteria", command.unblockCriteria(), 2000,
						"State the explicit unblock criteria.");
				if (notes == null) {
					notes = "NO-GO: " + classification + ".";
				}
			}
			case "ROLLBACK" -> {
				reason = required("reason", command.reason(), 2000, "Give the reason for the rollback.");
				if (notes == null) {
					notes = "ROLLBACK: " + reason;
				}
			}
			default -> throw new CutoverException("outcome", "Choose GO, NO-GO or ROLLBACK.");
		}
		String triggerRef = limited("triggerRef", command.triggerRef(), 300);
		this.cutovers.recordDecision(cutoverId, outcome);
		String statement = outcome.equals("GO") && template.decisionStatement() != null
				? ParameterResolver.substitute(template.decisionStatement(), board.parameters()) : null;
		String summary = EvidenceSummary.render(outcome, classification, board.header().t0(), owner, retryAt, unblock,
				notes);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("outcome", outcome);
		details.put("summary", summary);
		details.put("gates", gateSnapshot(facts));
		TimelineEntryView entry = this.timeline.append(new NewTimelineEntry(cutoverId, TimelineKind.DECISION,
				actor.id(), owner(actor), null, outcome.equals("GO") ? TimelineResult.PASS : TimelineResult.FAIL,
				outcome, decisionText(outcome, classification, reason, statement, triggerRef), details));
		long id = this.jdbc
			.sql("""
					insert into decision (cutover_id, outcome, decided_by, decided_by_label, decided_at, failure_classification,
					                      owner, retry_at, unblock_criteria, trigger_ref, reason, notes, statement, gate_snapshot,
					                      summary, timeline_hash)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) returning id
					""")
			.params(cutoverId, outcome, actor.id(), owner(actor), Timestamp.from(now), classification, owner,
					(retryAt != null) ? Timestamp.from(retryAt) : null, unblock, triggerRef, reason, notes, statement,
					JsonMapConverter.write(Map.of("gates", gateSnapshot(facts))), summary, entry.hash())
			.query(Long.class)
			.single();
		this.hooks.decided(cutoverId, id, outcome);
		this.events.publishEvent(new DecisionRecorded(id, cutoverId, outcome, now, owner(actor), classification,
				outcome.equals("NO_GO") ? owner : null, retryAt, triggerRef, reason));
		this.live.signal(cutoverId, "decision");
		this.live.signal(cutoverId, "timeline");
		return new DecisionView(id, cutoverId, outcome, owner(actor), now, classification, owner, retryAt, unblock,
				triggerRef, reason, notes, statement, summary, entry.hash());
	}

	private static List<Map<String, Object>> gateSnapshot(DecisionFacts facts) {
		return facts.gates()
			.stream()
			.map((g) -> Map.<String, Object>of("key", g.key(), "title", g.title(), "hard", g.hard(), "verdict",
					g.verdict(), "reasons", g.reasons(), "earlier_fails", g.earlierFails()))
			.toList();
	}

	private static String decisionText(String outcome, String classification, String reason, String statement,
			String triggerRef) {
		return switch (outcome) {
			case "GO" -> "GO signed." + ((statement != null) ? " " + statement : "");
			case "NO_GO" -> "NO-GO signed. Primary failure classification: " + classification + ".";
			default -> "ROLLBACK signed" + ((triggerRef != null) ? " on trigger '" + triggerRef + "'" : "")
					+ ". Reason: " + reason;
		};
	}

	private static String owner(CurrentUser user) {
		return user.displayName() + " (" + user.getUsername() + ")";
	}

	private static String required(String field, String value, int max, String message) {
		String text = limited(field, value, max);
		if (text == null) {
			throw new CutoverException(field, message);
		}
		return text;
	}

	private static String limited(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.strip().length() > max) {
			throw new CutoverException(field, "Use at most " + max + " characters.");
		}
		return value.strip();
	}

}
