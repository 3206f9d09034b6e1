package dev.tminus.cutover;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tminus.runbook.RunbookTemplate.Field;
import dev.tminus.timeline.TimelineEntryView;

/**
 * Everything the board shows, formatted for the page: times as UTC text plus the instant
 * (the page adds the viewer's local time).
 */
public record BoardView(Header header, CutoverAccess access, List<RoleView> roles, List<PhaseView> phases,
		List<TimelineEntryView> timeline, Map<String, String> parameters, Instant now) {

	public record Header(long id, String name, String templateName, String templateHash, String environment,
			String release, CutoverKind kind, CutoverStatus status, Instant t0, String t0Utc, Long retryOf,
			Instant startedAt, long templateId) {

	}

	public record RoleView(String key, String title, String duty, boolean approver, String coverage, boolean onNow,
			List<Holder> holders) {

	}

	public record Holder(long assignmentId, long accountId, String label) {

	}

	public record PhaseView(String key, String title, int offsetMinutes, Instant planned, String plannedUtc,
			Instant actualStart, Instant actualFinish, Long slippageMinutes, boolean finished, List<StepView> steps) {

		public String slippageText() {
			if (this.slippageMinutes == null) {
				return "";
			}
			if (this.slippageMinutes == 0) {
				return "on time";
			}
			return (this.slippageMinutes > 0) ? "+" + this.slippageMinutes + " min late"
					: (-this.slippageMinutes) + " min early";
		}

	}

	public record StepView(String key, String title, String ownerRole, String ownerTitle, List<String> assignees,
			StepStatus status, Map<String, String> fieldValues, String note, String recordedBy, String onBehalfOf,
			Instant recordedAt, String recordedAtUtc, long version, List<String> waitingFor, String instructionsHtml,
			List<Field> fields, boolean canRecord, boolean evidenceRequired, List<String> evidenceFiles) {

		public boolean blocked() {
			return !this.waitingFor.isEmpty() && !this.status.done();
		}

		public boolean recorded() {
			return this.status != StepStatus.PENDING;
		}

	}

}
