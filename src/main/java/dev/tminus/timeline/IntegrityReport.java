package dev.tminus.timeline;

/**
 * The outcome of recomputing a cutover's hash chain.
 *
 * @param cutoverId the cutover checked
 * @param verified how many entries, from seq 1 on, were found intact (all of them when
 * intact)
 * @param lastHash the hash of the last intact entry (64 zeros when there is none): quote
 * it to pin the timeline as it was checked
 * @param firstBreak the first entry that does not hold, or {@code null} when intact
 */
public record IntegrityReport(long cutoverId, long verified, String lastHash, Break firstBreak) {

	public boolean intact() {
		return this.firstBreak == null;
	}

	/** "Intact: 42 entries, last hash 9f86…" or "Broken at entry 7: ...". */
	public String summary() {
		if (intact()) {
			return "Intact: " + this.verified + ((this.verified == 1) ? " entry" : " entries") + ", last hash "
					+ this.lastHash + ".";
		}
		return "Broken at entry " + this.firstBreak.seq() + ": " + this.firstBreak.explanation();
	}

	/**
	 * The first entry at which the chain does not hold.
	 *
	 * @param seq the entry's seq (for a gap: the first missing seq)
	 * @param problem what differs
	 * @param explanation the same in words, for auditors
	 */
	public record Break(long seq, Problem problem, String explanation) {
	}

	public enum Problem {

		/** The entry's content no longer hashes to its stored hash: it was altered. */
		HASH_MISMATCH,

		/** The entry's prev_hash is not the hash of the entry before it. */
		BROKEN_LINK,

		/** Entries are missing: seq jumps (or does not start at 1). */
		MISSING_ENTRIES

	}

}
