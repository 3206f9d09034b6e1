package dev.tminus.audit;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.tminus.audit.VerifyBundle.Report;
import dev.tminus.cutover.CutoverService;
import dev.tminus.decision.DecisionService;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.evidence.EvidenceTarget;
import dev.tminus.gate.GateService;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import dev.tminus.timeline.Checkpoint;
import dev.tminus.timeline.CheckpointKey;
import dev.tminus.timeline.RecordVerifier.Check;
import dev.tminus.timeline.TimelineCheckpoints;
import dev.tminus.timeline.TimelineEntryView;
import dev.tminus.timeline.TimelineQueries;
import dev.tminus.timeline.internal.CanonicalEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database superuser who bypasses every trigger ({@code session_replication_role =
 * replica}) tampers with a signed-off record in each way the probe found; the in-app
 * integrity check and the offline verifier (on a bundle exported afterwards, with the
 * public key) must both see each one.
 */
@IntegrationTest
class TamperTests {

	@Autowired
	TestCutovers cutovers;

	@Autowired
	TestAccounts accounts;

	@Autowired
	GateService gates;

	@Autowired
	EvidenceService evidence;

	@Autowired
	DecisionService decisions;

	@Autowired
	CutoverService cutoverService;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	AuditIntegrity integrity;

	@Autowired
	EvidenceBundle bundle;

	@Autowired
	TimelineCheckpoints checkpoints;

	@Autowired
	TimelineQueries timeline;

	@TempDir
	Path dir;

	AuditRooms rooms;

	@BeforeEach
	void rooms() {
		this.rooms = new AuditRooms(this.cutovers, this.gates, this.evidence, this.decisions, this.clock);
	}

	/**
	 * A GO rehearsal with evidence files, then notes after the decision, all covered by a
	 * periodic checkpoint.
	 */
	long signedOffRecord() {
		Rehearsal room = this.rooms.go();
		for (int i = 1; i <= 3; i++) {
			this.cutoverService.addNote(room.cutoverId(), "After GO, observation " + i, null,
					this.cutovers.user(room.ic()));
		}
		this.clock.advance(Duration.ofMinutes(10));
		this.checkpoints.checkpointDue();
		return room.cutoverId();
	}

	@Test
	void anUntouchedRecordIsIntactForBothCheckers() throws Exception {
		long id = signedOffRecord();
		List<Checkpoint> stored = this.checkpoints.stored(id);
		assertThat(stored).extracting(Checkpoint::reason).contains("DECISION", "PERIODIC");
		assertThat(stored)
			.allSatisfy((c) -> assertThat(CheckpointKey.verifies(this.checkpoints.publicKey(), c)).isTrue());
		assertThat(this.checkpoints.anchored(id)).hasSameSizeAs(stored);
		assertThat(stored.get(stored.size() - 1).entryCount()).isEqualTo(this.timeline.count(id));
		assertThat(this.integrity.check(id).intact()).as(this.integrity.check(id).summary()).isTrue();
		Report offline = offline(id);
		assertThat(offline.problems()).isEmpty();
		assertThat(offline.entries()).isEqualTo(this.timeline.count(id));
	}

	@Test
	void case1EditingAnEntry() throws Exception {
		long id = signedOffRecord();
		tamper("update timeline_entry set text = text || ' (edited)' where cutover_id = " + id + " and seq = 2");
		assertBothSee(id, "Broken at entry 2", "altered after it was recorded");
	}

	@Test
	void case2DeletingAMiddleEntry() throws Exception {
		long id = signedOffRecord();
		tamper("delete from timeline_entry where cutover_id = " + id + " and seq = 3");
		assertBothSee(id, "entry 3 is missing");
	}

	@Test
	void case3ChangingABlob() throws Exception {
		long id = signedOffRecord();
		long file = firstFile(id);
		tamper("update evidence_blob set content = convert_to('forged output', 'UTF8') where evidence_id = " + file);
		assertThat(this.integrity.check(id).summary()).contains("evidence #" + file, "content hashes to");
		assertThat(String.join("\n", offline(id).problems())).contains("Evidence #" + file, "the file was changed");
	}

	@Test
	void case4CuttingTheLastEntries() throws Exception {
		long id = signedOffRecord();
		long count = this.timeline.count(id);
		tamper("delete from timeline_entry where cutover_id = " + id + " and seq > " + (count - 2));
		assertBothSee(id, Check.ENTRIES_CUT, "but the timeline ends at entry " + (count - 2));
	}

	@Test
	void case5CuttingTheDecisionAndEverythingAfterItWithItsCheckpoints() throws Exception {
		long id = signedOffRecord();
		long decision = this.jdbc.sql("select seq from timeline_entry where cutover_id = ? and kind = 'DECISION'")
			.param(id)
			.query(Long.class)
			.single();
		tamper("delete from timeline_entry where cutover_id = " + id + " and seq >= " + decision,
				"delete from decision where cutover_id = " + id,
				"delete from timeline_checkpoint where cutover_id = " + id + " and entry_count >= " + decision);
		assertBothSee(id, Check.ENTRIES_CUT, "entries were cut off");
		assertBothSee(id, Check.CHECKPOINT_MISSING, "missing from it: it was deleted");
	}

