package dev.tminus.evidence;

import java.time.Instant;

import dev.tminus.runbook.ParameterResolver;

/**
 * Evidence metadata (never the content).
 *
 * @param stepKey the step it is attached to, or {@code null}
 * @param gateKey the gate it is attached to, or {@code null}
 * @param name the file name, or a link's name
 * @param url a link's address, {@code null} for a file
 * @param sha256 a file's SHA-256 (hex), {@code null} for a link
 * @param measuredAt the contract's UTC timestamp
 * @param uploadedBy the uploader's label, "Dana Diaz (dana)"
 * @param uploadedAt server time, UTC
 */
public record EvidenceView(long id, long cutoverId, String stepKey, String gateKey, Kind kind, String name, String url,
		String sha256, Long sizeBytes, String contentType, String command, Integer exitCode, Instant measuredAt,
		String owner, String result, long uploadedById, String uploadedBy, Instant uploadedAt) {

	public enum Kind {

		FILE, LINK

	}

	public boolean file() {
		return this.kind == Kind.FILE;
	}

	public String shortHash() {
		return (this.sha256 != null) ? this.sha256.substring(0, 12) : "";
	}

	public String sizeText() {
		return (this.sizeBytes != null) ? EvidenceService.sizeText(this.sizeBytes) : "";
	}

	public String uploadedAtUtc() {
		return ParameterResolver.format(this.uploadedAt);
	}

	public String measuredAtUtc() {
		return (this.measuredAt != null) ? ParameterResolver.format(this.measuredAt) : "";
	}

}
