package dev.tminus.evidence;

/**
 * Evidence refused for what was sent (an empty file, a name with a path in it, a bad
 * URL): nothing was written.
 */
public class EvidenceException extends RuntimeException {

	public EvidenceException(String message) {
		super(message);
	}

}
