package dev.tminus.decision;

import java.time.Instant;

import dev.tminus.runbook.ParameterResolver;

/**
 * The evidence summary of seed 000 §5, field for field:
 *
 * <pre>
 * decision=&lt;GO|NO_GO&gt;
 * failure_classification=&lt;...|NONE&gt;
 * t_cutover_utc=&lt;YYYY-MM-DDTHH:MM:SSZ&gt;
 * owner=&lt;owner&gt;
 * retry_at_utc=&lt;YYYY-MM-DDTHH:MM:SSZ or N/A&gt;
 * unblock_criteria=&lt;explicit criteria or N/A&gt;
 * notes=&lt;short summary&gt;
 * </pre>
 *
 * Values are kept on one line each, so the file stays machine-readable.
 */
public final class EvidenceSummary {

	private EvidenceSummary() {
	}

	public static String render(String decision, String failureClassification, Instant t0, String owner,
			Instant retryAt, String unblockCriteria, String notes) {
		return "decision=" + decision + "\n" + "failure_classification="
				+ ((failureClassification != null) ? failureClassification : "NONE") + "\n" + "t_cutover_utc="
				+ ParameterResolver.format(t0) + "\n" + "owner=" + oneLine(owner) + "\n" + "retry_at_utc="
				+ ((retryAt != null) ? ParameterResolver.format(retryAt) : "N/A") + "\n" + "unblock_criteria="
				+ ((unblockCriteria != null && !unblockCriteria.isBlank()) ? oneLine(unblockCriteria) : "N/A") + "\n"
				+ "notes=" + oneLine(notes) + "\n";
	}

	static String oneLine(String text) {
		return (text == null) ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
	}

}
