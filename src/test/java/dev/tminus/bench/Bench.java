package dev.tminus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tminus.support.TestHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The performance bench (issue 8): starts the app in its own JVM at {@code -Xmx256m} on
 * the embedded PostgreSQL, lets {@link BenchSeeder} seed it through the app's services,
 * then measures every figure next to its reference from the same run and machine, prints
 * the budget table and writes it to {@code target/bench/summary.md}.
 * <p>
 * {@code --smoke} runs every scenario for a few seconds with a smaller export, so that CI
 * proves the suite still runs; it then fails only on what is wrong whatever the machine
 * (failed requests, lost events, an OutOfMemoryError, statements growing with the data),
 * not on throughput ratios a busy CI box cannot promise in seconds.
 */
public final class Bench {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final boolean smoke;

	private final Path dir;

	private final int warmupSeconds;

	private final int measureSeconds;

	private final List<Budget> budgets = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private Process app;

	private int port;

	private int pgPort;

	/**
	 * The embedded PostgreSQL's folder: under the temporary directory, because the server
	 * runs as its own OS account when the bench runs as root, and a clone under a closed
	 * home folder would be out of its reach.
	 */
	private Path pgFolder;

	private JsonNode seed;

	private final Map<String, String> sessions = new LinkedHashMap<>();

	private Bench(boolean smoke, Path dir) {
		this.smoke = smoke;
		this.dir = dir;
		this.warmupSeconds = smoke ? 2 : 10;
		this.measureSeconds = smoke ? 3 : 30;
	}

	public static void main(String[] args) throws Exception {
		boolean smoke = Arrays.asList(args).contains("--smoke");
		Path dir = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
		Bench bench = new Bench(smoke, dir);
		boolean pass;
		try {
			pass = bench.run();
		}
		finally {
			bench.stopApp();
			if (bench.pgFolder != null) {
				deleteRecursively(bench.pgFolder);
			}
		}
		System.exit(pass ? 0 : 1);
	}

	private boolean run() throws Exception {
		deleteRecursively(this.dir);
		Files.createDirectories(this.dir);
		Instant started = Instant.now();
		startApp();
		signIn();

		statementsPerBoardRender();
		double pgbenchTps = pgbench();

		// warm the JIT on the pages under test before anything is measured
		gatling("warm-up", "board", 16, this.warmupSeconds * 2, this.seed.get("boardCutover").asLong(), readers());
		gatling("warm-up", "fragment", 16, this.warmupSeconds, this.seed.get("boardCutover").asLong(), readers());
		Load static16 = gatling("static-16", "static", 16, 0, 0, readers());
		Load static64 = gatling("static-64", "static", 64, 0, 0, readers());
		Load board16 = gatling("board-16", "board", 16, 0, this.seed.get("boardCutover").asLong(), readers());
		Load board64 = gatling("board-64", "board", 64, 0, this.seed.get("boardCutover").asLong(), readers());
		Load fragment64 = gatling("fragment-64", "fragment", 64, 0, this.seed.get("boardCutover").asLong(), readers());
		Load tick16 = gatling("tick-16", "tick", 16, 0, this.seed.get("boardCutover").asLong(), tickers());

		ratio("board page req/s at 64 users", board64.perSecond(), "≥ 5 % of static req/s", static64.perSecond() * 0.05,
				true, board64.failed() + static64.failed(), "%.0f req/s vs static %.0f req/s (%.1f %%)".formatted(
						board64.perSecond(), static64.perSecond(), 100 * board64.perSecond() / static64.perSecond()));
		ratio("step fragment req/s at 64 users", fragment64.perSecond(), "≥ 20 % of static req/s",
				static64.perSecond() * 0.20, true, fragment64.failed(),
				"%.0f req/s vs static %.0f req/s (%.1f %%)".formatted(fragment64.perSecond(), static64.perSecond(),
						100 * fragment64.perSecond() / static64.perSecond()));
		ratio("board page p99 at 16 users", board16.p99(), "≤ 10 × static p99", 10 * Math.max(static16.p99(), 1), false,
				board16.failed() + static16.failed(), "%d ms vs static %d ms".formatted(board16.p99(), static16.p99()));
		this.notes.add("the web tier's own ceiling: the static asset at 16 users is %.0f %% of pgbench's TPS"
			.formatted((pgbenchTps > 0) ? 100 * static16.perSecond() / pgbenchTps : 0));
		ratio("ticks/s at 16 users", tick16.perSecond(), "≥ 25 % of pgbench TPS", pgbenchTps * 0.25, true,
				tick16.failed(), "%.0f ticks/s vs pgbench %.0f TPS (%.1f %%)".formatted(tick16.perSecond(), pgbenchTps,
						(pgbenchTps > 0) ? 100 * tick16.perSecond() / pgbenchTps : 0));

		new FanOut(this, smoke ? 20 : 100, 5, smoke ? 5 : 60).run();
		export();

		boolean pass = this.budgets.stream().allMatch(Budget::pass);
		String summary = summary(Duration.between(started, Instant.now()), pass);
		Files.writeString(this.dir.resolve("summary.md"), summary);
		System.out.println();
		System.out.println(summary);
		return pass;
	}

