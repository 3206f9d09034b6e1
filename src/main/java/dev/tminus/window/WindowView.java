package dev.tminus.window;

import java.time.Instant;

/**
 * The rollback window fragment of a board.
 *
 * @param cutoverId the cutover
 * @param window the window, or {@code null} when the runbook defines none
 * @param windowEndText the window end as UTC text, or {@code null}
 * @param pointOfNoReturnText the point of no return as UTC text, or {@code null}
 * @param passed whether the point of no return is reached
 * @param decided whether the cutover already has its decision (the countdown no longer
 * matters)
 * @param now the server time the view was built at
 */
public record WindowView(long cutoverId, RollbackWindow window, String windowEndText, String pointOfNoReturnText,
		boolean passed, boolean decided, Instant now) {

	public boolean defined() {
		return this.window != null;
	}

}
