package dev.tminus.timeline;

import dev.tminus.timeline.IntegrityReport.Break;
import dev.tminus.timeline.IntegrityReport.Problem;
import dev.tminus.timeline.internal.CanonicalEntry;

/**
 * Recomputes a hash chain entry by entry, in seq order, as an auditor would: fed by the
 * database in the app, and by an exported {@code timeline.jsonl} in the offline verifier.
 * Only the first break is reported; the rest of the stream is still read.
 */
public final class ChainCheck {

	private final long cutoverId;

	private long verified;

	private long lastSeq;

	private String lastHash = CanonicalEntry.GENESIS_HASH;

	private Break firstBreak;

	public ChainCheck(long cutoverId) {
		this.cutoverId = cutoverId;
	}

	public void accept(TimelineEntryView entry) {
		this.lastSeq = Math.max(this.lastSeq, entry.seq());
		if (this.firstBreak != null) {
			return;
		}
		long expected = this.verified + 1;
		if (entry.seq() != expected) {
			String missing = (entry.seq() == expected + 1) ? "entry " + expected + " is missing"
					: "entries " + expected + " to " + (entry.seq() - 1) + " are missing";
			String where = (this.verified == 0) ? "the timeline starts at entry " + entry.seq()
					: "entry " + entry.seq() + " follows entry " + this.verified;
			this.firstBreak = new Break(expected, Problem.MISSING_ENTRIES, missing + ": " + where + ".");
		}
		else if (!entry.prevHash().equals(this.lastHash)) {
			this.firstBreak = new Break(entry.seq(), Problem.BROKEN_LINK, "its previous hash " + entry.prevHash()
					+ " is not the hash " + this.lastHash
					+ ((this.verified == 0) ? " that starts every timeline." : " of entry " + this.verified + "."));
		}
		else {
			String recomputed = CanonicalEntry.of(entry).sha256();
			if (!recomputed.equals(entry.hash())) {
				this.firstBreak = new Break(entry.seq(), Problem.HASH_MISMATCH, "its content hashes to " + recomputed
						+ ", not to its recorded hash " + entry.hash() + ": it was altered after it was recorded.");
			}
			else {
				this.verified = entry.seq();
				this.lastHash = entry.hash();
			}
		}
	}

	/** The highest seq seen (whether or not the chain holds up to it). */
	public long lastSeq() {
		return this.lastSeq;
	}

	public IntegrityReport report() {
		return new IntegrityReport(this.cutoverId, this.verified, this.lastHash, this.firstBreak);
	}

}
