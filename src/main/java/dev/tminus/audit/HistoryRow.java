package dev.tminus.audit;

import java.time.Duration;
import java.time.Instant;

import dev.tminus.cutover.CutoverKind;
import dev.tminus.cutover.CutoverStatus;
import dev.tminus.runbook.ParameterResolver;

/**
 * One cutover in the history list.
 *
 * @param decision the latest decision (a ROLLBACK after a GO shows as ROLLBACK), or
 * {@code null}
 * @param decidedBy who signed it, as recorded then
 * @param classification the failure classification of a NO-GO
 * @param firstStepAt when the first step was recorded
 * @param goNoGoAt when GO or NO-GO was signed
 */
public record HistoryRow(long id, String name, String release, String template, String environment, CutoverKind kind,
		CutoverStatus status, Instant t0, String decision, String decidedBy, Instant decidedAt, String classification,
		Instant firstStepAt, Instant goNoGoAt) {

	public String t0Utc() {
		return ParameterResolver.format(this.t0);
	}

	public String decidedAtUtc() {
		return (this.decidedAt != null) ? ParameterResolver.format(this.decidedAt) : null;
	}

	/** From the first recorded step to GO or NO-GO, or {@code null}. */
	public Duration duration() {
		return (this.firstStepAt != null && this.goNoGoAt != null) ? Duration.between(this.firstStepAt, this.goNoGoAt)
				: null;
	}

	/** "2h 05m", "45m", or empty. */
	public String durationText() {
		Duration duration = duration();
		if (duration == null) {
			return "";
		}
		long minutes = Math.max(0, duration.toMinutes());
		return (minutes >= 60) ? "%dh %02dm".formatted(minutes / 60, minutes % 60) : minutes + "m";
	}

}