	@Test
	void case6SwappingABlobTogetherWithItsStoredSha256() throws Exception {
		long id = signedOffRecord();
		long file = firstFile(id);
		String forged = "forged output\n";
		tamper("update evidence_blob set content = convert_to('" + forged.replace("\n", "' || chr(10) || '")
				+ "', 'UTF8') where evidence_id = " + file,
				"update evidence set sha256 = encode(sha256(convert_to('" + forged.replace("\n", "' || chr(10) || '")
						+ "', 'UTF8')), 'hex'), size_bytes = " + forged.length() + " where id = " + file);
		assertThat(this.integrity.check(id).firstBadFile()).as("row and blob agree with each other").isNull();
		assertBothSee(id, Check.EVIDENCE_ROW_CHANGED, "Evidence #" + file, "swapped together with its hash");
	}

	@Test
	void case7DeletingAnEvidenceRow() throws Exception {
		long id = signedOffRecord();
		long file = firstFile(id);
		tamper("delete from evidence_blob where evidence_id = " + file, "delete from evidence where id = " + file);
		assertBothSee(id, Check.EVIDENCE_ROW_MISSING, "(evidence #" + file + ")", "it was deleted");
	}

	@Test
	void case8RewritingTheWholeChainWithRecomputedHashes() throws Exception {
		long id = signedOffRecord();
		rewrite(id, 2, (entry) -> withText(entry, entry.text() + " (quietly rewritten)"));
		assertThat(this.integrity.check(id).timeline().intact()).as("the rewritten chain itself holds").isTrue();
		assertBothSee(id, Check.CHAIN_REWRITTEN, "the timeline was rewritten");
	}

	@Test
	void case9AForgedGoSignerWithTheDatabasesCheckpointsRemoved() throws Exception {
		long id = signedOffRecord();
		var forger = this.accounts.member("forger");
		rewrite(id, 1,
				(entry) -> (entry.kind() == dev.tminus.timeline.TimelineKind.DECISION) ? new TimelineEntryView(
						entry.id(), entry.cutoverId(), entry.seq(), entry.recordedAt(), entry.kind(), forger.id(),
						forger.displayName() + " (" + forger.username() + ")", entry.onBehalfOf(), entry.result(),
						entry.subjectKey(), entry.text(), entry.details(), entry.prevHash(), entry.hash()) : entry);
		tamper("update decision set decided_by = " + forger.id() + ", decided_by_label = '" + forger.displayName()
				+ " (" + forger.username() + ")' where cutover_id = " + id,
				"delete from timeline_checkpoint where cutover_id = " + id);
		assertBothSee(id, Check.CHAIN_REWRITTEN, "the timeline was rewritten");
		assertBothSee(id, Check.CHECKPOINT_MISSING);
	}

	@Test
	void aMissingCheckpointIsSeen() throws Exception {
		long id = signedOffRecord();
		int last = this.checkpoints.stored(id).size();
		tamper("delete from timeline_checkpoint where cutover_id = " + id + " and number = " + (last - 1));
		assertBothSee(id, Check.CHECKPOINT_MISSING, "Checkpoint #" + (last - 1));
	}

	@Test
	void aReplacedCheckpointIsSeenWhetherResignedWithAnotherKeyOrEdited() throws Exception {
		long id = signedOffRecord();
		List<Checkpoint> stored = this.checkpoints.stored(id);
		Checkpoint last = stored.get(stored.size() - 1);
		// an attacker's own key, signing a shorter timeline's head
		CheckpointKey attacker = CheckpointKey.loadOrCreate(this.dir.resolve("attacker.key"));
		String head = this.jdbc.sql("select hash from timeline_entry where cutover_id = ? and seq = ?")
			.params(id, last.entryCount() - 1)
			.query(String.class)
			.single();
		Checkpoint unsigned = new Checkpoint(id, last.number(), last.entryCount() - 1, head, last.signedAt(),
				last.reason(), attacker.keyId(), "");
		tamper("update timeline_checkpoint set entry_count = " + unsigned.entryCount() + ", head_hash = '" + head
				+ "', key_id = '" + attacker.keyId() + "', signature = '" + attacker.sign(unsigned.statement())
				+ "' where cutover_id = " + id + " and number = " + last.number(),
				"update timeline_checkpoint set entry_count = entry_count - 1 where cutover_id = " + id
						+ " and number = 1");
		assertBothSee(id, Check.CHECKPOINT_REPLACED, "Checkpoint #" + last.number(), "it was replaced");
		assertBothSee(id, Check.CHECKPOINT_SIGNATURE, "Checkpoint #1 (database)", "forged or replaced");
	}

