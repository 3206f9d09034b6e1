package dev.tminus.comms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverAccess;
import dev.tminus.cutover.CutoverFacts;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.CutoverStatus;
import dev.tminus.decision.DecisionQueries;
import dev.tminus.decision.DecisionView;
import dev.tminus.gate.GateQueries;
import dev.tminus.gate.GateStatus;
import dev.tminus.gate.Verdict;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookTemplate.Cadence;
import dev.tminus.runbook.RunbookTemplate.Message;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the communications card shows: the runbook's messages offered at their moment and
 * pre-filled ({@code ${RESULT}} from the gate, {@code ${REASON}} from the rollback, run
 * parameters), the broadcasts sent, and when the next update is due by the runbook's
 * cadence (from the last broadcast, within the cadence window in force around T-0).
 */
@Service
@Transactional(readOnly = true)
public class BroadcastQueries {

	static final int SHOWN = 20;

	private final JdbcClient jdbc;

	private final CutoverQueries cutovers;

	private final CutoverService cutoverService;

	private final GateQueries gates;

	private final DecisionQueries decisions;

	private final Clock clock;

	BroadcastQueries(JdbcClient jdbc, CutoverQueries cutovers, CutoverService cutoverService, GateQueries gates,
			DecisionQueries decisions, Clock clock) {
		this.jdbc = jdbc;
		this.cutovers = cutovers;
		this.cutoverService = cutoverService;
		this.gates = gates;
		this.decisions = decisions;
		this.clock = clock;
	}

	public CommsView card(long cutoverId, CurrentUser viewer) {
		CutoverAccess access = this.cutoverService.access(cutoverId, viewer);
		CutoverFacts facts = this.cutovers.facts(cutoverId);
		List<CommsView.Posted> posted = posted(cutoverId);
		Set<String> sent = posted.stream().map(CommsView.Posted::key).collect(Collectors.toSet());
		List<CommsView.Offer> offers = offers(facts, sent);
		Instant last = posted.isEmpty() ? null : posted.get(0).at();
		return new CommsView(cutoverId, access.isIc() || access.isScribe(), offers, posted,
				cadence(facts, last, this.clock.instant()));
	}

	/** One message of the runbook as it would be offered now. */
	Optional<CommsView.Offer> offer(long cutoverId, String key) {
		CutoverFacts facts = this.cutovers.facts(cutoverId);
		return offers(facts, Set.of()).stream().filter((offer) -> offer.key().equals(key)).findFirst();
	}

	private List<CommsView.Offer> offers(CutoverFacts facts, Set<String> sent) {
		if (facts.template().comms() == null) {
			return List.of();
		}
		Map<String, GateStatus> gateStatus = this.gates.statuses(facts.id())
			.stream()
			.collect(Collectors.toMap(GateStatus::key, Function.identity()));
		List<DecisionView> decided = this.decisions.forCutover(facts.id());
		String reason = decided.stream()
			.filter((d) -> d.outcome().equals("ROLLBACK"))
			.map(DecisionView::reason)
			.findFirst()
			.orElse(null);
		List<CommsView.Offer> offers = new ArrayList<>();
		for (Message message : facts.template().comms().messages()) {
			String text = ParameterResolver.substitute(message.text(), facts.parameters());
			String waitingFor = null;
			switch (message.when()) {
				case CUTOVER_START ->
					waitingFor = (facts.status() == CutoverStatus.PLANNED) ? "the cutover to start" : null;
				case CHECKPOINT -> {
					GateStatus gate = (message.afterGate() != null) ? gateStatus.get(message.afterGate()) : null;
					if (gate != null) {
						boolean result = gate.recordedAt() != null;
						if (text.contains("${RESULT}")) {
							waitingFor = result ? null : "a result of " + gate.title();
							text = text.replace("${RESULT}", result ? gate.effective().name() : "PASS/FAIL");
						}
						else {
							waitingFor = (gate.effective() == Verdict.PASS) ? null
									: gate.title() + " to PASS (it is " + gate.effective() + ")";
						}
					}
				}
				case GO ->
					waitingFor = decidedAs(facts, CutoverStatus.GO, CutoverStatus.COMPLETE) ? null : "the IC's GO";
				case NO_GO -> waitingFor = decidedAs(facts, CutoverStatus.NO_GO) ? null : "the IC's NO-GO";
				case ROLLBACK -> {
					waitingFor = (reason != null) ? null : "the IC's ROLLBACK";
					text = text.replace("${REASON}", (reason != null) ? reason : "…");
				}
				default -> waitingFor = null;
			}
			offers.add(new CommsView.Offer(message.key(), message.when().name(), text, waitingFor == null, waitingFor,
					sent.contains(message.key())));
		}
		return offers;
	}

	private static boolean decidedAs(CutoverFacts facts, CutoverStatus... statuses) {
		for (CutoverStatus status : statuses) {
			if (facts.status() == status) {
				return true;
			}
		}
		return false;
	}

	private List<CommsView.Posted> posted(long cutoverId) {
		return this.jdbc.sql("""
				select id, message_key, text, posted_by_label, posted_at from broadcast
				 where cutover_id = ? order by posted_at desc, id desc limit ?""")
			.params(cutoverId, SHOWN)
			.query((rs, row) -> new CommsView.Posted(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * The update due next: in the cadence window around T-0 that holds now, one
	 * {@code every} after the last broadcast, or at the window's start when nothing was
	 * sent since. No cadence before the cutover starts or once it is over.
	 */
	static CommsView.Cadence cadence(CutoverFacts facts, Instant lastBroadcast, Instant now) {
		boolean running = facts.status() == CutoverStatus.IN_PROGRESS || facts.status() == CutoverStatus.GO;
		if (!running || facts.template().comms() == null) {
			return new CommsView.Cadence(null, null, 0);
		}
		long offset = Duration.between(facts.t0(), now).toMinutes();
		for (Cadence cadence : facts.template().comms().cadence()) {
			if (offset >= cadence.fromOffsetMinutes() && offset < cadence.toOffsetMinutes()) {
				Instant windowStart = facts.t0().plus(Duration.ofMinutes(cadence.fromOffsetMinutes()));
				Duration every = Duration.ofMinutes(cadence.everyMinutes());
				Instant due = (lastBroadcast != null && !lastBroadcast.isBefore(windowStart.minus(every)))
						? lastBroadcast.plus(every) : windowStart;
				long minutes = Math.floorDiv(Duration.between(now, due).toSeconds(), 60);
				return new CommsView.Cadence(cadence.label(), due, minutes);
			}
		}
		return new CommsView.Cadence(null, null, 0);
	}

}
