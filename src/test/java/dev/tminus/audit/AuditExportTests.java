package dev.tminus.audit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.tminus.account.AccountView;
import dev.tminus.decision.DecisionService;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.evidence.EvidenceTarget;
import dev.tminus.gate.GateService;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The evidence bundle, the PDF report and the integrity check, read back as an auditor
 * would: unzipped and checked with {@code sha256sum -c}, parsed, and after tampering.
 */
@IntegrationTest
class AuditExportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	GateService gates;

	@Autowired
	EvidenceService evidence;

	@Autowired
	DecisionService decisions;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	dev.tminus.cutover.CutoverService cutoverService;

	AuditRooms rooms;

	AccountView auditor;

	@BeforeEach
	void rooms() {
		this.rooms = new AuditRooms(this.cutovers, this.gates, this.evidence, this.decisions, this.clock);
		this.auditor = this.accounts.auditor("auditor");
	}

	@Test
	void theBundleIsLaidOutLikeSeed003AndItsManifestVerifiesWithSha256sum(@TempDir Path dir) throws Exception {
		Rehearsal room = this.rooms.go();
		this.rooms.upload(room, EvidenceTarget.step("GENERATE_SYNTHETIC_JSONL"), "ledger.jsonl", "{\"order_id\": 1}\n",
				"python gen.py", "0", "INFO");
		byte[] zip = this.mvc
			.perform(get("/audit/cutovers/{id}/bundle.zip", room.cutoverId()).with(this.accounts.as(this.auditor)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/zip"))
			.andExpect(header().string("Content-Disposition", containsString("_e2_3_reload_cutover_rehearsal.zip")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		Map<String, String> files = unzip(zip, dir);
		String folder = files.keySet().iterator().next().split("/")[0];
		assertThat(folder).matches("\\d{8}T\\d{6}Z_e2_3_reload_cutover_rehearsal");
		assertThat(files.keySet()).contains(folder + "/01_precheck.log", folder + "/02_alembic_upgrade.log",
				folder + "/03_backfill.log", folder + "/04_sync_happy.log", folder + "/05_smoke_200.log",
				folder + "/06_smoke_404.log", folder + "/07_idempotency_duplicate.log",
				folder + "/08_cutover_decision.log", folder + "/09_rollback_or_no_rollback.log",
				folder + "/99_summary.md", folder + "/timeline.jsonl", folder + "/integrity.txt",
				folder + "/manifest.sha256", folder + "/steps/GENERATE_SYNTHETIC_JSONL/ledger.jsonl",
				folder + "/steps/GENERATE_SYNTHETIC_JSONL/evidence.log", folder + "/evidence.jsonl",
				folder + "/checkpoints.jsonl", folder + "/checkpoints-anchored.jsonl",
				folder + "/checkpoint-key.pub.pem");
		assertThat(files.get(folder + "/01_precheck.log")).contains("command=az aks show -g rg -n aks\n",
				"exit_code=0\n", "utc_timestamp=", "owner=" + room.operator().username() + "\n", "result=PASS\n",
				"{\"provisioningState\": \"Succeeded\"}");
		assertThat(files.get(folder + "/08_cutover_decision.log")).contains("result=MISSING",
				"missing evidence counts as failure");
		assertThat(files.get(folder + "/99_summary.md")).contains("decision=GO\nfailure_classification=NONE\n",
				"| IDEMPOTENCY |", "Intact:");
		assertThat(files.get(folder + "/integrity.txt")).startsWith("Intact:");
		long timelineRows = this.jdbc.sql("select count(*) from timeline_entry where cutover_id = ?")
			.param(room.cutoverId())
			.query(Long.class)
			.single();
		String[] lines = files.get(folder + "/timeline.jsonl").split("\n");
		assertThat(lines).hasSize((int) timelineRows);
		assertThat(lines[0]).startsWith("{\"cutover_id\":" + room.cutoverId() + ",\"seq\":1,")
			.contains("\"prev_hash\":\"" + "0".repeat(64) + "\"");
		String manifest = files.get(folder + "/manifest.sha256");
		assertThat(manifest.lines().count()).isEqualTo(files.size() - 1);
		assertThat(sha256sumCheck(dir.resolve(folder))).isZero();
	}

	@Test
	void aTemplateThatNamesNoFilesGetsOneFolderPerGateOrStep(@TempDir Path dir) throws Exception {
		// the GA template describes its evidence ("SLO snapshots") instead of naming
		// files
		AccountView creator = this.accounts.member("ga");
		long pilot = this.cutovers.create("ga-cutover", creator,
				Map.of("P95_LATENCY_MS_MAX", "300", "ERROR_RATE_PCT_MAX", "1", "TPS_MIN", "50", "ERROR_BUDGET_MIN",
						"99.9", "READ_P95_MS_MAX", "200", "WRITE_P95_MS_MAX", "400", "GRAPH_3HOP_P95_MS_MAX", "800"));
		this.cutovers.assign(pilot, "IC", creator, creator);
		this.cutoverService.start(pilot, this.cutovers.user(creator));
		byte[] snapshot = "availability 99.95%".getBytes(StandardCharsets.UTF_8);
		this.evidence.upload(pilot, EvidenceTarget.gate("G1_SLO_READINESS"),
				java.util.List.of(new dev.tminus.evidence.NewEvidenceFile("slo.txt", "text/plain", snapshot.length,
						new org.springframework.core.io.ByteArrayResource(snapshot))),
				new dev.tminus.evidence.EvidenceContract("grafana export", "0", null, null, "PASS"),
				this.cutovers.user(creator));
		byte[] zip = this.mvc
			.perform(get("/audit/cutovers/{id}/bundle.zip", pilot).with(this.accounts.as(this.auditor)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		Map<String, String> files = unzip(zip, dir);
		assertThat(files.keySet()).allSatisfy((name) -> assertThat(name).doesNotContain("01_precheck"));
		assertThat(files.keySet()).anySatisfy((name) -> assertThat(name).endsWith("/99_summary.md"));
		String folder = files.keySet().iterator().next().split("/")[0];
		assertThat(files.get(folder + "/gates/G1_SLO_READINESS/slo.txt")).isEqualTo("availability 99.95%");
		assertThat(files.get(folder + "/gates/G1_SLO_READINESS/evidence.log")).contains("# slo.txt",
				"command=grafana export\n", "exit_code=0\n", "result=PASS\n", "owner=");
		assertThat(sha256sumCheck(dir.resolve(files.keySet().iterator().next().split("/")[0]))).isZero();
	}

	@Test
	void theIntegrityCheckSaysIntactThenNamesAnAlteredTimelineRow() throws Exception {
		Rehearsal room = this.rooms.go();
		this.mvc.perform(get("/audit/cutovers/{id}/integrity", room.cutoverId()).with(this.accounts.as(this.auditor)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"integrity-word\">Intact<")));
		tamper("timeline_entry", "timeline_entry_no_update_or_delete",
				"update timeline_entry set text = 'nothing happened' where cutover_id = ? and seq = 3",
				room.cutoverId());
		this.mvc
			.perform(get("/audit/cutovers/{id}/integrity", room.cutoverId()).header("HX-Request", "true")
				.with(this.accounts.as(this.auditor)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("NOT intact")))
			.andExpect(content().string(containsString("Broken at entry 3")))
			.andExpect(content().string(containsString("HASH_MISMATCH")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("<html"))));
	}

	@Test
	void theIntegrityCheckNamesAModifiedEvidenceBlobAndTheBundleCarriesTheVerdict() throws Exception {
		Rehearsal room = this.rooms.go();
		long evidenceId = this.jdbc.sql("select id from evidence where cutover_id = ? and name = '03_backfill.log'")
			.param(room.cutoverId())
			.query(Long.class)
			.single();
		tamper("evidence_blob", "evidence_blob_no_update_or_delete",
				"update evidence_blob set content = convert_to('forged output', 'UTF8') where evidence_id = ?",
				evidenceId);
		this.mvc.perform(get("/audit/cutovers/{id}/integrity", room.cutoverId()).with(this.accounts.as(this.auditor)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("NOT intact")))
			.andExpect(content().string(containsString("evidence #" + evidenceId + " &quot;03_backfill.log&quot;")))
			.andExpect(content().string(containsString("id=\"integrity-file\"")));
		byte[] zip = this.mvc
			.perform(get("/audit/cutovers/{id}/bundle.zip", room.cutoverId()).with(this.accounts.as(this.auditor)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		Map<String, String> files = unzipInMemory(zip);
		String integrity = files.entrySet()
			.stream()
			.filter((e) -> e.getKey().endsWith("/integrity.txt"))
			.findFirst()
			.orElseThrow()
			.getValue();
		assertThat(integrity).startsWith("NOT intact.").contains("03_backfill.log");
	}

	@Test
	void thePdfReportOpensAndHoldsTheDecisionAndEveryGate() throws Exception {
		Rehearsal room = this.rooms.go();
		byte[] pdf = this.mvc
			.perform(get("/audit/cutovers/{id}/report.pdf", room.cutoverId()).with(this.accounts.as(this.auditor)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document);
			assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
			assertThat(text).contains("Decision", "GO", "decision=GO", room.ic().displayName(), "Incident Commander");
			for (String gate : java.util.List.of("MIGRATION", "BACKFILL", "SYNC", "SMOKE", "IDEMPOTENCY")) {
				assertThat(text).contains(gate);
			}
			assertThat(text).contains("Intact:");
		}
	}

	@Test
	void theNoGoPdfNamesItsClassification() throws Exception {
		Rehearsal room = this.rooms.noGo(this.rooms.tomorrow());
		byte[] pdf = this.mvc
			.perform(get("/audit/cutovers/{id}/report.pdf", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(new PDFTextStripper().getText(document)).contains("NO_GO", "IDEMPOTENCY_FAILED");
		}
	}

	private void tamper(String table, String trigger, String sql, Object... params) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			this.jdbc.sql("alter table " + table + " disable trigger " + trigger).update();
			this.jdbc.sql(sql).params(params).update();
			this.jdbc.sql("alter table " + table + " enable trigger " + trigger).update();
		});
	}

	private static int sha256sumCheck(Path folder) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("sha256sum", "--strict", "-c", "manifest.sha256")
			.directory(folder.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(output).doesNotContain("FAILED");
		return process.exitValue();
	}

	/** Unzips to {@code dir}, and returns every entry's text by path. */
	static Map<String, String> unzip(byte[] zip, Path dir) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				byte[] bytes = in.readAllBytes();
				Path target = dir.resolve(entry.getName()).normalize();
				assertThat(target.startsWith(dir)).as("inside the bundle folder: %s", entry.getName()).isTrue();
				Files.createDirectories(target.getParent());
				Files.write(target, bytes);
				files.put(entry.getName(), new String(bytes, StandardCharsets.UTF_8));
			}
		}
		return files;
	}

	static Map<String, String> unzipInMemory(byte[] zip) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return files;
	}

}
