package dev.tminus.audit.stats;

import java.util.List;

/**
 * The "Across cutovers" page: every figure over the cutovers the viewer may read, each
 * per series (rehearsals and live runs apart unless mixed on request). Texts are
 * formatted; a median without data is "—". Chart markup is escaped SVG from
 * {@link SvgCharts}.
 *
 * @param filter what the figures cover
 * @param templateNames every template name, for the filter
 * @param everything whether the viewer reads every cutover (auditor, admin) or only their
 * own (member)
 * @param series the series every figure shows, in order
 * @param cutovers how many cutovers each series covers
 */
public record StatsView(StatsFilter filter, List<String> templateNames, boolean everything, List<StatsSeries> series,
		List<SeriesCount> cutovers, List<DecisionFigure> decisions, List<ClassificationFigure> classifications,
		List<SlippageRow> slippage, List<ReactionRow> reactions, DurationFigure durations) {

	/** How many cutovers one series covers. */
	public record SeriesCount(StatsSeries series, long cutovers) {

	}

	/**
	 * GO, NO-GO and ROLLBACK decisions per calendar month (UTC) of one series.
	 *
	 * @param chart SVG, or {@code null} when there is no decision
	 */
	public record DecisionFigure(StatsSeries series, String chart, List<MonthRow> months, long go, long noGo,
			long rollback) {

		public long total() {
			return this.go + this.noGo + this.rollback;
		}

	}

	/** One month ({@code 2026-03}) of decisions. */
	public record MonthRow(String month, long go, long noGo, long rollback) {

		public long total() {
			return this.go + this.noGo + this.rollback;
		}

	}

	/**
	 * NO-GO failure classifications of one series, most frequent first.
	 *
	 * @param chart SVG, or {@code null} when there is no NO-GO
	 */
	public record ClassificationFigure(StatsSeries series, String chart, List<ClassificationRow> rows) {

	}

	/** Ties share a rank. */
	public record ClassificationRow(int rank, String classification, long count) {

	}

	/** A median over some runs: its text ("12 min" or "—") and how many values it has. */
	public record MedianCell(String text, int samples, Double minutes) {

		static MedianCell of(List<? extends Number> minutes) {
			Double median = Medians.of(minutes);
			return new MedianCell(Medians.minutes(median), minutes.size(), median);
		}

	}

	/**
	 * Median slippage of one phase of one template, one cell per series.
	 *
	 * @param offset the phase's offset from T-0 ("T-30")
	 */
	public record SlippageRow(String template, String phaseKey, String phaseTitle, String offset,
			List<MedianCell> cells) {

	}

	/**
	 * The IC's reaction to immediate-rollback triggers in one series.
	 *
	 * @param triggers immediate-rollback triggers reported
	 * @param resolved those an IC decision resolved
	 * @param median median of resolved minus reported
	 * @param unresolved still without a decision
	 * @param breached those whose decision clock ran out (recorded breach)
	 */
	public record ReactionRow(StatsSeries series, long triggers, long resolved, MedianCell median, long unresolved,
			long breached) {

	}

	/**
	 * Planned vs measured durations per phase and step of the chosen template.
	 *
	 * @param chosen whether a template is chosen (without one there is nothing to show)
	 * @param template its name
	 * @param version the short hash of the version whose plan is shown
	 * @param chart SVG of the phase durations, or {@code null}
	 */
	public record DurationFigure(boolean chosen, String template, String version, String chart,
			List<PhaseDuration> phases) {

		static DurationFigure none() {
			return new DurationFigure(false, null, null, null, List.of());
		}

	}

	/**
	 * @param planned next phase's offset minus this one's ("—" for the last phase)
	 * @param cells one median per series
	 */
	public record PhaseDuration(String key, String title, String offset, String planned, List<MedianCell> cells,
			List<StepDuration> steps) {

	}

	/** Templates plan phases, not steps: a step has no planned duration. */
	public record StepDuration(String key, String title, List<MedianCell> cells) {

	}

}
