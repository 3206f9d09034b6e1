package dev.tminus.evidence;

/**
 * What each evidence file must state (seed 003 section 7): the command that produced it,
 * its exit code, the UTC timestamp, the owner and the result. As entered; checked by
 * {@link EvidenceService}. Blank means not given.
 *
 * @param timestamp ISO-8601 UTC ({@code 2026-11-22T21:00:00Z}); the upload time when
 * blank
 * @param owner the uploader's name when blank
 * @param result PASS, FAIL or INFO
 */
public record EvidenceContract(String command, String exitCode, String timestamp, String owner, String result) {

	public static EvidenceContract none() {
		return new EvidenceContract(null, null, null, null, null);
	}

}
