package dev.tminus.hypercare;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tminus.cutover.CutoverQueries;
import dev.tminus.decision.DecisionRecorded;
import dev.tminus.hypercare.HypercareSchedule.PlannedCheck;
import dev.tminus.live.LiveSignals;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import dev.tminus.timeline.TimelineService;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * GO starts hypercare: the template's windows become scheduled checks, due from the
 * decision's time. A ROLLBACK after GO ends it. Both happen inside the decision's
 * transaction (a plain {@code @EventListener}, not after commit): a GO without its
 * schedule is never committed, nor a schedule without its GO.
 */
@Component
class HypercareStart {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final CutoverQueries cutovers;

	private final TimelineService timeline;

	private final LiveSignals live;

	HypercareStart(JdbcClient jdbc, CutoverQueries cutovers, TimelineService timeline, LiveSignals live) {
		this.jdbc = jdbc;
		this.cutovers = cutovers;
		this.timeline = timeline;
		this.live = live;
	}

	@EventListener
	void on(DecisionRecorded decision) {
		switch (decision.outcome()) {
			case "GO" -> start(decision);
			case "ROLLBACK" -> end(decision);
			default -> {
				// a NO-GO never had hypercare
			}
		}
	}

	private void start(DecisionRecorded decision) {
		long cutoverId = decision.cutoverId();
		RunbookTemplate template = this.cutovers.facts(cutoverId).template();
		Instant start = decision.decidedAt().truncatedTo(ChronoUnit.MICROS);
		this.jdbc.sql("insert into hypercare_run (cutover_id, decision_id, started_at) values (?, ?, ?)")
			.params(cutoverId, decision.decisionId(), utc(start))
			.update();
		List<PlannedCheck> plan = HypercareSchedule.plan(template.hypercare(), start);
		for (PlannedCheck check : plan) {
			this.jdbc.sql("""
					insert into hypercare_check (cutover_id, window_index, window_label, seq, opens_at, due_at, focus)
					values (?, ?, ?, ?, ?, ?, cast(? as jsonb))""")
				.params(cutoverId, check.windowIndex(), check.windowLabel(), check.seq(), utc(check.opensAt()),
						utc(check.dueAt()), json.writeValueAsString(check.focus()))
				.update();
		}
		if (!plan.isEmpty()) {
			Map<String, Long> perWindow = plan.stream()
				.collect(Collectors.groupingBy(PlannedCheck::windowLabel, LinkedHashMap::new, Collectors.counting()));
			this.timeline.append(NewTimelineEntry
				.system(cutoverId, TimelineKind.HYPERCARE,
						"Hypercare started at GO: " + plan.size() + " checks scheduled ("
								+ perWindow.entrySet()
									.stream()
									.map((e) -> e.getKey() + ": " + e.getValue())
									.collect(Collectors.joining("; "))
								+ "), first due " + ParameterResolver.format(plan.get(0).dueAt()) + ", last due "
								+ ParameterResolver.format(plan.get(plan.size() - 1).dueAt()) + ".")
				.withResult(TimelineResult.INFO)
				.withSubject("hypercare")
				.withDetails(
						Map.of("decision_id", decision.decisionId(), "checks", plan.size(), "per_window", perWindow)));
		}
		this.live.signal(cutoverId, "hypercare");
	}

	private void end(DecisionRecorded decision) {
		long cutoverId = decision.cutoverId();
		Integer open = this.jdbc.sql("""
				update hypercare_run set ended_at = :at, ended_by_decision = :decisionId
				where cutover_id = :cutoverId and ended_at is null
				returning (select count(*) from hypercare_check k
				            where k.cutover_id = hypercare_run.cutover_id and k.status is null and k.due_at > :at)""")
			.param("at", utc(decision.decidedAt().truncatedTo(ChronoUnit.MICROS)))
			.param("decisionId", decision.decisionId())
			.param("cutoverId", cutoverId)
			.query(Integer.class)
			.optional()
			.orElse(null);
		if (open == null) {
			return; // rolled back before GO: there was no hypercare
		}
		this.timeline.append(NewTimelineEntry
			.system(cutoverId, TimelineKind.HYPERCARE,
					"Hypercare ended by ROLLBACK: " + open + " scheduled check(s) no longer due.")
			.withResult(TimelineResult.INFO)
			.withSubject("hypercare")
			.withDetails(Map.of("decision_id", decision.decisionId(), "checks_dropped", open)));
		this.live.signal(cutoverId, "hypercare");
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
