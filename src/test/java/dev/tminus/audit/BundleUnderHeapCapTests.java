package dev.tminus.audit;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.tminus.evidence.EvidenceContract;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.evidence.EvidenceTarget;
import dev.tminus.evidence.NewEvidenceFile;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import dev.tminus.support.TestDatabase;
import dev.tminus.support.TestHttp;
import dev.tminus.support.TestSupportConfiguration;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.InputStreamSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large cutover (10 000 timeline entries, 100 evidence files of 1 MB) exports its
 * evidence bundle over real HTTP from a JVM whose heap is capped at 256 MB: the bundle is
 * about 100 MB, so it can only succeed if it streams. Maven runs this class alone in its
 * own JVM with {@code -Xmx256m} (see the {@code bounded-memory} execution in the pom);
 * the first assertion makes sure the cap is really there.
 */
@Tag("bounded-memory")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class BundleUnderHeapCapTests {

	static final long HEAP_CAP = 256L * 1024 * 1024;

	static final int TIMELINE_ROWS = 10_000;

	static final int FILES = 100;

	static final int FILE_BYTES = 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	TimelineService timeline;

	@Autowired
	EvidenceService evidence;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void aHundredMegabyteBundleStreamsFromA256MegabyteHeapAndItsManifestVerifies(@TempDir Path dir) throws Exception {
		assertThat(Runtime.getRuntime().maxMemory()).as("this test must run with -Xmx256m")
			.isLessThanOrEqualTo(HEAP_CAP);
		Rehearsal room = this.cutovers.e23();
		TransactionTemplate transaction = new TransactionTemplate(this.transactions);
		for (int i = 0; i < FILES; i++) {
			int n = i;
			this.evidence.upload(room.cutoverId(), EvidenceTarget.step("GENERATE_SYNTHETIC_JSONL"),
					List.of(new NewEvidenceFile("capture-" + n + ".bin", "application/octet-stream", FILE_BYTES,
							pattern(n))),
					new EvidenceContract("tcpdump -w capture-" + n + ".bin", "0", null, null, "INFO"),
					this.cutovers.user(room.operator()));
		}
		long existing = rows(room.cutoverId());
		for (int batch = 0; batch < TIMELINE_ROWS; batch += 1000) {
			int from = batch;
			transaction.executeWithoutResult((status) -> {
				for (int i = from; i < from + 1000 && existing + i < TIMELINE_ROWS; i++) {
					this.timeline.append(NewTimelineEntry.by(room.cutoverId(), room.scribe().id(),
							room.scribe().label(), TimelineKind.NOTE, "Observation " + i + ": all quiet"));
				}
			});
		}
		assertThat(rows(room.cutoverId())).isEqualTo(TIMELINE_ROWS);

		TestHttp http = new TestHttp(this.port);
		String session = http.signIn(this.accounts.auditor("auditor").username());
		Path zip = dir.resolve("bundle.zip");
		HttpResponse<Path> response = http.download("/audit/cutovers/" + room.cutoverId() + "/bundle.zip", session,
				zip);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Files.size(zip)).isGreaterThan((long) FILES * FILE_BYTES / 2);

		Path folder = unzip(zip, dir.resolve("out"));
		assertThat(Files.readString(folder.resolve("integrity.txt"))).startsWith("Intact: timeline of 10000 entries");
		try (var lines = Files.lines(folder.resolve("timeline.jsonl"))) {
			assertThat(lines.count()).isEqualTo(TIMELINE_ROWS);
		}
		assertThat(Files.size(folder.resolve("steps/GENERATE_SYNTHETIC_JSONL/capture-99.bin"))).isEqualTo(FILE_BYTES);
		Process check = new ProcessBuilder("sha256sum", "--strict", "--quiet", "-c", "manifest.sha256")
			.directory(folder.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(check.exitValue()).as(output).isZero();
	}

	private long rows(long cutoverId) {
		return this.jdbc.sql("select count(*) from timeline_entry where cutover_id = ?")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

	/**
	 * 1 MB of random bytes (nothing a ZIP could compress away), the same each time the
	 * upload reads them (once to hash, once to store).
	 */
	private static InputStreamSource pattern(int seed) {
		return () -> {
			byte[] bytes = new byte[FILE_BYTES];
			new java.util.SplittableRandom(seed).nextBytes(bytes);
			return new java.io.ByteArrayInputStream(bytes);
		};
	}

	private static Path unzip(Path zip, Path dir) throws IOException {
		Path folder = null;
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				Path target = dir.resolve(entry.getName()).normalize();
				assertThat(target.startsWith(dir)).isTrue();
				Files.createDirectories(target.getParent());
				Files.copy(in, target);
				if (folder == null) {
					folder = dir.resolve(entry.getName().split("/")[0]);
				}
			}
		}
		return folder;
	}

}
