package dev.tminus.audit;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

import dev.tminus.audit.IntegrityVerdict.BadFile;
import dev.tminus.evidence.EvidenceQueries;
import dev.tminus.evidence.EvidenceView;
import dev.tminus.timeline.IntegrityReport;
import dev.tminus.timeline.TimelineIntegrity;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes what a cutover's record claims about itself, as an auditor would by hand:
 * the timeline's hash chain, and every evidence file's SHA-256 from its stored bytes
 * (read in chunks, so memory stays bounded whatever the files' sizes).
 */
@Service
public class AuditIntegrity {

	private final TimelineIntegrity timeline;

	private final EvidenceQueries evidence;

	private final Clock clock;

	AuditIntegrity(TimelineIntegrity timeline, EvidenceQueries evidence, Clock clock) {
		this.timeline = timeline;
		this.evidence = evidence;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public IntegrityVerdict check(long cutoverId) {
		IntegrityReport chain = this.timeline.verify(cutoverId);
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
		return new IntegrityVerdict(cutoverId, chain, checked, first, bad, this.clock.instant());
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
