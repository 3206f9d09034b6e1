package dev.tminus.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tminus.evidence.EvidenceContract;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.evidence.EvidenceTarget;
import dev.tminus.evidence.NewEvidenceFile;
import dev.tminus.support.Browser;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import dev.tminus.support.TestDatabase;
import dev.tminus.support.TestSupportConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeds 000 and 003 end to end in a real browser: the operator records the five gates of
 * the E2-3 rehearsal with their measured values and evidence files, the IC signs GO, and
 * the evidence summary says so.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class RehearsalGoBrowserTests {

	static final String HASH = "9f2c6a0d1e5b4c3a2f1e0d9c8b7a69584736251403f2e1d0c9b8a7968574635";

	@LocalServerPort
	int port;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	EvidenceService evidence;

	@TempDir
	Path files;

	@Test
	void theOperatorPassesEveryGateWithEvidenceAndTheIcSignsGo() throws IOException {
		Rehearsal room = this.cutovers.e23();
		long id = room.cutoverId();
		byte[] log = "command=kubectl get ns txlookup\nexit_code=0\nresult=PASS\n".getBytes(StandardCharsets.UTF_8);
		this.evidence.upload(id, EvidenceTarget.step("PRECHECK"),
				List.of(new NewEvidenceFile("01_precheck.log", "text/plain", log.length, new ByteArrayResource(log))),
				EvidenceContract.none(), this.cutovers.user(room.operator()));
		for (String step : List.of("FIXED_INPUTS", "PRECHECK", "T_CUTOVER_POLICY", "GENERATE_SYNTHETIC_JSONL")) {
			this.cutovers.pass(id, step, room.operator());
		}
		Map<String, Map<String, String>> measures = new LinkedHashMap<>();
		measures.put("MIGRATION", Map.of("ALEMBIC_EXIT_CODE", "0"));
		measures.put("BACKFILL", Map.of("BACKFILL_EXIT_CODE", "0"));
		measures.put("SYNC", Map.of("PUBLISH_EXIT_CODE", "0", "CONSUME_EXIT_CODE", "0"));
		measures.put("SMOKE", Map.of("HTTP_CODE_EXISTING", "200", "HTTP_CODE_MISSING", "404"));
		measures.put("IDEMPOTENCY",
				Map.of("BEFORE_HTTP", "200", "AFTER_HTTP", "200", "BEFORE_CANON_HASH", HASH, "AFTER_CANON_HASH", HASH));
		Map<String, List<String>> evidenceFiles = Map.of("MIGRATION", List.of("02_alembic_upgrade.log"), "BACKFILL",
				List.of("03_backfill.log"), "SYNC", List.of("04_sync_happy.log"), "SMOKE",
				List.of("05_smoke_200.log", "06_smoke_404.log"), "IDEMPOTENCY",
				List.of("07_idempotency_duplicate.log"));

		try (Browser operator = Browser.open(this.port); Browser ic = Browser.open(this.port)) {
			operator.signIn(room.operator().username(), TestAccounts.PASSWORD);
			for (var gate : measures.entrySet()) {
				String key = gate.getKey();
				operator.go("/cutovers/" + id);
				openRecordPanel(operator, key);
				StringBuilder paths = new StringBuilder();
				for (String name : evidenceFiles.get(key)) {
					Path file = Files.writeString(this.files.resolve(name),
							"command=...\nexit_code=0\nUTC timestamp=2026-11-22T21:00:00Z\nowner=operator\nresult=PASS\n");
					paths.append(paths.isEmpty() ? "" : "\n").append(file.toAbsolutePath());
				}
				operator.waitFor(By.cssSelector("#gate-" + key + " .evidence-upload-form input[type=file]"))
					.sendKeys(paths.toString());
				operator.type(By.cssSelector("#gate-" + key + " .evidence-upload-form input[name=exitCode]"), "0");
				operator.click(By.cssSelector("#gate-" + key + " .evidence-upload-form button[type=submit]"));
				operator.waitFor(By.cssSelector("#gate-" + key));
				openRecordPanel(operator, key);
				for (var measure : gate.getValue().entrySet()) {
					operator.type(By.cssSelector("#gate-" + key + " input[name='measure." + measure.getKey() + "']"),
							measure.getValue());
				}
				operator.click(By.cssSelector("#gate-" + key + " .gate-result-form button[type=submit]"));
				WebElement shown = operator.waitFor(By.cssSelector("#gate-" + key + "[data-status=PASS]"));
				assertThat(shown.getText()).contains(evidenceFiles.get(key).get(0));
			}

			ic.signIn(room.ic().username(), TestAccounts.PASSWORD).go("/cutovers/" + id + "/decision");
			assertThat(ic.waitFor(By.id("go-ready")).getText()).contains("Every gate passed");
			ic.type(By.cssSelector("#go-form input[name=password]"), TestAccounts.PASSWORD);
			ic.click(By.cssSelector("#go-form button[type=submit]"));
			ic.driver().switchTo().alert().accept();
			String summary = ic.text(By.cssSelector("#decisions pre.summary"));
			assertThat(summary).contains("decision=GO", "failure_classification=NONE", "retry_at_utc=N/A");
			assertThat(ic.text(By.id("cutover-status"))).isEqualTo("GO");
		}
	}

	private static void openRecordPanel(Browser browser, String gateKey) {
		WebElement details = browser.waitFor(By.cssSelector("#gate-" + gateKey + " details.gate-record"));
		if (details.getAttribute("open") == null) {
			browser.click(By.cssSelector("#gate-" + gateKey + " details.gate-record > summary"));
		}
	}

}
