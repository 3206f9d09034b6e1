package dev.tminus.timeline.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tminus.timeline.TimelineEntryView;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;

/**
 * Everything a timeline entry's hash covers, and how it is hashed.
 * <p>
 * The canonical form is the {@link CanonicalJson} text of one object with exactly these
 * members (so, sorted): {@code actor_id} (number or null), {@code actor_label},
 * {@code cutover_id}, {@code details} (object), {@code kind} (enum name),
 * {@code on_behalf_of} (string or null), {@code prev_hash}, {@code recorded_at}
 * ({@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}, UTC, always six fraction digits), {@code result}
 * (enum name or null), {@code seq}, {@code subject_key} (string or null), {@code text}.
 * The hash is SHA-256 over its UTF-8 bytes, as 64 lower-case hex digits. The first
 * entry's {@code prev_hash} is {@link #GENESIS_HASH}.
 * <p>
 * Example: <pre>{"actor_id":7,"actor_label":"Dana Diaz (dana)","cutover_id":42,
 * "details":{"snapshot":"snap-1"},"kind":"STEP","on_behalf_of":"Deployer","prev_hash":"00…00",
 * "recorded_at":"2030-05-01T09:30:00.123456Z","result":"PASS","seq":1,"subject_key":"t30-snapshot",
 * "text":"Snapshot taken"}</pre> (on one line).
 */
public record CanonicalEntry(long cutoverId, long seq, Instant recordedAt, TimelineKind kind, Long actorId,
		String actorLabel, String onBehalfOf, TimelineResult result, String subjectKey, String text,
		Map<String, Object> details, String prevHash) {

	/** The {@code prev_hash} of every cutover's first entry. */
	public static final String GENESIS_HASH = "0".repeat(64);

	private static final DateTimeFormatter RECORDED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	public static CanonicalEntry of(TimelineEntryView entry) {
		return new CanonicalEntry(entry.cutoverId(), entry.seq(), entry.recordedAt(), entry.kind(), entry.actorId(),
				entry.actorLabel(), entry.onBehalfOf(), entry.result(), entry.subjectKey(), entry.text(),
				entry.details(), entry.prevHash());
	}

	public String canonicalForm() {
		if (this.recordedAt.getNano() % 1_000 != 0) {
			// PostgreSQL would store it truncated, and the entry could never be verified
			throw new IllegalArgumentException("recorded_at must be truncated to microseconds: " + this.recordedAt);
		}
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("cutover_id", this.cutoverId);
		members.put("seq", this.seq);
		members.put("recorded_at", RECORDED_AT.format(this.recordedAt));
		members.put("kind", this.kind.name());
		members.put("actor_id", this.actorId);
		members.put("actor_label", this.actorLabel);
		members.put("on_behalf_of", this.onBehalfOf);
		members.put("result", (this.result != null) ? this.result.name() : null);
		members.put("subject_key", this.subjectKey);
		members.put("text", this.text);
		members.put("details", (this.details != null) ? this.details : Map.of());
		members.put("prev_hash", this.prevHash);
		return CanonicalJson.write(members);
	}

	public String sha256() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(canonicalForm().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
