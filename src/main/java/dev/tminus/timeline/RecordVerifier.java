package dev.tminus.timeline;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks a cutover's record against what was anchored outside the database, the same way
 * in the app ({@code AuditIntegrity}) and in the offline verifier on an exported bundle:
 * <ul>
 * <li>the hash chain ({@link ChainCheck});</li>
 * <li>every checkpoint's Ed25519 signature, with the installation's public key;</li>
 * <li>the checkpoints in the database against those anchored outside it (deleted or
 * replaced ones), and their numbering (no gaps);</li>
 * <li>every checkpoint's entry count and head hash against the timeline (entries cut off
 * the end, or a chain rewritten with recomputed hashes);</li>
 * <li>a signed checkpoint covering every decision;</li>
 * <li>every evidence row against the SHA-256 its upload wrote into the timeline (rows
 * deleted, or swapped together with their stored hash).</li>
 * </ul>
 * Feed the entries in seq order with {@link #accept}, then call {@link #finish()}.
 */
public final class RecordVerifier {

	private final PublicKey key;

	private final List<Checkpoint> stored;

	private final List<Checkpoint> anchored;

	private final List<EvidenceRecord> evidence;

	private final ChainCheck chain;

	private final Set<Long> checkpointedSeqs = new HashSet<>();

	private final Map<Long, String> hashAt = new HashMap<>();

	private final List<Long> decisions = new ArrayList<>();

	private final List<EvidenceEntry> evidenceEntries = new ArrayList<>();

	/**
	 * @param cutoverId the cutover
	 * @param key the installation's public key
	 * @param stored the checkpoints the database (or the bundle's
	 * {@code checkpoints.jsonl}) holds
	 * @param anchored those the anchor file outside the database holds
	 * @param evidence the evidence rows
	 */
	public RecordVerifier(long cutoverId, PublicKey key, List<Checkpoint> stored, List<Checkpoint> anchored,
			List<EvidenceRecord> evidence) {
		this.key = key;
		this.stored = List.copyOf(stored);
		this.anchored = List.copyOf(anchored);
		this.evidence = List.copyOf(evidence);
		this.chain = new ChainCheck(cutoverId);
		stored.forEach((c) -> this.checkpointedSeqs.add(c.entryCount()));
		anchored.forEach((c) -> this.checkpointedSeqs.add(c.entryCount()));
	}

	public void accept(TimelineEntryView entry) {
		this.chain.accept(entry);
		if (this.checkpointedSeqs.contains(entry.seq())) {
			this.hashAt.put(entry.seq(), entry.hash());
		}
		if (entry.kind() == TimelineKind.DECISION) {
			this.decisions.add(entry.seq());
		}
		if (entry.kind() == TimelineKind.EVIDENCE && entry.details() != null
				&& entry.details().get("sha256") instanceof String sha256) {
			Object id = entry.details().get("evidence_id");
			this.evidenceEntries.add(new EvidenceEntry(entry.seq(), (id instanceof Number n) ? n.longValue() : null,
					String.valueOf(entry.details().get("name")), sha256));
		}
	}

	public Result finish() {
		List<Finding> findings = new ArrayList<>();
		Map<Integer, Checkpoint> inDatabase = new TreeMap<>();
		this.stored.forEach((c) -> inDatabase.put(c.number(), c));
		Map<Integer, Checkpoint> outside = new TreeMap<>();
		this.anchored.forEach((c) -> outside.put(c.number(), c));
		Set<Integer> numbers = new TreeSet<>(inDatabase.keySet());
		numbers.addAll(outside.keySet());
		int highest = numbers.stream().mapToInt(Integer::intValue).max().orElse(0);
		List<Checkpoint> trusted = new ArrayList<>();
		for (int number = 1; number <= highest; number++) {
			Checkpoint db = inDatabase.get(number);
			Checkpoint anchor = outside.get(number);
			if (db == null) {
				findings.add(new Finding(Check.CHECKPOINT_MISSING,
						"Checkpoint #" + number + ((anchor != null)
								? " (" + anchor.entryCount() + " entries, signed " + anchor.signedAtUtc()
										+ ") is anchored outside the database but missing from it: it was deleted."
								: " is missing: checkpoints " + (number - 1) + " and " + (number + 1)
										+ " exist, so it was deleted.")));
			}
			else if (anchor != null && !db.sameAs(anchor)) {
				findings.add(new Finding(Check.CHECKPOINT_REPLACED,
						"Checkpoint #" + number + " in the database is not the one anchored outside it (database: "
								+ db.entryCount() + " entries, head " + db.headHash() + "; anchored: "
								+ anchor.entryCount() + " entries, head " + anchor.headHash() + "): it was replaced."));
			}
			Checkpoint trustedOne = null;
			for (Checkpoint candidate : new Checkpoint[] { anchor, db }) {
				if (candidate == null) {
					continue;
				}
				if (CheckpointKey.verifies(this.key, candidate)) {
					trustedOne = (trustedOne != null) ? trustedOne : candidate;
				}
				else {
					findings.add(new Finding(Check.CHECKPOINT_SIGNATURE,
							"Checkpoint #" + number + ((candidate == anchor) ? " (anchored)" : " (database)")
									+ " does not verify with the public key " + CheckpointKey.keyId(this.key)
									+ ": it was forged or replaced."));
				}
			}
			if (trustedOne != null) {
				trusted.add(trustedOne);
			}
		}
		long entries = this.chain.lastSeq();
		for (Checkpoint checkpoint : trusted) {
			if (checkpoint.entryCount() > entries) {
				findings.add(new Finding(Check.ENTRIES_CUT,
						"Checkpoint #" + checkpoint.number() + " signed " + checkpoint.entryCount() + " entries at "
								+ checkpoint.signedAtUtc() + ", but the timeline ends at entry " + entries
								+ ": entries were cut off."));
			}
			else if (!checkpoint.headHash().equals(this.hashAt.get(checkpoint.entryCount()))) {
				findings.add(new Finding(Check.CHAIN_REWRITTEN,
						"Checkpoint #" + checkpoint.number() + " signed entry " + checkpoint.entryCount()
								+ " with hash " + checkpoint.headHash() + ", but that entry's hash is now "
								+ this.hashAt.get(checkpoint.entryCount()) + ": the timeline was rewritten."));
			}
		}
		long covered = trusted.stream().mapToLong(Checkpoint::entryCount).max().orElse(0);
		for (long decision : this.decisions) {
			if (decision > covered) {
				findings.add(new Finding(Check.CHECKPOINT_MISSING, "The decision in entry " + decision
						+ " is covered by no signed checkpoint (every decision is checkpointed): checkpoints were "
						+ "removed, or the decision was added afterwards."));
			}
		}
		checkEvidence(findings);
		return new Result(this.chain.report(), findings);
	}

	private void checkEvidence(List<Finding> findings) {
		Map<Long, EvidenceRecord> rows = new HashMap<>();
		this.evidence.forEach((row) -> rows.put(row.id(), row));
		Set<Long> recorded = new HashSet<>();
		for (EvidenceEntry entry : this.evidenceEntries) {
			EvidenceRecord row = (entry.evidenceId() != null) ? rows.get(entry.evidenceId())
					: this.evidence.stream()
						.filter((r) -> r.sha256() != null && r.sha256().equals(entry.sha256())
								&& r.name().equals(entry.name()) && !recorded.contains(r.id()))
						.findFirst()
						.orElse(null);
			if (row == null) {
				findings.add(new Finding(Check.EVIDENCE_ROW_MISSING,
						"Timeline entry " + entry.seq() + " records the upload of \"" + entry.name() + "\""
								+ ((entry.evidenceId() != null) ? " (evidence #" + entry.evidenceId() + ")" : "")
								+ " with SHA-256 " + entry.sha256()
								+ ", but there is no such evidence: it was deleted."));
				continue;
			}
			recorded.add(row.id());
			if (!Objects.equals(row.sha256(), entry.sha256())) {
				findings.add(new Finding(Check.EVIDENCE_ROW_CHANGED,
						"Evidence #" + row.id() + " \"" + row.name() + "\" claims SHA-256 " + row.sha256()
								+ ", but its upload in timeline entry " + entry.seq() + " recorded " + entry.sha256()
								+ ": the file was swapped together with its hash."));
			}
		}
		for (EvidenceRecord row : this.evidence) {
			if (row.sha256() != null && !recorded.contains(row.id())) {
				findings.add(new Finding(Check.EVIDENCE_UNRECORDED, "Evidence #" + row.id() + " \"" + row.name()
						+ "\" has no upload entry in the timeline: it was added behind the timeline's back."));
			}
		}
	}

	/**
	 * An evidence row as stored (files only carry a SHA-256).
	 *
	 * @param id the evidence id
	 * @param name its file name
	 * @param sha256 the SHA-256 the row claims, {@code null} for a link
	 */
	public record EvidenceRecord(long id, String name, String sha256) {
	}

	private record EvidenceEntry(long seq, Long evidenceId, String name, String sha256) {
	}

	public enum Check {

		CHECKPOINT_MISSING, CHECKPOINT_REPLACED, CHECKPOINT_SIGNATURE, ENTRIES_CUT, CHAIN_REWRITTEN,
		EVIDENCE_ROW_MISSING, EVIDENCE_ROW_CHANGED, EVIDENCE_UNRECORDED, ANCHOR_FOREIGN

	}

	public record Finding(Check check, String text) {
	}

	/**
	 * @param chain the hash chain's verdict
	 * @param findings everything else that does not hold
	 */
	public record Result(IntegrityReport chain, List<Finding> findings) {

		public boolean intact() {
			return this.chain.intact() && this.findings.isEmpty();
		}

	}

}
