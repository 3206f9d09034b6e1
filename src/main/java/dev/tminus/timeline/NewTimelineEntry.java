package dev.tminus.timeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tminus.timeline.internal.StorableText;

/**
 * An entry to append to a cutover's timeline. Start from {@link #by} or {@link #system}
 * and add what applies: <pre>
 * NewTimelineEntry.by(cutoverId, scribe.id(), scribe.label(), TimelineKind.STEP, "Snapshot taken")
 *     .withResult(TimelineResult.PASS)
 *     .withSubject("t30-snapshot")
 *     .withOnBehalfOf("Deployer")
 *     .withDetails(Map.of("snapshot_id", "snap-0815"));
 * </pre> An invalid entry cannot be built: {@link IllegalArgumentException} says what is
 * wrong.
 *
 * @param cutoverId the cutover whose timeline this is
 * @param kind what the entry records
 * @param actorId the account that acted, or {@code null} when T-Minus itself records
 * @param actorLabel the actor's name at the time ("Dana Diaz (dana)"), kept as it was
 * then
 * @param onBehalfOf the role the actor recorded for ("Deployer"), or {@code null}
 * @param result PASS, FAIL, INFO, or {@code null}
 * @param subjectKey the step, gate or trigger key the entry is about, or {@code null}
 * @param text what happened, as people will read it (1 to 4000 characters)
 * @param details links, field values and measurements: JSON values, never {@code null}
 */
public record NewTimelineEntry(long cutoverId, TimelineKind kind, Long actorId, String actorLabel, String onBehalfOf,
		TimelineResult result, String subjectKey, String text, Map<String, Object> details) {

	public static final int MAX_TEXT_LENGTH = 4000;

	public static final int MAX_ACTOR_LABEL_LENGTH = 200;

	public static final int MAX_ON_BEHALF_OF_LENGTH = 100;

	public static final int MAX_SUBJECT_KEY_LENGTH = 100;

	/** How entries that no person made are signed. */
	public static final String SYSTEM_LABEL = "T-Minus (system)";

	public NewTimelineEntry {
		if (cutoverId <= 0) {
			throw new IllegalArgumentException("A timeline entry needs the id of its cutover, not " + cutoverId + ".");
		}
		if (kind == null) {
			throw new IllegalArgumentException("A timeline entry needs a kind.");
		}
		if (actorId != null && actorId <= 0) {
			throw new IllegalArgumentException("The actor id " + actorId + " is not an account id.");
		}
		actorLabel = required(actorLabel, "actor label", MAX_ACTOR_LABEL_LENGTH);
		text = required(text, "timeline text", MAX_TEXT_LENGTH);
		onBehalfOf = optional(onBehalfOf, "role recorded on behalf of", MAX_ON_BEHALF_OF_LENGTH);
		subjectKey = optional(subjectKey, "subject key", MAX_SUBJECT_KEY_LENGTH);
		if (onBehalfOf != null && actorId == null) {
			throw new IllegalArgumentException("Only a person can record on behalf of " + onBehalfOf + ".");
		}
		details = (details != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(details)) : Map.of();
	}

	/** An entry made by a person. */
	public static NewTimelineEntry by(long cutoverId, long actorId, String actorLabel, TimelineKind kind, String text) {
		return new NewTimelineEntry(cutoverId, kind, actorId, actorLabel, null, null, null, text, null);
	}

	/** An entry T-Minus makes itself (a breached decision clock, an overdue check). */
	public static NewTimelineEntry system(long cutoverId, TimelineKind kind, String text) {
		return new NewTimelineEntry(cutoverId, kind, null, SYSTEM_LABEL, null, null, null, text, null);
	}

	public NewTimelineEntry withResult(TimelineResult result) {
		return new NewTimelineEntry(this.cutoverId, this.kind, this.actorId, this.actorLabel, this.onBehalfOf, result,
				this.subjectKey, this.text, this.details);
	}

	public NewTimelineEntry withSubject(String subjectKey) {
		return new NewTimelineEntry(this.cutoverId, this.kind, this.actorId, this.actorLabel, this.onBehalfOf,
				this.result, subjectKey, this.text, this.details);
	}

	public NewTimelineEntry withOnBehalfOf(String role) {
		return new NewTimelineEntry(this.cutoverId, this.kind, this.actorId, this.actorLabel, role, this.result,
				this.subjectKey, this.text, this.details);
	}

	public NewTimelineEntry withDetails(Map<String, ?> details) {
		return new NewTimelineEntry(this.cutoverId, this.kind, this.actorId, this.actorLabel, this.onBehalfOf,
				this.result, this.subjectKey, this.text, (details != null) ? new LinkedHashMap<>(details) : null);
	}

	private static String required(String value, String what, int maxLength) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("The " + what + " must not be empty.");
		}
		return checked(value, what, maxLength);
	}

	private static String optional(String value, String what, int maxLength) {
		if (value == null) {
			return null;
		}
		if (value.isBlank()) {
			throw new IllegalArgumentException("The " + what + " must not be blank; leave it out instead.");
		}
		return checked(value, what, maxLength);
	}

	private static String checked(String value, String what, int maxLength) {
		StorableText.require(value, what);
		int length = StorableText.length(value);
		if (length > maxLength) {
			throw new IllegalArgumentException(
					"The " + what + " is " + length + " characters long; at most " + maxLength + " are allowed.");
		}
		return value;
	}

}
