package dev.tminus.shared.db;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults injected into a real app JVM and its real PostgreSQL: {@code kill -9} of the
 * database under concurrent API writes, {@code kill -9} of the app, and a database that
 * goes away under a running app. The figures they print are the README's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTests {

	static final int WRITES = 200;

	Path folder;

	Path dataDirectory;

	Path seedFile;

	int pgPort;

	AppProcess app;

	long cutoverId;

	String token;

	final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

	@BeforeAll
	void startTheApp() throws Exception {
		this.folder = Files.createTempDirectory("tminus-fault");
		Files.setPosixFilePermissions(this.folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.dataDirectory = this.folder.resolve("postgres");
		this.seedFile = this.folder.resolve("seed.tsv");
		this.pgPort = AppProcess.freePort();
		this.app = startApp();
		String[] seed = Files.readString(this.seedFile).split("\t");
		this.cutoverId = Long.parseLong(seed[0]);
		this.token = seed[1];
	}

	@AfterAll
	void stopTheApp() throws Exception {
		if (this.app != null) {
			this.app.close();
		}
		if (this.folder != null) {
			try (var files = Files.walk(this.folder)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	private AppProcess startApp() throws Exception {
		return AppProcess.start(this.folder.resolve("app.log"),
				List.of("--spring.profiles.active=fault-seed", "--tminus.fault.seed-file=" + this.seedFile,
						"--tminus.embedded-db.data-directory=" + this.dataDirectory,
						"--tminus.embedded-db.port=" + this.pgPort, "--tminus.api.requests-per-minute=100000",
						"--tminus.account.initial-admin-password=fault injection admin password"));
	}

	@Test
	@Order(1)
	void everyAcknowledgedWriteSurvivesAKilledPostmaster() throws Exception {
		long postmaster = postmasterPid();
		CountDownLatch someAcknowledged = new CountDownLatch(40);
		AtomicInteger refused = new AtomicInteger();
		Set<Integer> otherAnswers = ConcurrentHashMap.newKeySet();
		ExecutorService writers = Executors.newFixedThreadPool(16);
		List<Future<?>> writes = new ArrayList<>();
		for (int i = 1; i <= WRITES; i++) {
			String text = "acknowledged write " + i;
			writes.add(writers.submit(() -> {
				int status = note(text);
				if (status == 201) {
					this.acknowledged.add(text);
					someAcknowledged.countDown();
				}
				else {
					refused.incrementAndGet();
					otherAnswers.add(status);
				}
				return null;
			}));
		}
		assertThat(someAcknowledged.await(120, TimeUnit.SECONDS)).isTrue();
		// kill -9 of the postmaster while writes are in flight
		ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
		for (Future<?> write : writes) {
			write.get(120, TimeUnit.SECONDS);
		}
		writers.shutdown();
		System.out.printf("fault: %d of %d writes acknowledged around a kill -9 of the postmaster, %d refused%n",
				this.acknowledged.size(), WRITES, refused.get());

		// a write that was not acknowledged was refused as such: 503, retry later (never
		// a 500)
		assertThat(otherAnswers).isSubsetOf(503);

		// the app started its database again by itself and serves
		awaitReady(this.app, Duration.ofSeconds(60));
		assertThat(postmasterPid()).isNotEqualTo(postmaster);
		assertThat(note("after the restart")).isEqualTo(201);
		this.acknowledged.add("after the restart");
		assertThat(missing()).as("acknowledged writes missing from the database").isEmpty();
	}

	@Test
	@Order(2)
	void theFirstStartAfterAKilledAppSucceeds() throws Exception {
		long orphan = postmasterPid();
		this.app.kill();
		assertThat(ProcessHandle.of(orphan)).as("the postmaster outlives the killed JVM").isPresent();

		long started = System.nanoTime();
		this.app = startApp();
		System.out.printf("fault: first start after kill -9 of the app ready in %d ms%n",
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
		assertThat(missing()).isEmpty();
		assertThat(note("after the app restart")).isEqualTo(201);
	}

	@Test
	@Order(3)
	void aDatabaseThatGoesAwayUnderTheAppMakesItNotReadyThenServesAgain() throws Exception {
		// an external PostgreSQL that the test stops and starts, like a database restart
		Path external = this.folder.resolve("external");
		int port = AppProcess.freePort();
		EmbeddedPostgresServer.Settings settings = new EmbeddedPostgresServer.Settings(external, port, true,
				"tminus-db", Duration.ofSeconds(60), Map.of());
		EmbeddedPostgresServer database = EmbeddedPostgresServer.start(settings);
		try (Connection connection = database.connect("postgres")) {
			connection.createStatement().execute("create database tminus");
		}
		try (AppProcess app = AppProcess.start(this.folder.resolve("app-external.log"),
				List.of("--spring.datasource.url=" + database.jdbcUrl("tminus"),
						"--spring.datasource.username=postgres", "--spring.datasource.password=" + database.password(),
						"--tminus.account.initial-admin-password=fault injection admin password"))) {
			assertThat(get(app, "/login").statusCode()).isEqualTo(200);
			database.close();

			long asked = System.nanoTime();
			HttpResponse<String> page = get(app, "/login?error");
			long answeredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
			HttpResponse<String> signIn = post(app, "/login", "username=x&password=y");
			assertThat(page.statusCode()).isIn(200, 503);
			assertThat(signIn.statusCode()).isEqualTo(503);
			assertThat(signIn.body()).contains("The database is not reachable");
			assertThat(signIn.headers().firstValue("Retry-After")).hasValue("5");
			long readinessAsked = System.nanoTime();
			assertThat(app.readiness()).isEqualTo(503);
			long readinessMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - readinessAsked);
			assertThat(readinessMs).isLessThan(10_000);
			assertThat(get(app, "/actuator/health/liveness").statusCode()).isEqualTo(200);

			database = EmbeddedPostgresServer.start(settings);
			long back = System.nanoTime();
			awaitReady(app, Duration.ofSeconds(10));
			while (post(app, "/login", "username=x&password=y").statusCode() == 503) {
				assertThat(System.nanoTime() - back).isLessThan(TimeUnit.SECONDS.toNanos(10));
				Thread.sleep(100);
			}
			System.out.printf(
					"fault: database down: a page answered in %d ms, readiness DOWN in %d ms; serving again %d ms after the database was back%n",
					answeredMs, readinessMs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back));
		}
		finally {
			database.close();
		}
	}

	private int note(String text) {
		try {
			HttpResponse<Void> response = AppProcess.http
				.send(HttpRequest.newBuilder(this.app.uri("/api/v1/cutovers/" + this.cutoverId + "/notes"))
					.timeout(Duration.ofSeconds(60))
					.header("Authorization", "Bearer " + this.token)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers
						.ofString("text=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&tag=INFO"))
					.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode();
		}
		catch (Exception ex) {
			return -1; // a connection dropped: not acknowledged
		}
	}

	private static HttpResponse<String> get(AppProcess app, String path) throws Exception {
		return AppProcess.http.send(HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(AppProcess app, String path, String form) throws Exception {
		return AppProcess.http.send(HttpRequest.newBuilder(app.uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void awaitReady(AppProcess app, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (app.readiness() != 200) {
			assertThat(System.nanoTime()).as("ready within " + within).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private long postmasterPid() throws Exception {
		return Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid")).get(0).strip());
	}

	/** The acknowledged notes that the database does not hold. */
	private List<String> missing() throws Exception {
		String password = Files.readString(this.folder.resolve("postgres.password")).strip();
		List<String> missing = new ArrayList<>();
		try (Connection connection = DriverManager
			.getConnection("jdbc:postgresql://127.0.0.1:" + this.pgPort + "/tminus", "postgres", password);
				PreparedStatement query = connection
					.prepareStatement("select count(*) from timeline_entry where cutover_id = ? and text = ?")) {
			for (String text : this.acknowledged) {
				query.setLong(1, this.cutoverId);
				query.setString(2, text);
				try (ResultSet rows = query.executeQuery()) {
					rows.next();
					if (rows.getLong(1) != 1) {
						missing.add(text);
					}
				}
			}
		}
		return missing;
	}

}