	// --- the app ---------------------------------------------------------------

	private void startApp() throws Exception {
		this.port = freePort();
		this.pgPort = freePort();
		this.pgFolder = Files.createTempDirectory("tminus-bench-pg");
		Files.setPosixFilePermissions(this.pgFolder,
				java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
		Path seedFile = this.dir.resolve("seed.json");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+HeapDumpOnOutOfMemoryError",
				"-XX:HeapDumpPath=" + this.dir.resolve("oom.hprof"), "-cp", System.getProperty("java.class.path"),
				BenchApp.class.getName(), "--server.port=" + this.port, "--tminus.embedded-db.port=" + this.pgPort,
				"--tminus.embedded-db.data-directory=" + this.pgFolder.resolve("postgres"),
				"--tminus.timeline.key-file=" + this.pgFolder.resolve("integrity/checkpoint-ed25519.key"),
				"--tminus.timeline.anchor-file=" + this.pgFolder.resolve("integrity/checkpoints.jsonl"),
				"--tminus.bench.seed-file=" + seedFile, "--tminus.bench.export-rows=" + (this.smoke ? 1000 : 10_000),
				"--tminus.bench.export-files=" + (this.smoke ? 10 : 100),
				"--tminus.account.initial-admin-password=bench admin river-stone passphrase",
				"--spring.main.banner-mode=off", "--logging.level.root=WARN", "--logging.level.dev.tminus.bench=INFO"));
		System.out.println("bench: starting the app at -Xmx256m on port " + this.port + " (log: "
				+ this.dir.resolve("app.log") + ")");
		this.app = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("app.log").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
		while (!Files.exists(seedFile)) {
			if (!this.app.isAlive()) {
				throw new IllegalStateException("the app stopped while starting; see " + this.dir.resolve("app.log"));
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the app did not seed within 15 minutes");
			}
			Thread.sleep(500);
		}
		this.seed = json.readTree(seedFile.toFile());
		HttpClient client = HttpClient.newHttpClient();
		while (true) {
			try {
				HttpResponse<String> health = client.send(
						HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET().build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					break;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the app did not become ready");
			}
			Thread.sleep(200);
		}
		System.out.println("bench: seeded " + this.seed);
	}

	private void stopApp() throws InterruptedException {
		if (this.app != null && this.app.isAlive()) {
			this.app.destroy();
			if (!this.app.waitFor(60, TimeUnit.SECONDS)) {
				this.app.destroyForcibly();
			}
		}
	}

	private void signIn() throws Exception {
		TestHttp http = new TestHttp(this.port);
		List<String> names = new ArrayList<>();
		this.seed.get("members").forEach((m) -> names.add(m.asString()));
		names.add(this.seed.get("auditor").asString());
		for (String name : names) {
			this.sessions.put(name, http.signIn(name));
		}
	}

	/** Every member, session cookie only. */
	private Path readers() throws IOException {
		List<String> lines = new ArrayList<>();
		this.seed.get("members").forEach((m) -> lines.add(cookieValue(this.sessions.get(m.asString()))));
		return write("readers.tsv", lines);
	}

	/** The 16 Scribes, each with its own share of the steps and their versions. */
	private Path tickers() throws IOException {
		List<String> scribes = new ArrayList<>();
		this.seed.get("scribes").forEach((s) -> scribes.add(s.asString()));
		List<List<String>> shares = new ArrayList<>();
		scribes.forEach((s) -> shares.add(new ArrayList<>()));
		int i = 0;
		for (JsonNode step : this.seed.get("steps")) {
			String key = step.asString();
			shares.get(i++ % scribes.size()).add(key + "=" + this.seed.get("versions").get(key).asLong());
		}
		List<String> lines = new ArrayList<>();
		for (int s = 0; s < scribes.size(); s++) {
			lines.add(cookieValue(this.sessions.get(scribes.get(s))) + "\t" + String.join(" ", shares.get(s)));
		}
		return write("tickers.tsv", lines);
	}

