package dev.tminus.timeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed statement that a cutover's timeline had {@code entryCount} entries, the last
 * of which hashed to {@code headHash}. The signature is Ed25519 over
 * {@link #statement()}, with the key whose id is {@code keyId} (the first 16 hex digits
 * of the SHA-256 of the public key's X.509 encoding). Checkpoints of one cutover are
 * numbered 1, 2, 3... without gaps.
 *
 * @param cutoverId the cutover
 * @param number the checkpoint's number within the cutover
 * @param entryCount entries covered (the head's seq)
 * @param headHash the hash of entry {@code entryCount}
 * @param signedAt when it was signed (UTC, microseconds)
 * @param reason DECISION, ENTRIES (every N entries) or PERIODIC
 * @param keyId which key signed it
 * @param signature Base64 of the Ed25519 signature
 */
public record Checkpoint(long cutoverId, int number, long entryCount, String headHash, Instant signedAt, String reason,
		String keyId, String signature) {

	private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	/**
	 * The exact text that is signed, one {@code name=value} per line:
	 * <pre>tminus-checkpoint-v1
	 * cutover=42
	 * number=3
	 * entries=118
	 * head=9f86…
	 * signed_at=2026-11-22T21:14:03.123456Z
	 * reason=DECISION
	 * key=1a2b3c4d5e6f7a8b</pre> (UTF-8, each line ended by {@code \n}).
	 */
	public String statement() {
		return "tminus-checkpoint-v1\ncutover=" + this.cutoverId + "\nnumber=" + this.number + "\nentries="
				+ this.entryCount + "\nhead=" + this.headHash + "\nsigned_at=" + signedAtUtc() + "\nreason="
				+ this.reason + "\nkey=" + this.keyId + "\n";
	}

	public String signedAtUtc() {
		return MICROS.format(this.signedAt);
	}

	/** The checkpoint as one JSON object (exports, webhooks, the anchor file). */
	public Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("cutover_id", this.cutoverId);
		json.put("number", this.number);
		json.put("entries", this.entryCount);
		json.put("head", this.headHash);
		json.put("signed_at", signedAtUtc());
		json.put("reason", this.reason);
		json.put("key", this.keyId);
		json.put("signature", this.signature);
		return json;
	}

	public static Checkpoint fromJson(Map<String, ?> json) {
		return new Checkpoint(((Number) json.get("cutover_id")).longValue(), ((Number) json.get("number")).intValue(),
				((Number) json.get("entries")).longValue(), (String) json.get("head"),
				Instant.parse((String) json.get("signed_at")), (String) json.get("reason"), (String) json.get("key"),
				(String) json.get("signature"));
	}

	/** Same statement and signature. */
	public boolean sameAs(Checkpoint other) {
		return other != null && statement().equals(other.statement()) && this.signature.equals(other.signature);
	}

}
