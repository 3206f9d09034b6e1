package dev.tminus.evidence;

/** A file over {@code tminus.evidence.max-file-size}: answered with 413. */
public class EvidenceTooLargeException extends EvidenceException {

	public EvidenceTooLargeException(String message) {
		super(message);
	}

}
