package dev.tminus.audit;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.tminus.audit.IntegrityVerdict.BadFile;
import dev.tminus.evidence.EvidenceQueries;
import dev.tminus.evidence.EvidenceView;
import dev.tminus.timeline.IntegrityReport;
import dev.tminus.timeline.RecordVerifier;
import dev.tminus.timeline.RecordVerifier.Check;
import dev.tminus.timeline.RecordVerifier.EvidenceRecord;
import dev.tminus.timeline.RecordVerifier.Finding;
import dev.tminus.timeline.TimelineCheckpoints;
import dev.tminus.timeline.TimelineQueries;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes what a cutover's record claims about itself, as an auditor would by hand:
 * the timeline's hash chain, and every evidence file's SHA-256 from its stored bytes
 * (read in chunks, so memory stays bounded whatever the files' sizes).
 */
@Service
public class AuditIntegrity {

	private final TimelineQueries timeline;

	private final TimelineCheckpoints checkpoints;

	private final EvidenceQueries evidence;

	private final Clock clock;

	AuditIntegrity(TimelineQueries timeline, TimelineCheckpoints checkpoints, EvidenceQueries evidence, Clock clock) {
		this.timeline = timeline;
		this.checkpoints = checkpoints;
		this.evidence = evidence;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public IntegrityVerdict check(long cutoverId) {
		RecordVerifier.Result record = verifyRecord(cutoverId, this.evidence.forCutover(cutoverId));
		IntegrityReport chain = record.chain();
		int checked = 0;
		int bad = 0;
		BadFile first = null;
		for (EvidenceView file : this.evidence.forCutover(cutoverId)) {
			if (!file.file()) {
				continue;
			}
			checked++;
			String actual = sha256(file.id());
			if (!file.sha256().equals(actual)) {
				bad++;
				if (first == null) {
					first = new BadFile(file.id(), file.name(), subject(file), file.sha256(), actual);
				}
			}
		}
		return new IntegrityVerdict(cutoverId, chain, checked, first, bad, record.findings(), this.checkpoints.keyId(),
				this.clock.instant());
	}

	/**
	 * The timeline against its checkpoints (in the database and anchored outside it) and
	 * the evidence rows against their upload entries.
	 */
	RecordVerifier.Result verifyRecord(long cutoverId, List<EvidenceView> files) {
		RecordVerifier verifier = new RecordVerifier(cutoverId, this.checkpoints.publicKey(),
				this.checkpoints.stored(cutoverId), this.checkpoints.anchored(cutoverId), records(files));
		this.timeline.stream(cutoverId, verifier::accept);
		RecordVerifier.Result result = verifier.finish();
		if (this.checkpoints.anchorIsForeign()) {
			List<Finding> findings = new ArrayList<>(result.findings());
			findings.add(new Finding(Check.ANCHOR_FOREIGN,
					"The checkpoint anchor file holds checkpoints of another installation only: this database's "
							+ "installation id was changed, or the app points at another database."));
			return new RecordVerifier.Result(result.chain(), findings);
		}
		return result;
	}

	static List<EvidenceRecord> records(List<EvidenceView> files) {
		return files.stream().map((f) -> new EvidenceRecord(f.id(), f.name(), f.file() ? f.sha256() : null)).toList();
	}

	/** The SHA-256 of a file's stored content, or {@code null} when there is none. */
	String sha256(long evidenceId) {
		if (!this.evidence.hasContent(evidenceId)) {
			return null;
		}
		MessageDigest digest = newDigest();
		this.evidence.streamContent(evidenceId, new DigestOutputStream(OutputStream.nullOutputStream(), digest));
		return HexFormat.of().formatHex(digest.digest());
	}

	static String subject(EvidenceView file) {
		return (file.gateKey() != null) ? "gate " + file.gateKey() : "step " + file.stepKey();
	}

	static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
