package dev.tminus.audit.stats;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.tminus.account.CurrentUser;
import dev.tminus.audit.stats.RunTimes.PhaseTimes;
import dev.tminus.audit.stats.RunTimes.StepRecord;
import dev.tminus.audit.stats.StatsView.ClassificationFigure;
import dev.tminus.audit.stats.StatsView.ClassificationRow;
import dev.tminus.audit.stats.StatsView.DecisionFigure;
import dev.tminus.audit.stats.StatsView.DurationFigure;
import dev.tminus.audit.stats.StatsView.MedianCell;
import dev.tminus.audit.stats.StatsView.MonthRow;
import dev.tminus.audit.stats.StatsView.PhaseDuration;
import dev.tminus.audit.stats.StatsView.ReactionRow;
import dev.tminus.audit.stats.StatsView.SeriesCount;
import dev.tminus.audit.stats.StatsView.SlippageRow;
import dev.tminus.audit.stats.StatsView.StepDuration;
import dev.tminus.audit.stats.SvgCharts.Bar;
import dev.tminus.audit.stats.SvgCharts.Column;
import dev.tminus.audit.stats.SvgCharts.Legend;
import dev.tminus.audit.stats.SvgCharts.Row;
import dev.tminus.audit.stats.SvgCharts.Segment;
import dev.tminus.cutover.CutoverKind;
import dev.tminus.cutover.StepStatus;
import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.runbook.RunbookCatalog.StoredTemplate;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Phase;
import dev.tminus.runbook.RunbookTemplate.Step;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Figures across cutovers for auditors and leads: decisions per month, NO-GO
 * classifications, slippage per phase, the IC's reaction to rollback triggers, and
 * planned vs rehearsal vs live durations of a template. Only the cutovers the viewer may
 * read count.
 * <p>
 * A reporting read model: it reads the cutover, decision, trigger and step tables
 * together in SQL, because asking each module per cutover would cost queries per cutover.
 * The page costs the same six statements whatever the number of cutovers (plus one per
 * template version not parsed yet since start-up): template names, cutover counts,
 * decisions, NO-GO classifications, triggers, step records. Counts and the reaction-time
 * median are aggregated in PostgreSQL; slippage and durations need the template's phases,
 * so the step rows are read once and measured in Java ({@link RunTimes}).
 */
@Service
public class StatsQueries {

	private static final List<String> OUTCOMES = List.of("GO", "NO_GO", "ROLLBACK");

	/**
	 * Beyond this many months the decision chart shows only the months with decisions.
	 */
	private static final int MAX_FILLED_MONTHS = 120;

	private final JdbcClient jdbc;

	private final RunbookCatalog catalog;

	StatsQueries(JdbcClient jdbc, RunbookCatalog catalog) {
		this.jdbc = jdbc;
		this.catalog = catalog;
	}

	/** A cutover with its step records. */
	private record Run(long id, CutoverKind kind, long templateId, String templateName, Instant t0, Instant startedAt,
			Map<String, StepRecord> states) {

		RunTimes times(RunbookTemplate template) {
			return RunTimes.of(template, this.t0, this.startedAt, this.states);
		}

	}

	/** Every template name, for the filter. */
	@Transactional(readOnly = true)
	public List<String> templateNames() {
		return List.copyOf(latestVersions().keySet());
	}

	/**
	 * The figures over the cutovers {@code viewer} may read that match {@code filter}.
	 * @throws StatsFilterException when the filter names no known template
	 */
	@Transactional(readOnly = true)
	public StatsView stats(StatsFilter filter, CurrentUser viewer) {
		Map<String, Long> versions = latestVersions();
		if (filter.template() != null && !versions.containsKey(filter.template())) {
			throw new StatsFilterException(
					"Template: no runbook template is named '" + filter.template() + "'; choose one from the list.");
		}
		VisibleCutovers visible = VisibleCutovers.of(filter, viewer);
		List<StatsSeries> series = filter.series();
		List<Run> runs = runs(visible);
		return new StatsView(filter, List.copyOf(versions.keySet()), VisibleCutovers.everything(viewer), series,
				counts(visible, series), decisions(visible, series), classifications(visible, series),
				slippage(runs, series, versions), reactions(visible, series), (filter.template() != null)
						? durations(filter.template(), runs, series, versions) : DurationFigure.none());
	}