	// --- figures ---------------------------------------------------------------

	/** The board of the seeded go-live and of a bare one cost the same statements. */
	private void statementsPerBoardRender() throws Exception {
		String ic = this.sessions.get(this.seed.get("ic").asString());
		// a session's first page stores its CSRF token once; count the renders after it
		probe("/cutovers/" + this.seed.get("smallCutover").asLong(), ic, "sql-first-render.txt");
		long big = probe("/cutovers/" + this.seed.get("boardCutover").asLong(), ic, "sql-board.txt");
		long small = probe("/cutovers/" + this.seed.get("smallCutover").asLong(), ic, "sql-small-board.txt");
		long bigAgain = probe("/cutovers/" + this.seed.get("boardCutover").asLong(), ic, "sql-board-again.txt");
		boolean fixed = big == small && big == bigAgain && big > 0;
		long fragment = probe("/cutovers/" + this.seed.get("boardCutover").asLong() + "?fragment=phases", ic,
				"sql-fragment.txt");
		this.notes.add("the board page is %d KB, its step fragment %d KB (%d statements)".formatted(
				Files.size(this.dir.resolve("sql-board.html")) / 1024,
				Files.size(this.dir.resolve("sql-fragment.html")) / 1024, fragment));
		this.budgets.add(new Budget("SQL statements per board render",
				"%d (%d steps, %d rows) vs %d (%d rows)".formatted(big, this.seed.get("steps").size(),
						this.seed.get("boardRows").asLong(), small, this.seed.get("smallRows").asLong()),
				"a fixed number, independent of step/row counts", fixed, fixed, this.smoke));
	}

