package dev.tminus.timeline;

import dev.tminus.timeline.IntegrityReport.Break;
import dev.tminus.timeline.IntegrityReport.Problem;
import dev.tminus.timeline.internal.CanonicalEntry;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes a cutover's hash chain from the stored rows, as an auditor would.
 * <p>
 * A chain proves that nothing was changed, removed or inserted before its last entry;
 * that the last entries were not cut off is proven by comparing with a {@code lastHash}
 * quoted elsewhere (a decision record, an export).
 */
@Service
public class TimelineIntegrity {

	private final TimelineQueries queries;

	TimelineIntegrity(TimelineQueries queries) {
		this.queries = queries;
	}

	@Transactional(readOnly = true)
	public IntegrityReport verify(long cutoverId) {
		Verification verification = new Verification();
		this.queries.stream(cutoverId, verification::check);
		return new IntegrityReport(cutoverId, verification.verified, verification.lastHash, verification.firstBreak);
	}

	private static final class Verification {

		private long verified;

		private String lastHash = CanonicalEntry.GENESIS_HASH;

		private Break firstBreak;

		void check(TimelineEntryView entry) {
			if (this.firstBreak != null) {
				return; // the rest are not reported; the stream is read to its end
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
					this.firstBreak = new Break(entry.seq(), Problem.HASH_MISMATCH,
							"its content hashes to " + recomputed + ", not to its recorded hash " + entry.hash()
									+ ": it was altered after it was recorded.");
				}
				else {
					this.verified = entry.seq();
					this.lastHash = entry.hash();
				}
			}
		}

	}

}
