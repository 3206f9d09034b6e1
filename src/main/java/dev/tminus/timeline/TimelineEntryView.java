package dev.tminus.timeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One recorded timeline entry, as pages, exports and the integrity check see it.
 *
 * @param id the row id (for links; order is {@code seq})
 * @param cutoverId the cutover whose timeline this is
 * @param seq 1, 2, 3... within the cutover, without gaps
 * @param recordedAt server time in UTC, to the microsecond
 * @param kind what the entry records
 * @param actorId the account that acted, or {@code null} for T-Minus itself
 * @param actorLabel the actor's name as it was when recorded
 * @param onBehalfOf the role the actor recorded for, or {@code null}
 * @param result PASS, FAIL, INFO, or {@code null}
 * @param subjectKey the step, gate or trigger key, or {@code null}
 * @param text what happened
 * @param details links, field values and measurements (read-only)
 * @param prevHash the hash of entry {@code seq - 1} (64 zeros for the first)
 * @param hash the SHA-256 of this entry's canonical form, hex
 */
public record TimelineEntryView(long id, long cutoverId, long seq, Instant recordedAt, TimelineKind kind, Long actorId,
		String actorLabel, String onBehalfOf, TimelineResult result, String subjectKey, String text,
		Map<String, Object> details, String prevHash, String hash) {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	/** "2030-05-01 09:30:00Z": the server's UTC time for pages. */
	public String recordedAtUtc() {
		return UTC.format(this.recordedAt);
	}

	/** "Sam Scribe (sam) for Deployer", or just the actor. */
	public String byLine() {
		return (this.onBehalfOf != null) ? this.actorLabel + " for " + this.onBehalfOf : this.actorLabel;
	}

	public boolean bySystem() {
		return this.actorId == null;
	}

}