	/**
	 * The statements one request sent; written to {@code file} to compare when they
	 * differ.
	 */
	private long probe(String path, String cookie, String file) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Cookie", cookie)
			.header(BenchProbe.HEADER, "1");
		if (path.contains("fragment=")) {
			request.header("HX-Request", "true");
		}
		HttpResponse<String> page = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
		if (page.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + page.statusCode());
		}
		Files.writeString(this.dir.resolve(file.replace(".txt", ".html")), page.body());
		String statements = client
			.send(HttpRequest.newBuilder(uri("/bench/sql")).header("Cookie", cookie).GET().build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		Files.writeString(this.dir.resolve(file), statements);
		return Long.parseLong(statements.lines().findFirst().orElseThrow().strip());
	}

	/** pgbench's TPC-B-like load with 16 clients on the app's own PostgreSQL. */
	private double pgbench() throws Exception {
		String pgbench = Stream
			.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map((d) -> Path.of(d, "pgbench")),
					globPgbench())
			.filter(Files::isExecutable)
			.map(Path::toString)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"pgbench not found: install Debian's postgresql-client (.ci/run does)"));
		try (Connection connection = DriverManager
			.getConnection("jdbc:postgresql://127.0.0.1:" + this.pgPort + "/postgres", "postgres", pgPassword());
				Statement statement = connection.createStatement()) {
			statement.execute("create database pgbench");
		}
		int scale = this.smoke ? 2 : 16;
		run(List.of(pgbench, "-i", "-q", "-s", Integer.toString(scale), "-h", "127.0.0.1", "-p",
				Integer.toString(this.pgPort), "-U", "postgres", "pgbench"), "pgbench-init.log");
		String out = run(List.of(pgbench, "-c", "16", "-j", "2", "-T", Integer.toString(this.measureSeconds), "-h",
				"127.0.0.1", "-p", Integer.toString(this.pgPort), "-U", "postgres", "pgbench"), "pgbench.log");
		Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
		if (!tps.find()) {
			throw new IllegalStateException("no TPS in pgbench's output:\n" + out);
		}
		double value = Double.parseDouble(tps.group(1));
		this.notes.add("pgbench TPC-B-like, scale %d, 16 clients, %d s: %.0f TPS".formatted(scale, this.measureSeconds,
				value));
		return value;
	}

	private static Stream<Path> globPgbench() {
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.map((v) -> v.resolve("bin/pgbench")).toList().stream();
		}
		catch (IOException ex) {
			return Stream.empty();
		}
	}

	/** The audit ZIP of the big rehearsal, streamed by the app at -Xmx256m. */
	private void export() throws Exception {
		String auditor = this.sessions.get(this.seed.get("auditor").asString());
		long id = this.seed.get("exportCutover").asLong();
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		long start = System.nanoTime();
		HttpResponse<InputStream> response = client
			.send(HttpRequest.newBuilder(uri("/audit/cutovers/" + id + "/bundle.zip"))
				.header("Cookie", auditor)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		long bytes = 0;
		try (InputStream body = response.body()) {
			byte[] buffer = new byte[64 * 1024];
			for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
				bytes += n;
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		String log = Files.readString(this.dir.resolve("app.log"));
		boolean oom = log.contains("OutOfMemoryError") || !this.app.isAlive();
		long expected = this.seed.get("exportFiles").asLong() * 1024 * 1024;
		boolean complete = response.statusCode() == 200 && bytes > expected;
		this.budgets.add(new Budget(
				"export of %d rows + %d MB evidence".formatted(this.seed.get("exportRows").asLong(),
						this.seed.get("exportFiles").asLong()),
				"%.2f s, %.0f MB, HTTP %d%s".formatted(seconds, bytes / 1e6, response.statusCode(),
						oom ? ", OutOfMemoryError" : ", no OutOfMemoryError"),
				"≤ 5 s at -Xmx256m, no OutOfMemoryError", seconds <= 5, complete && !oom, this.smoke));
	}

	// --- Gatling -----------------------------------------------------------------

	/** What one scenario did within its measured window. */
	record Load(String name, long ok, long failed, double perSecond, long p95, long p99) {
	}

	private Load gatling(String name, String kind, int users, int seconds, long cutover, Path members)
			throws Exception {
		boolean warmup = name.equals("warm-up");
		int total = warmup ? seconds : this.warmupSeconds + this.measureSeconds;
		Path samples = this.dir.resolve("samples-" + name + "-" + kind + ".csv");
		System.setProperty("bench.kind", kind);
		System.setProperty("bench.users", Integer.toString(users));
		System.setProperty("bench.seconds", Integer.toString(total));
		System.setProperty("bench.cutover", Long.toString(cutover));
		System.setProperty("bench.baseUrl", "http://127.0.0.1:" + this.port);
		System.setProperty("bench.members", members.toString());
		System.setProperty("bench.samples", samples.toString());
		System.out.println("bench: " + name + " (" + kind + ", " + users + " users, " + total + " s)");
		long started = System.currentTimeMillis();
		List<String> args = new ArrayList<>(List.of("--simulation", BenchSimulation.class.getName(), "--results-folder",
				this.dir.resolve("gatling").toString(), "--run-description", name + " " + kind));
		if (warmup) {
			args.add("--no-reports");
		}
		int code = io.gatling.app.Gatling$.MODULE$.fromArgs(args.toArray(String[]::new));
		if (code != 0) {
			this.notes.add("Gatling exited " + code + " for " + name);
		}
		long from = started + TimeUnit.SECONDS.toMillis(warmup ? 0 : this.warmupSeconds + 1);
		long to = from + TimeUnit.SECONDS.toMillis(warmup ? seconds : this.measureSeconds);
		List<long[]> window = new ArrayList<>();
		long failed = 0;
		for (String line : Files.readAllLines(samples)) {
			String[] f = line.split(",");
			long at = Long.parseLong(f[0]);
			if (at >= from && at < to) {
				window.add(new long[] { Long.parseLong(f[1]), Long.parseLong(f[2]) });
			}
			if (f[2].equals("0")) {
				failed++;
			}
		}
		long[] times = window.stream().filter((w) -> w[1] == 1).mapToLong((w) -> w[0]).sorted().toArray();
		double seconds2 = (to - from) / 1000.0;
		Load load = new Load(name, times.length, failed, times.length / seconds2, percentile(times, 95),
				percentile(times, 99));
		if (!warmup) {
			this.notes.add("%s: %d users, %d ok in %.0f s → %.0f req/s, p95 %d ms, p99 %d ms, %d failed".formatted(name,
					users, load.ok(), seconds2, load.perSecond(), load.p95(), load.p99(), failed));
		}
		System.out.println("bench:   " + load);
		return load;
	}

	static long percentile(long[] sorted, int p) {
		if (sorted.length == 0) {
			return -1;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
	}

	// --- budgets and the table ----------------------------------------------------

	/**
	 * One row of the table. {@code sound}: nothing failed, got lost or ran out of memory
	 * (enforced in every run); {@code within}: the figure meets its budget (enforced in
	 * full runs only: seconds on a busy CI box prove no ratio).
	 */
	record Budget(String figure, String measured, String budget, boolean within, boolean sound, boolean smoke) {

		boolean pass() {
			return this.sound && (this.smoke || this.within);
		}

		String result() {
			if (this.sound && this.within) {
				return "PASS";
			}
			return (this.sound && this.smoke) ? "outside (not enforced in the smoke run)" : "**FAIL**";
		}

	}

	private void ratio(String figure, double value, String budget, double limit, boolean atLeast, long failed,
			String measured) {
		boolean within = atLeast ? value >= limit : value <= limit;
		this.budgets.add(new Budget(figure, measured + ((failed > 0) ? ", " + failed + " failed requests" : ""), budget,
				within, failed == 0, this.smoke));
	}

	void fanOut(double p95, long lost, long events, int subscribers, String detail) {
		this.budgets.add(new Budget("fan-out: p95 commit → event at %d subscribers".formatted(subscribers),
				"%.0f ms p95, %d lost of %d (%s)".formatted(p95, lost, events, detail), "≤ 100 ms; 0 lost events",
				p95 <= 100, lost == 0, this.smoke));
	}

	private String headline(boolean pass) {
		long outside = this.budgets.stream().filter((b) -> !b.within()).count();
		if (!pass) {
			return "**A budget FAILs.**";
		}
		if (outside == 0) {
			return "**Every budget PASSes.**";
		}
		return "**Smoke run: nothing failed, got lost or ran out of memory; %d figure(s) outside the budget, not enforced in a smoke run.**"
			.formatted(outside);
	}

	private String summary(Duration took, boolean pass) {
		StringBuilder out = new StringBuilder();
		out.append("# T-Minus bench").append(this.smoke ? " (smoke)" : "").append("\n\n");
		out.append("Run ")
			.append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
			.append(" on ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, Java ")
			.append(System.getProperty("java.version"))
			.append(", took ")
			.append(took.toSeconds())
			.append(" s. ")
			.append(headline(pass))
			.append("\n\n");
		out.append("| figure | measured | budget | result |\n|---|---|---|---|\n");
		for (Budget budget : this.budgets) {
			out.append("| ")
				.append(budget.figure())
				.append(" | ")
				.append(budget.measured())
				.append(" | ")
				.append(budget.budget())
				.append(" | ")
				.append(budget.result())
				.append(" |\n");
		}
		out.append("\nReferences and scenarios (measured window after a warm-up; closed model):\n\n");
		this.notes.forEach((n) -> out.append("- ").append(n).append('\n'));
		out.append("\nGatling's HTML reports: `target/bench/gatling/`.\n");
		return out.toString();
	}

	// --- helpers -----------------------------------------------------------------

	int port() {
		return this.port;
	}

	/** The superuser's password, generated by the app beside the data directory. */
	String pgPassword() throws IOException {
		return Files.readString(this.pgFolder.resolve("postgres.password")).strip();
	}

	int pgPort() {
		return this.pgPort;
	}

	JsonNode seed() {
		return this.seed;
	}

	Map<String, String> sessions() {
		return this.sessions;
	}

	void note(String note) {
		this.notes.add(note);
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	static String cookieValue(String cookie) {
		return cookie.substring(cookie.indexOf('=') + 1);
	}

	private Path write(String name, List<String> lines) throws IOException {
		Path file = this.dir.resolve(name);
		Files.write(file, lines);
		return file;
	}

	private String run(List<String> command, String logName) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (this.pgFolder != null && Files.exists(this.pgFolder.resolve("postgres.password"))) {
			builder.environment().put("PGPASSWORD", pgPassword());
		}
		Process process = builder.start();
		StringBuilder out = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				out.append(line).append('\n');
			}
		}
		int code = process.waitFor();
		Files.writeString(this.dir.resolve(logName), out);
		if (code != 0) {
			throw new IllegalStateException(String.join(" ", command) + " exited " + code + ":\n" + out);
		}
		return out.toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
