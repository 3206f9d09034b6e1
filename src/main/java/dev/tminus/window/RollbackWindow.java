package dev.tminus.window;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.tminus.runbook.RunbookTemplate.Rollback;

/**
 * The rollback window of a cutover: the change window ends at T-0 plus the template's
 * offset, and a backout started later than its duration before that end no longer
 * finishes inside the window. That last moment is the point of no return.
 *
 * @param windowEnd when the change window ends
 * @param backoutMinutes how long the backout takes
 * @param pointOfNoReturn the window end minus the backout duration
 */
public record RollbackWindow(Instant windowEnd, int backoutMinutes, Instant pointOfNoReturn) {

	/**
	 * @return the window, or empty when the template does not give both the window end
	 * and the backout duration
	 */
	public static Optional<RollbackWindow> of(Instant t0, Rollback rollback) {
		if (t0 == null || rollback == null || rollback.windowEndOffsetMinutes() == null
				|| rollback.backoutMinutes() == null) {
			return Optional.empty();
		}
		Instant end = t0.plus(Duration.ofMinutes(rollback.windowEndOffsetMinutes()));
		int backout = rollback.backoutMinutes();
		return Optional.of(new RollbackWindow(end, backout, end.minus(Duration.ofMinutes(backout))));
	}

	/** Whether the point of no return is reached at {@code now}. */
	public boolean passed(Instant now) {
		return !now.isBefore(this.pointOfNoReturn);
	}

}