	@Test
	void theVerifierRunsAsACommandAndExitsNonZeroWhenNotIntact() throws Exception {
		long id = signedOffRecord();
		Path key = this.dir.resolve("key.pem");
		Files.writeString(key, this.checkpoints.publicKeyPem());
		Path intact = export(id, "intact.zip");
		tamper("delete from timeline_entry where cutover_id = " + id + " and seq = " + this.timeline.count(id));
		Path cut = export(id, "cut.zip");
		Command ok = verifierCommand(intact, key);
		assertThat(ok.exit()).as(ok.output()).isZero();
		assertThat(ok.output()).contains("INTACT");
		Command notOk = verifierCommand(cut, key);
		assertThat(notOk.exit()).as(notOk.output()).isEqualTo(1);
		assertThat(notOk.output()).contains("NOT INTACT", "ENTRIES_CUT");
	}

	// --- helpers -----------------------------------------------------------------

	private void assertBothSee(long id, String... texts) throws Exception {
		IntegrityVerdict verdict = this.integrity.check(id);
		assertThat(verdict.intact()).isFalse();
		assertThat(verdict.summary()).contains(texts);
		Report report = offline(id);
		assertThat(report.intact()).isFalse();
		assertThat(String.join("\n", report.problems())).contains(texts);
	}

	private void assertBothSee(long id, Check check, String... texts) throws Exception {
		IntegrityVerdict verdict = this.integrity.check(id);
		assertThat(verdict.intact()).isFalse();
		assertThat(verdict.findings()).as(verdict.summary()).anySatisfy((f) -> assertThat(f.check()).isEqualTo(check));
		if (texts.length > 0) {
			assertThat(verdict.summary()).contains(texts);
		}
		Report report = offline(id);
		assertThat(report.problems()).as("offline").anySatisfy((p) -> assertThat(p).startsWith(check.name()));
		if (texts.length > 0) {
			assertThat(String.join("\n", report.problems())).contains(texts);
		}
	}

	private Report offline(long id) throws Exception {
		return VerifyBundle.verify(export(id, "bundle-" + System.nanoTime() + ".zip"), this.checkpoints.publicKeyPem());
	}

	private Path export(long id, String name) throws Exception {
		Path zip = this.dir.resolve(name);
		try (OutputStream out = Files.newOutputStream(zip)) {
			this.bundle.write(id, out);
		}
		return zip;
	}

	private long firstFile(long id) {
		return this.jdbc.sql("select min(id) from evidence where cutover_id = ? and kind = 'FILE'")
			.param(id)
			.query(Long.class)
			.single();
	}

	/** As a superuser with every trigger off, in one session. */
	private void tamper(String... statements) throws Exception {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("set session_replication_role = replica");
			try {
				for (String sql : statements) {
					statement.execute(sql);
				}
			}
			finally {
				statement.execute("set session_replication_role = origin");
			}
		}
	}

	/**
	 * Changes entries from {@code fromSeq} on and recomputes every hash after them, as a
	 * forger who knows the hashing scheme would.
	 */
	private void rewrite(long id, long fromSeq, java.util.function.UnaryOperator<TimelineEntryView> change)
			throws Exception {
		List<TimelineEntryView> entries = new ArrayList<>();
		this.timeline.stream(id, entries::add);
		List<String> updates = new ArrayList<>();
		String prev = CanonicalEntry.GENESIS_HASH;
		for (TimelineEntryView original : entries) {
			TimelineEntryView entry = (original.seq() >= fromSeq) ? change.apply(original) : original;
			String hash = new CanonicalEntry(entry.cutoverId(), entry.seq(), entry.recordedAt(), entry.kind(),
					entry.actorId(), entry.actorLabel(), entry.onBehalfOf(), entry.result(), entry.subjectKey(),
					entry.text(), entry.details(), prev)
				.sha256();
			if (!hash.equals(original.hash())) {
				updates.add("update timeline_entry set text = '" + entry.text().replace("'", "''") + "', actor_id = "
						+ entry.actorId() + ", actor_label = '" + entry.actorLabel().replace("'", "''")
						+ "', prev_hash = '" + prev + "', hash = '" + hash + "' where cutover_id = " + id
						+ " and seq = " + entry.seq());
			}
			prev = hash;
		}
		tamper(updates.toArray(String[]::new));
	}

	private static TimelineEntryView withText(TimelineEntryView e, String text) {
		return new TimelineEntryView(e.id(), e.cutoverId(), e.seq(), e.recordedAt(), e.kind(), e.actorId(),
				e.actorLabel(), e.onBehalfOf(), e.result(), e.subjectKey(), text, e.details(), e.prevHash(), e.hash());
	}

	private Command verifierCommand(Path bundle, Path key) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				VerifyBundle.class.getName(), bundle.toString(), key.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Command(process.exitValue(), output);
	}

	record Command(int exit, String output) {
	}

}
