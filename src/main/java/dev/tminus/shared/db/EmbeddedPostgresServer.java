package dev.tminus.shared.db;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL that the app runs itself, set up for data that matters:
 * <ul>
 * <li>durable: {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on
 * (the embedding library's defaults turn them off for throw-away test databases);</li>
 * <li>no local privilege path: the server never runs as root (see {@link ServerAccount}),
 * listens on 127.0.0.1 only, has no Unix socket, and accepts only SCRAM password logins;
 * the superuser's generated password is kept in a 0600 file beside the data directory
 * ({@code <data-directory>.password});</li>
 * <li>self-healing: a server left running by a JVM that was killed is stopped before the
 * new one starts, and a server that dies is started again on the same port.</li>
 * </ul>
 * One JVM at a time owns a data directory ({@code <data-directory>.lock}).
 */
public final class EmbeddedPostgresServer implements Closeable {

	/** The superuser the app connects as. */
	public static final String SUPERUSER = "postgres";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final Duration[] RESTART_BACKOFF = { Duration.ofMillis(200), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5) };

	private final Settings settings;

	private final Path dataDirectory;

	private final Path passwordFile;

	private final Path logFile;

	private final Path binaries;

	private final ServerAccount account;

	private final int port;

	private final FileChannel lockChannel;

	private final FileLock lock;

	private final String password;

	private volatile Process postmaster;

	private volatile boolean closing;

	private volatile int restarts;

	private final Object startLock = new Object();

	/**
	 * What to start.
	 *
	 * @param dataDirectory the data directory (created if missing)
	 * @param port the port on 127.0.0.1, or 0 for a free one
	 * @param durable fsync, synchronous commit and full page writes on (off only for
	 * throw-away test databases)
	 * @param osUser the dedicated account the server runs under when the app runs as root
	 * @param startupTimeout how long a start (including crash recovery) may take
	 * @param serverSettings further {@code -c} settings
	 */
	public record Settings(Path dataDirectory, int port, boolean durable, String osUser, Duration startupTimeout,
			Map<String, String> serverSettings) {

		public Settings {
			dataDirectory = dataDirectory.toAbsolutePath().normalize();
			serverSettings = Map.copyOf(serverSettings);
		}

		public Settings(Path dataDirectory, int port, boolean durable) {
			this(dataDirectory, port, durable, "tminus-db", Duration.ofSeconds(60), Map.of());
		}

	}

	private EmbeddedPostgresServer(Settings settings) throws IOException {
		this.settings = settings;
		this.dataDirectory = settings.dataDirectory();
		this.passwordFile = sibling(".password");
		this.logFile = sibling(".log");
		Files.createDirectories(this.dataDirectory.getParent());
		this.lockChannel = FileChannel.open(sibling(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		FileLock acquired;
		try {
			acquired = this.lockChannel.tryLock();
		}
		catch (IOException ex) {
			acquired = null;
		}
		if (acquired == null) {
			this.lockChannel.close();
			throw new IllegalStateException("Another running T-Minus uses the database in " + this.dataDirectory
					+ "; stop it first, or give this one its own tminus.embedded-db.data-directory.");
		}
		this.lock = acquired;
		try {
			this.binaries = PostgresBinaries.installed();
			this.account = ServerAccount.forServer(settings.osUser());
			this.port = (settings.port() > 0) ? settings.port() : freePort();
			stopOrphan();
			prepareDataDirectory();
			this.password = ensurePassword();
			writeAccessRules();
			startPostmaster();
		}
		catch (IOException | RuntimeException ex) {
			releaseLock();
			throw ex;
		}
	}

	/** Starts the server (and unpacks or initialises what it needs first). */
	public static EmbeddedPostgresServer start(Settings settings) throws IOException {
		return new EmbeddedPostgresServer(settings);
	}

	public int port() {
		return this.port;
	}

	public String password() {
		return this.password;
	}

	public Path dataDirectory() {
		return this.dataDirectory;
	}

	public Path passwordFile() {
		return this.passwordFile;
	}

	/** The OS account the server runs under. */
	public String osUser() {
		return this.account.name();
	}

	/** How often the server died and was started again. */
	public int restarts() {
		return this.restarts;
	}

	/** The running postmaster's process id, if it runs. */
	public Optional<Long> postmasterPid() {
		Process process = this.postmaster;
		return (process != null && process.isAlive()) ? Optional.of(process.pid()) : Optional.empty();
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	public Connection connect(String database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", SUPERUSER);
		properties.setProperty("password", this.password);
		properties.setProperty("connectTimeout", "5");
		return DriverManager.getConnection(jdbcUrl(database), properties);
	}

	/** One line for the start-up log: how durable and how reachable the server is. */
	public String describe() {
		return "Embedded PostgreSQL on 127.0.0.1:" + this.port + " (data in " + this.dataDirectory
				+ ", running as OS user '" + this.account.name() + "', SCRAM password logins only, password in "
				+ this.passwordFile + "); "
				+ (this.settings.durable() ? "durable: fsync=on, synchronous_commit=on, full_page_writes=on"
						: "NOT durable (fsync, synchronous_commit and full_page_writes off): for throw-away test data only");
	}

	// --- start ---------------------------------------------------------------

	private Path sibling(String suffix) {
		return this.dataDirectory.resolveSibling(this.dataDirectory.getFileName() + suffix);
	}

	/**
	 * A JVM killed with {@code kill -9} leaves its server running and holding the data
	 * directory. This JVM holds the data directory's lock, so any server still running on
	 * it is such an orphan: it is stopped (fast shutdown, which rolls back open
	 * transactions and keeps every committed one) before the new one starts.
	 */
	private void stopOrphan() throws IOException {
		Path pidFile = this.dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		if (lines.size() < 2 || !lines.get(0).strip().matches("\\d+")) {
			return;
		}
		long pid = Long.parseLong(lines.get(0).strip());
		Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter((p) -> isPostmasterOf(p, lines.get(1).strip()));
		if (orphan.isEmpty()) {
			return;
		}
		log.warn("A PostgreSQL (pid {}) left running by an earlier T-Minus still holds {}: stopping it", pid,
				this.dataDirectory);
		ServerAccount.Result stop = ServerAccount.run(this.account.command(
				List.of(bin("pg_ctl"), "stop", "-D", this.dataDirectory.toString(), "-m", "fast", "-w", "-t", "30")));
		if (awaitExit(orphan.get(), 30)) {
			log.info("Stopped the orphaned PostgreSQL (pid {})", pid);
			return;
		}
		log.warn("The orphaned PostgreSQL (pid {}) did not stop ({}); killing it", pid, stop.output().strip());
		orphan.get().destroyForcibly();
		awaitExit(orphan.get(), 10);
	}

	private static boolean awaitExit(ProcessHandle process, int seconds) {
		try {
			process.onExit().get(seconds, TimeUnit.SECONDS);
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

	private boolean isPostmasterOf(ProcessHandle process, String dataDirectory) {
		try {
			String commandLine = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
				.replace('\0', ' ');
			return commandLine.contains("postgres") && commandLine.contains(dataDirectory);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void prepareDataDirectory() throws IOException {
		Files.createDirectories(this.dataDirectory);
		if (this.account.switchUser()) {
			checkReachable();
			Object owner = Files.getAttribute(this.dataDirectory, "unix:uid");
			if (!Integer.valueOf(this.account.uid()).equals(owner)) {
				// a data directory made by an earlier version (or by hand) as root
				this.account.ownTree(this.dataDirectory);
			}
		}
		Files.setPosixFilePermissions(this.dataDirectory, PosixFilePermissions.fromString("rwx------"));
		if (!Files.exists(this.dataDirectory.resolve("PG_VERSION"))) {
			log.info("Creating the embedded PostgreSQL's data directory {}", this.dataDirectory);
			// no login method at all until the superuser has a password (see
			// writeAccessRules)
			ServerAccount.Result initdb = ServerAccount.run(this.account.command(List.of(bin("initdb"), "-A", "reject",
					"-U", SUPERUSER, "-E", "UTF-8", "-D", this.dataDirectory.toString())));
			if (initdb.exit() != 0) {
				throw new IOException("initdb failed: " + initdb.output());
			}
			Files.deleteIfExists(this.passwordFile);
		}
	}

	/** The server's account must be able to walk down to its data directory. */
	private void checkReachable() {
		for (Path dir = this.dataDirectory.getParent(); dir != null; dir = dir.getParent()) {
			ServerAccount.Result test = ServerAccount.run(this.account.command(List.of("test", "-x", dir.toString())));
			if (test.exit() != 0) {
				throw new IllegalStateException("The embedded PostgreSQL runs as OS user '" + this.account.name()
						+ "' (the app runs as root), which cannot reach " + this.dataDirectory + " because " + dir
						+ " is closed to other users. Set tminus.embedded-db.data-directory to a folder it can "
						+ "reach (for example /var/lib/tminus/postgres), or run T-Minus as an unprivileged user.");
			}
		}
	}

	/**
	 * The superuser's password: read from its 0600 file, or generated and set in
	 * single-user mode (no network, no other session) when there is none yet.
	 */
	private String ensurePassword() throws IOException {
		if (Files.isRegularFile(this.passwordFile)) {
			String stored = Files.readString(this.passwordFile, StandardCharsets.UTF_8).strip();
			if (!stored.isEmpty()) {
				Files.setPosixFilePermissions(this.passwordFile, PosixFilePermissions.fromString("rw-------"));
				return stored;
			}
		}
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		List<String> command = new ArrayList<>(List.of(bin("postgres"), "--single", "-D", this.dataDirectory.toString(),
				"-c", "password_encryption=scram-sha-256", "-c", "log_statement=none", "-c", "unix_socket_directories=",
				"-c", "listen_addresses=", "postgres"));
		Process single = new ProcessBuilder(this.account.command(command)).redirectErrorStream(true).start();
		try (OutputStream in = single.getOutputStream()) {
			in.write(("alter role " + SUPERUSER + " password '" + generated + "';\n").getBytes(StandardCharsets.UTF_8));
		}
		String output = new String(single.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!single.waitFor(60, TimeUnit.SECONDS) || single.exitValue() != 0 || output.contains("ERROR")) {
				single.destroyForcibly();
				throw new IOException("Could not set the superuser's password in single-user mode: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while setting the superuser's password", ex);
		}
		Path temporary = sibling(".password.new");
		Files.deleteIfExists(temporary);
		Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(temporary, generated + "\n", StandardCharsets.UTF_8);
		Files.move(temporary, this.passwordFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		log.info("Set a generated password for the embedded PostgreSQL's superuser (kept in {})", this.passwordFile);
		return generated;
	}

	/** Rewritten at every start, so no earlier {@code trust} line survives. */
	private void writeAccessRules() throws IOException {
		Path hba = this.dataDirectory.resolve("pg_hba.conf");
		Files.writeString(hba, """
				# Written by T-Minus at every start (changes here are overwritten).
				# Password (SCRAM) logins over TCP on 127.0.0.1 only: no trust, no Unix socket.
				host all all 127.0.0.1/32 scram-sha-256
				""", StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(hba, PosixFilePermissions.fromString("rw-------"));
		this.account.own(hba);
	}

	private void startPostmaster() throws IOException {
		synchronized (this.startLock) {
			long deadline = System.nanoTime() + this.settings.startupTimeout().toNanos();
			IOException last = null;
			int attempt = 0;
			while (System.nanoTime() < deadline && !this.closing) {
				Process process = launch();
				try {
					if (awaitReady(process, deadline)) {
						this.postmaster = process;
						process.onExit().thenRun(() -> onExit(process));
						return;
					}
					last = new IOException("PostgreSQL exited with code " + process.exitValue()
							+ " while starting; see " + this.logFile);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					process.destroyForcibly();
					throw new IOException("Interrupted while PostgreSQL was starting", ex);
				}
				// e.g. backends of a killed server still hold its shared memory for a
				// moment
				sleep(RESTART_BACKOFF[Math.min(attempt++, RESTART_BACKOFF.length - 1)]);
			}
			throw (last != null) ? last : new IOException(
					"PostgreSQL did not start within " + this.settings.startupTimeout() + "; see " + this.logFile);
		}
	}

	private Process launch() throws IOException {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("listen_addresses", "127.0.0.1");
		config.put("unix_socket_directories", "");
		config.put("password_encryption", "scram-sha-256");
		config.put("timezone", "UTC");
		config.put("max_connections", "300");
		String durable = this.settings.durable() ? "on" : "off";
		config.put("fsync", durable);
		config.put("synchronous_commit", durable);
		config.put("full_page_writes", durable);
		config.putAll(this.settings.serverSettings());
		List<String> command = new ArrayList<>(
				List.of(bin("postgres"), "-D", this.dataDirectory.toString(), "-p", Integer.toString(this.port)));
		config.forEach((key, value) -> {
			command.add("-c");
			command.add(key + "=" + value);
		});
		if (!Files.exists(this.logFile)) {
			Files.createFile(this.logFile,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		return new ProcessBuilder(this.account.command(command)).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
	}

	private boolean awaitReady(Process process, long deadline) throws InterruptedException {
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				return false;
			}
			try (Connection connection = connect("postgres")) {
				if (connection.isValid(2)) {
					return true;
				}
			}
			catch (SQLException notYet) {
				// starting up or recovering
			}
			Thread.sleep(100);
		}
		process.destroyForcibly();
		return false;
	}

	// --- supervision ------------------------------------------------------------

	private void onExit(Process process) {
		if (this.closing || process != this.postmaster) {
			return;
		}
		log.error("The embedded PostgreSQL (pid {}) stopped unexpectedly with exit code {}: starting it again",
				process.pid(), process.exitValue());
		Thread restart = new Thread(this::restart, "embedded-postgres-restart");
		restart.setDaemon(true);
		restart.start();
	}

	private void restart() {
		int attempt = 0;
		while (!this.closing) {
			try {
				startPostmaster();
				this.restarts++;
				log.info("The embedded PostgreSQL runs again (pid {})", this.postmaster.pid());
				return;
			}
			catch (IOException | RuntimeException ex) {
				log.error("Could not start the embedded PostgreSQL again; retrying", ex);
				sleep(RESTART_BACKOFF[Math.min(attempt++, RESTART_BACKOFF.length - 1)]);
			}
		}
	}

	// --- stop -------------------------------------------------------------------

	@Override
	public void close() {
		if (this.closing) {
			return;
		}
		this.closing = true;
		synchronized (this.startLock) {
			Process process = this.postmaster;
			if (process != null && process.isAlive()) {
				ServerAccount.Result stop = ServerAccount.run(this.account.command(List.of(bin("pg_ctl"), "stop", "-D",
						this.dataDirectory.toString(), "-m", "fast", "-w", "-t", "30")));
				if (stop.exit() != 0) {
					log.warn("pg_ctl stop failed ({}); killing the embedded PostgreSQL", stop.output().strip());
				}
				try {
					if (!process.waitFor(30, TimeUnit.SECONDS)) {
						process.destroyForcibly();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					process.destroyForcibly();
				}
			}
		}
		releaseLock();
	}

	private void releaseLock() {
		try {
			this.lock.release();
			this.lockChannel.close();
		}
		catch (IOException ex) {
			// the lock goes with the JVM in any case
		}
	}

	private String bin(String name) {
		return this.binaries.resolve("bin").resolve(name).toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