	/** Template name to the id of its newest stored version, by name. */
	private Map<String, Long> latestVersions() {
		Map<String, Long> versions = new TreeMap<>();
		this.jdbc.sql("select name, max(id) from runbook_template group by name")
			.query((rs, row) -> versions.put(rs.getString(1), rs.getLong(2)))
			.list();
		return versions;
	}

	private List<SeriesCount> counts(VisibleCutovers visible, List<StatsSeries> series) {
		Map<CutoverKind, Long> byKind = new EnumMap<>(CutoverKind.class);
		this.jdbc.sql(visible.sql("select v.kind, count(*) from visible v group by v.kind"))
			.params(visible.params())
			.query((rs, row) -> byKind.put(CutoverKind.valueOf(rs.getString(1)), rs.getLong(2)))
			.list();
		return series.stream()
			.map((s) -> new SeriesCount(s,
					byKind.entrySet()
						.stream()
						.filter((e) -> s.includes(e.getKey()))
						.mapToLong(Map.Entry::getValue)
						.sum()))
			.toList();
	}

	private List<DecisionFigure> decisions(VisibleCutovers visible, List<StatsSeries> series) {
		record Count(CutoverKind kind, YearMonth month, String outcome, long count) {
		}
		List<Count> counts = this.jdbc.sql(visible.sql("""
				select v.kind, to_char(d.decided_at at time zone 'UTC', 'YYYY-MM') as month, d.outcome, count(*)
				  from decision d join visible v on v.id = d.cutover_id
				 group by 1, 2, 3
				"""))
			.params(visible.params())
			.query((rs, row) -> new Count(CutoverKind.valueOf(rs.getString(1)), YearMonth.parse(rs.getString(2)),
					rs.getString(3), rs.getLong(4)))
			.list();
		List<YearMonth> months = months(counts.stream().map(Count::month).toList());
		List<DecisionFigure> figures = new ArrayList<>();
		for (StatsSeries s : series) {
			Map<YearMonth, Map<String, Long>> byMonth = new TreeMap<>();
			for (Count count : counts) {
				if (s.includes(count.kind())) {
					byMonth.computeIfAbsent(count.month(), (m) -> new HashMap<>())
						.merge(count.outcome(), count.count(), Long::sum);
				}
			}
			List<MonthRow> rows = months.stream().map((month) -> {
				Map<String, Long> outcomes = byMonth.getOrDefault(month, Map.of());
				return new MonthRow(month.toString(), outcomes.getOrDefault("GO", 0L),
						outcomes.getOrDefault("NO_GO", 0L), outcomes.getOrDefault("ROLLBACK", 0L));
			}).toList();
			long go = rows.stream().mapToLong(MonthRow::go).sum();
			long noGo = rows.stream().mapToLong(MonthRow::noGo).sum();
			long rollback = rows.stream().mapToLong(MonthRow::rollback).sum();
			String chart = (go + noGo + rollback == 0) ? null : SvgCharts.stackedColumns("decisions-" + s.name(),
					"Decisions per month: " + s.label(),
					"GO, NO-GO and ROLLBACK decisions per calendar month (UTC) of " + s.label().toLowerCase()
							+ "; the table below gives the same numbers.",
					rows.stream()
						.map((row) -> new Column(row.month(),
								List.of(new Segment("GO", "GO", row.go()), new Segment("NO_GO", "NO-GO", row.noGo()),
										new Segment("ROLLBACK", "ROLLBACK", row.rollback()))))
						.toList(),
					List.of(new Legend("GO", "GO"), new Legend("NO_GO", "NO-GO"), new Legend("ROLLBACK", "ROLLBACK")));
			figures.add(new DecisionFigure(s, chart, (chart != null) ? rows : List.of(), go, noGo, rollback));
		}
		return figures;
	}

