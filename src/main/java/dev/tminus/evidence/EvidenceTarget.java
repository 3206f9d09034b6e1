package dev.tminus.evidence;

/**
 * What evidence is attached to: one step or one gate of the cutover's template.
 */
public record EvidenceTarget(Kind kind, String key) {

	public enum Kind {

		STEP, GATE

	}

	public static EvidenceTarget step(String key) {
		return new EvidenceTarget(Kind.STEP, key);
	}

	public static EvidenceTarget gate(String key) {
		return new EvidenceTarget(Kind.GATE, key);
	}

}
