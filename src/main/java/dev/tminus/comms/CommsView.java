package dev.tminus.comms;

import java.time.Instant;
import java.util.List;

import dev.tminus.runbook.ParameterResolver;

/**
 * The communications card of a board: the runbook's messages, each pre-filled from the
 * cutover's state and offered when its moment has come, what was already posted, and when
 * the next update is due.
 *
 * @param canPost the viewer is the IC or the Scribe
 */
public record CommsView(long cutoverId, boolean canPost, List<Offer> offers, List<Posted> posted, Cadence cadence) {

	/**
	 * @param text the message as it would go out now
	 * @param ready its moment has come (the gate has its result, the decision is made)
	 * @param waitingFor why it is not ready yet, or {@code null}
	 * @param postedAlready it was posted before (it may be posted again)
	 */
	public record Offer(String key, String when, String text, boolean ready, String waitingFor, boolean postedAlready) {
	}

	public record Posted(long id, String key, String text, String by, Instant at) {

		public String atUtc() {
			return ParameterResolver.format(this.at);
		}

	}

	/**
	 * @param label the runbook's cadence line in force now ("First 2 Hours: Every 30m.")
	 * @param dueAt when the next update is due, or {@code null} when no cadence applies
	 * @param minutes minutes until it is due (negative: late by that much)
	 */
	public record Cadence(String label, Instant dueAt, long minutes) {

		public boolean applies() {
			return this.dueAt != null;
		}

		public boolean late() {
			return this.dueAt != null && this.minutes < 0;
		}

		public String text() {
			if (this.dueAt == null) {
				return "No update cadence applies now.";
			}
			return late() ? "Update late by " + (-this.minutes) + " min"
					: "Next update due in " + this.minutes + " min";
		}

	}

}