	/** Every month from the first to the last with decisions, so gaps show as gaps. */
	private static List<YearMonth> months(List<YearMonth> withDecisions) {
		TreeSet<YearMonth> sorted = new TreeSet<>(withDecisions);
		if (sorted.isEmpty()) {
			return List.of();
		}
		List<YearMonth> months = new ArrayList<>();
		YearMonth last = sorted.last();
		if (sorted.first().plusMonths(MAX_FILLED_MONTHS).isBefore(last)) {
			return List.copyOf(sorted);
		}
		for (YearMonth month = sorted.first(); !month.isAfter(last); month = month.plusMonths(1)) {
			months.add(month);
		}
		return months;
	}

	private List<ClassificationFigure> classifications(VisibleCutovers visible, List<StatsSeries> series) {
		record Count(CutoverKind kind, String classification, long count) {
		}
		List<Count> counts = this.jdbc.sql(visible.sql("""
				select v.kind, d.failure_classification, count(*)
				  from decision d join visible v on v.id = d.cutover_id
				 where d.outcome = 'NO_GO'
				 group by 1, 2
				"""))
			.params(visible.params())
			.query((rs, row) -> new Count(CutoverKind.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3)))
			.list();
		List<ClassificationFigure> figures = new ArrayList<>();
		for (StatsSeries s : series) {
			Map<String, Long> byClassification = new HashMap<>();
			counts.stream()
				.filter((c) -> s.includes(c.kind()))
				.forEach((c) -> byClassification.merge(c.classification(), c.count(), Long::sum));
			List<Map.Entry<String, Long>> ranked = byClassification.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
				.toList();
			List<ClassificationRow> rows = new ArrayList<>();
			for (int i = 0; i < ranked.size(); i++) {
				long count = ranked.get(i).getValue();
				int rank = (i > 0 && rows.get(i - 1).count() == count) ? rows.get(i - 1).rank() : i + 1;
				rows.add(new ClassificationRow(rank, ranked.get(i).getKey(), count));
			}
			String chart = rows.isEmpty() ? null : SvgCharts.horizontalBars("classifications-" + s.name(),
					"NO-GO failure classifications: " + s.label(),
					"NO-GO decisions of " + s.label().toLowerCase()
							+ " by primary failure classification, most frequent first.",
					rows.stream()
						.map((row) -> new Row(row.classification(),
								List.of(new Bar("NO_GO", "NO-GO", (double) row.count(), String.valueOf(row.count())))))
						.toList(),
					List.of());
			figures.add(new ClassificationFigure(s, chart, rows));
		}
		return figures;
	}

	private List<ReactionRow> reactions(VisibleCutovers visible, List<StatsSeries> series) {
		record Reaction(CutoverKind kind, long triggers, long resolved, Double medianSeconds, long unresolved,
				long breached) {
		}
		List<Reaction> rows = this.jdbc.sql(visible.sql("""
				select case when grouping(v.kind) = 1 then null else v.kind end as kind,
				       count(*) as triggers, count(t.resolved_at) as resolved,
				       percentile_cont(0.5) within group (order by extract(epoch from t.resolved_at - t.reported_at))
				           as median_seconds,
				       count(*) filter (where t.resolved_at is null) as unresolved,
				       count(t.breach_recorded_at) as breached
				  from rollback_trigger t join visible v on v.id = t.cutover_id
				 where t.action = 'IMMEDIATE_ROLLBACK'
				 group by grouping sets ((v.kind), ())
				"""))
			.params(visible.params())
			.query((rs, row) -> new Reaction((rs.getString(1) != null) ? CutoverKind.valueOf(rs.getString(1)) : null,
					rs.getLong(2), rs.getLong(3), (Double) rs.getObject(4), rs.getLong(5), rs.getLong(6)))
			.list();
		List<ReactionRow> reactions = new ArrayList<>();
		for (StatsSeries s : series) {
			Optional<Reaction> found = rows.stream()
				.filter((r) -> (s == StatsSeries.ALL) ? r.kind() == null : r.kind() != null && s.includes(r.kind()))
				.findFirst();
			Reaction r = found.orElse(new Reaction(null, 0, 0, null, 0, 0));
			Double minutes = (r.medianSeconds() != null) ? r.medianSeconds() / 60 : null;
			reactions.add(new ReactionRow(s, r.triggers(), r.resolved(),
					new MedianCell(Medians.minutes(minutes), (int) r.resolved(), minutes), r.unresolved(),
					r.breached()));
		}
		return reactions;
	}

	private List<Run> runs(VisibleCutovers visible) {
		Map<Long, Run> runs = new LinkedHashMap<>();
		this.jdbc.sql(visible.sql("""
				select v.id, v.kind, v.template_id, v.template_name, v.t0, v.started_at, s.step_key, s.status,
				       s.recorded_at
				  from visible v join step_state s on s.cutover_id = v.id
				 order by v.t0, v.id
				""")).params(visible.params()).query((ResultSet rs) -> {
			Run run = runs.computeIfAbsent(rs.getLong(1), (id) -> {
				try {
					return new Run(id, CutoverKind.valueOf(rs.getString(2)), rs.getLong(3), rs.getString(4),
							instant(rs, 5), instant(rs, 6), new HashMap<>());
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			run.states()
				.put(rs.getString(7),
						new StepRecord(rs.getString(7), StepStatus.valueOf(rs.getString(8)), instant(rs, 9)));
		});
		return List.copyOf(runs.values());
	}

	/**
	 * The version whose plan a figure shows for a template name: the one its file holds
	 * now, or the newest stored one when the file is gone.
	 */
	private StoredTemplate reference(String name, Map<String, Long> versions) {
		return this.catalog.current()
			.stream()
			.filter((stored) -> stored.template().name().equals(name))
			.findFirst()
			.orElseGet(() -> this.catalog.byId(versions.get(name)));
	}

	private List<SlippageRow> slippage(List<Run> runs, List<StatsSeries> series, Map<String, Long> versions) {
		// template name -> phase key -> series -> slippages in minutes
		Map<String, Map<String, Map<StatsSeries, List<Long>>>> samples = new TreeMap<>();
		Map<String, Map<String, Phase>> phases = new HashMap<>();
		for (Run run : runs) {
			RunbookTemplate template = this.catalog.byId(run.templateId()).template();
			Map<String, Map<StatsSeries, List<Long>>> byPhase = samples.computeIfAbsent(run.templateName(), (name) -> {
				Map<String, Map<StatsSeries, List<Long>>> ordered = new LinkedHashMap<>();
				Map<String, Phase> known = new LinkedHashMap<>();
				for (Phase phase : reference(name, versions).template().phases()) {
					ordered.put(phase.key(), new EnumMap<>(StatsSeries.class));
					known.put(phase.key(), phase);
				}
				phases.put(name, known);
				return ordered;
			});
			for (PhaseTimes times : run.times(template).phases()) {
				Map<StatsSeries, List<Long>> bySeries = byPhase.computeIfAbsent(times.phaseKey(),
						(key) -> new EnumMap<>(StatsSeries.class));
				phases.get(run.templateName())
					.computeIfAbsent(times.phaseKey(), (key) -> template.phase(key).orElseThrow());
				if (times.slippageMinutes() == null) {
					continue;
				}
				for (StatsSeries s : series) {
					if (s.includes(run.kind())) {
						bySeries.computeIfAbsent(s, (x) -> new ArrayList<>()).add(times.slippageMinutes());
					}
				}
			}
		}
		List<SlippageRow> rows = new ArrayList<>();
		samples.forEach((name, byPhase) -> byPhase.forEach((phaseKey, bySeries) -> {
			Phase phase = phases.get(name).get(phaseKey);
			rows.add(new SlippageRow(name, phaseKey, phase.title(), offset(phase.offsetMinutes()),
					series.stream().map((s) -> MedianCell.of(bySeries.getOrDefault(s, List.of()))).toList()));
		}));
		return rows;
	}

	private DurationFigure durations(String name, List<Run> runs, List<StatsSeries> series,
			Map<String, Long> versions) {
		StoredTemplate reference = reference(name, versions);
		Map<String, Map<StatsSeries, List<Double>>> phaseSamples = new HashMap<>();
		Map<String, Map<StatsSeries, List<Double>>> stepSamples = new HashMap<>();
		for (Run run : runs) {
			if (!run.templateName().equals(name)) {
				continue;
			}
			RunTimes times = run.times(this.catalog.byId(run.templateId()).template());
			for (StatsSeries s : series) {
				if (!s.includes(run.kind())) {
					continue;
				}
				for (PhaseTimes phase : times.phases()) {
					if (phase.duration() != null) {
						phaseSamples.computeIfAbsent(phase.phaseKey(), (k) -> new EnumMap<>(StatsSeries.class))
							.computeIfAbsent(s, (k) -> new ArrayList<>())
							.add(minutes(phase.duration()));
					}
				}
				times.steps()
					.forEach((step, duration) -> stepSamples
						.computeIfAbsent(step, (k) -> new EnumMap<>(StatsSeries.class))
						.computeIfAbsent(s, (k) -> new ArrayList<>())
						.add(minutes(duration)));
			}
		}
		List<Phase> plan = reference.template().phases();
		List<PhaseDuration> rows = new ArrayList<>();
		List<Row> chartRows = new ArrayList<>();
		for (int i = 0; i < plan.size(); i++) {
			Phase phase = plan.get(i);
			Integer planned = (i + 1 < plan.size()) ? plan.get(i + 1).offsetMinutes() - phase.offsetMinutes() : null;
			Map<StatsSeries, List<Double>> bySeries = phaseSamples.getOrDefault(phase.key(), Map.of());
			List<MedianCell> cells = series.stream()
				.map((s) -> MedianCell.of(bySeries.getOrDefault(s, List.of())))
				.toList();
			List<StepDuration> steps = new ArrayList<>();
			for (Step step : reference.template().stepsIn(phase.key())) {
				Map<StatsSeries, List<Double>> stepSeries = stepSamples.getOrDefault(step.key(), Map.of());
				steps.add(new StepDuration(step.key(), step.title(),
						series.stream().map((s) -> MedianCell.of(stepSeries.getOrDefault(s, List.of()))).toList()));
			}
			String plannedText = (planned != null) ? Medians.minutes(planned.doubleValue()) : Medians.NONE;
			rows.add(new PhaseDuration(phase.key(), phase.title(), offset(phase.offsetMinutes()), plannedText, cells,
					steps));
			List<Bar> bars = new ArrayList<>();
			bars.add(new Bar("planned", "Planned", (planned != null) ? planned.doubleValue() : null, plannedText));
			for (int j = 0; j < series.size(); j++) {
				bars.add(new Bar(series.get(j).name(), "Median, " + series.get(j).label().toLowerCase(),
						cells.get(j).minutes(), cells.get(j).text()));
			}
			chartRows.add(new Row(phase.key() + " " + phase.title(), bars));
		}
		List<Legend> legend = new ArrayList<>();
		legend.add(new Legend("planned", "Planned"));
		series.forEach((s) -> legend.add(new Legend(s.name(), s.label())));
		String chart = SvgCharts.horizontalBars("durations", "Phase durations of " + name,
				"Planned duration of each phase beside the median measured duration of "
						+ String.join(" and ", series.stream().map((s) -> s.label().toLowerCase()).toList())
						+ "; the table below gives the same numbers.",
				chartRows, legend);
		return new DurationFigure(true, name, reference.shortHash(), chart, rows);
	}

	/** T-30, T-0, T+15, T-24h: as the board writes offsets. */
	static String offset(int minutes) {
		String sign = (minutes < 0) ? "T-" : "T+";
		int abs = Math.abs(minutes);
		if (abs == 0) {
			return "T-0";
		}
		return (abs % 60 == 0) ? sign + (abs / 60) + "h" : sign + abs;
	}

	private static double minutes(Duration duration) {
		return duration.toMillis() / 60_000.0;
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
