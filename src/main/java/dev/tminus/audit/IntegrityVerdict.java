package dev.tminus.audit;

import java.time.Instant;
import java.util.List;

import dev.tminus.runbook.ParameterResolver;
import dev.tminus.timeline.IntegrityReport;
import dev.tminus.timeline.RecordVerifier.Finding;

/**
 * The outcome of recomputing a cutover's record: its timeline hash chain and the SHA-256
 * of every evidence file.
 *
 * @param timeline the chain check
 * @param filesChecked how many evidence files were read and hashed
 * @param firstBadFile the first file whose content no longer matches its recorded hash,
 * or {@code null}
 * @param badFiles how many files do not match
 * @param findings what else does not hold: checkpoints (missing, replaced, forged, cut or
 * rewritten timeline) and evidence rows against their upload entries
 * @param keyId the checkpoint key the check used
 * @param checkedAt when the check ran (UTC)
 */
public record IntegrityVerdict(long cutoverId, IntegrityReport timeline, int filesChecked, BadFile firstBadFile,
		int badFiles, List<Finding> findings, String keyId, Instant checkedAt) {

	public IntegrityVerdict {
		findings = List.copyOf(findings);
	}

	public boolean intact() {
		return this.timeline.intact() && this.firstBadFile == null && this.findings.isEmpty();
	}

	public String checkedAtUtc() {
		return ParameterResolver.format(this.checkedAt);
	}

	/** One line an auditor can quote: "intact" or the first thing that does not match. */
	public String summary() {
		if (intact()) {
			return "Intact: timeline of " + this.timeline.verified() + " entries (last hash " + this.timeline.lastHash()
					+ ") and " + this.filesChecked + " evidence " + ((this.filesChecked == 1) ? "file" : "files")
					+ " match their recorded SHA-256; every signed checkpoint matches.";
		}
		StringBuilder text = new StringBuilder("NOT intact.");
		if (!this.timeline.intact()) {
			text.append(" Timeline: ").append(this.timeline.summary());
		}
		if (this.firstBadFile != null) {
			text.append(" Evidence: ")
				.append(this.badFiles)
				.append(" of ")
				.append(this.filesChecked)
				.append((this.filesChecked == 1) ? " file does" : " files do")
				.append(" not match; the first is ")
				.append(this.firstBadFile.describe());
		}
		for (Finding finding : this.findings) {
			text.append(' ').append(finding.text());
		}
		return text.toString();
	}

	/**
	 * @param actualSha256 what the stored content hashes to now, or {@code null} when the
	 * content is gone
	 */
	public record BadFile(long evidenceId, String name, String subject, String recordedSha256, String actualSha256) {

		String describe() {
			return "evidence #" + this.evidenceId + " \"" + this.name + "\" of " + this.subject + ": recorded SHA-256 "
					+ this.recordedSha256 + ((this.actualSha256 != null) ? ", content hashes to " + this.actualSha256
							: ", its content is missing")
					+ ".";
		}

	}

}
