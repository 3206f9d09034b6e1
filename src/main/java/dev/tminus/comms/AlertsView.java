package dev.tminus.comms;

import java.util.List;

/**
 * What every open board must see at once: an open rollback trigger with the IC's
 * deadline, a decision just signed, overdue hypercare checks. Raised live (the board
 * re-fetches it on the trigger, decision and hypercare signals) and kept while it holds.
 */
public record AlertsView(long cutoverId, List<Alert> alerts) {

	/**
	 * @param level {@code danger} or {@code notice}
	 * @param kind {@code trigger}, {@code decision} or {@code hypercare}
	 */
	public record Alert(String level, String kind, String text) {
	}

}
