package dev.tminus.trigger;

import java.time.Duration;
import java.time.Instant;

/**
 * A reported rollback trigger as boards and the decision see it.
 *
 * @param key the template's trigger key, {@code null} for a free-text report
 * @param action {@code IMMEDIATE_ROLLBACK} or {@code MONITOR}
 * @param deadline when the IC must have decided, {@code null} for MONITOR
 * @param open an immediate-rollback trigger no IC decision has resolved yet
 * @param breached the deadline passed before a decision (recorded by the clock job, or
 * already past now)
 */
public record TriggerView(long id, String key, String title, String action, String note, String reportedBy,
		Instant reportedAt, Instant deadline, boolean open, boolean breached, Instant resolvedAt) {

	public boolean monitor() {
		return "MONITOR".equals(this.action);
	}

	/**
	 * How long the IC took from the report to the decision, or {@code null} while open.
	 */
	public Duration reaction() {
		return (this.resolvedAt != null) ? Duration.between(this.reportedAt, this.resolvedAt) : null;
	}

	/** "4m 10s" or "1h 05m", or empty while open. */
	public String reactionText() {
		Duration took = reaction();
		if (took == null) {
			return "";
		}
		long seconds = Math.max(0, took.toSeconds());
		return (seconds >= 3600) ? "%dh %02dm".formatted(seconds / 3600, (seconds % 3600) / 60)
				: "%dm %02ds".formatted(seconds / 60, seconds % 60);
	}

}
