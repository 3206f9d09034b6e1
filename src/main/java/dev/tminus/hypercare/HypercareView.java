package dev.tminus.hypercare;

import java.time.Instant;
import java.util.List;

import dev.tminus.cutover.CutoverStatus;

/**
 * What the hypercare view (and the board's hypercare section) shows: the checks by window
 * with their state, the next one due, the completion criteria with their owners and
 * ticks, and the control reports. Times come as instants (for {@code <time datetime>})
 * and as UTC text.
 *
 * @param run when hypercare started (GO) and ended (ROLLBACK), {@code null} before GO
 * @param openTriggers the open immediate-rollback triggers: COMPLETE waits for them
 * @param graceMinutes how long after its due time a check counts as overdue
 */
public record HypercareView(long cutoverId, String cutoverName, CutoverStatus status, Run run, List<WindowView> windows,
		NextCheck next, List<CriterionView> criteria, List<String> openTriggers, List<ControlReportView> reports,
		boolean canRecordChecks, boolean canFileReport, String reporters, long graceMinutes) {

	public HypercareView {
		windows = List.copyOf(windows);
		criteria = List.copyOf(criteria);
		openTriggers = List.copyOf(openTriggers);
		reports = List.copyOf(reports);
	}

	public boolean started() {
		return this.run != null;
	}

	/** Checks are due and recorded: after GO, until a ROLLBACK. */
	public boolean active() {
		return this.run != null && this.run.endedAt() == null;
	}

	public List<CheckView> checks() {
		return this.windows.stream().flatMap((w) -> w.checks().stream()).toList();
	}

	public List<CheckView> overdueChecks() {
		return checks().stream().filter(CheckView::overdue).filter((c) -> !c.recorded()).toList();
	}

	/** The checks the viewer could record now, for the form. */
	public List<CheckView> recordableChecks() {
		return this.canRecordChecks ? checks().stream().filter(CheckView::recordable).toList() : List.of();
	}

	public long recordedCount() {
		return checks().stream().filter(CheckView::recorded).count();
	}

	public long tickedCount() {
		return this.criteria.stream().filter(CriterionView::ticked).count();
	}

	public boolean complete() {
		return this.status == CutoverStatus.COMPLETE;
	}

	/** "COMPLETE", "4 of 6 criteria ticked", or what COMPLETE still waits for. */
	public String completionText() {
		if (complete()) {
			return "COMPLETE: every completion criterion ticked by its owner, no rollback trigger open.";
		}
		if (this.criteria.isEmpty()) {
			return "The runbook defines no completion criteria.";
		}
		String ticked = tickedCount() + " of " + this.criteria.size() + " completion criteria ticked";
		if (tickedCount() == this.criteria.size() && !this.openTriggers.isEmpty()) {
			return ticked + "; COMPLETE waits while a rollback trigger is open (" + String.join("; ", this.openTriggers)
					+ ").";
		}
		return ticked + ".";
	}

	public record Run(Instant startedAt, String startedAtUtc, Instant endedAt, String endedAtUtc) {

	}

	public record WindowView(int index, String label, List<String> focus, List<CheckView> checks) {

		public WindowView {
			focus = List.copyOf(focus);
			checks = List.copyOf(checks);
		}

		public long recordedCount() {
			return this.checks.stream().filter(CheckView::recorded).count();
		}

	}

	/**
	 * One scheduled check.
	 *
	 * @param overdue not recorded by its due time plus the grace (marked by the overdue
	 * job, or already past now), or recorded only after that
	 * @param recordable open now (the previous check is due) and not recorded, while
	 * hypercare runs
	 */
	public record CheckView(long id, int windowIndex, String windowLabel, int seq, Instant opensAt, Instant dueAt,
			String dueAtUtc, List<String> focus, CheckStatus status, String note, String recordedBy, Instant recordedAt,
			String recordedAtUtc, Instant overdueAt, boolean overdue, boolean recordable) {

		public CheckView {
			focus = List.copyOf(focus);
		}

		public boolean recorded() {
			return this.status != null;
		}

		/** OK, ISSUE, OVERDUE, OPEN (may be recorded now) or UPCOMING. */
		public String state() {
			if (this.status != null) {
				return this.status.name();
			}
			if (this.overdue) {
				return "OVERDUE";
			}
			return this.recordable ? "OPEN" : "UPCOMING";
		}

		/** "0-6h · every 30 min #3, due 2026-11-22T10:30:00Z", for the form. */
		public String label() {
			return this.windowLabel + " #" + this.seq + ", due " + this.dueAtUtc;
		}

	}

	/**
	 * The next check that is not overdue yet.
	 *
	 * @param minutes whole minutes until it is due (0 when due now)
	 * @param text "Next check due in 12 min", "Check due now (overdue after ...)"
	 */
	public record NextCheck(CheckView check, long minutes, String text) {

	}

	/**
	 * @param opensAt when a criterion with {@code not_before} may be ticked, or
	 * {@code null} (no window, or no GO yet)
	 * @param canTick the viewer may tick it now (its window is open)
	 */
	public record CriterionView(String key, String text, String ownerRole, String ownerTitle, boolean ticked,
			String tickedBy, Instant tickedAt, String tickedAtUtc, String note, Instant opensAt, String opensAtUtc,
			boolean canTick) {

	}

	/** "2 h", "1 h 56 min", "45 min": whole minutes, rounded up. */
	public static String duration(java.time.Duration duration) {
		long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
		long hours = minutes / 60;
		long rest = minutes % 60;
		return (hours == 0) ? rest + " min" : (rest == 0) ? hours + " h" : hours + " h " + rest + " min";
	}

	public record ControlReportView(long id, String summary, String metrics, String actions, String filedBy,
			Instant filedAt, String filedAtUtc) {

	}

}
