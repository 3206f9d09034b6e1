package dev.tminus.shared.db;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded PostgreSQL as the app runs it: durable, unreachable without its password,
 * never root, and started again when it dies.
 */
class EmbeddedPostgresServerTests {

	static Path folder;

	static EmbeddedPostgresServer server;

	@BeforeAll
	static void start() throws Exception {
		// under /tmp: the server's own account must be able to reach it (a clone under
		// /root is closed)
		folder = Files.createTempDirectory("tminus-pg-server-test");
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		server = EmbeddedPostgresServer.start(new EmbeddedPostgresServer.Settings(folder.resolve("postgres"), 0, true,
				"tminus-db", Duration.ofSeconds(60), Map.of()));
	}

	@AfterAll
	static void stop() throws Exception {
		if (server != null) {
			server.close();
		}
		try (var files = Files.walk(folder)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	@Test
	void keepsEveryCommitDurable() throws Exception {
		try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
			for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
				try (ResultSet rows = statement.executeQuery("show " + setting)) {
					rows.next();
					assertThat(rows.getString(1)).as(setting).isEqualTo("on");
				}
			}
		}
		assertThat(server.describe()).contains("fsync=on, synchronous_commit=on, full_page_writes=on");
	}

	@Test
	void neverRunsAsRootAndListensOnLoopbackOnly() throws Exception {
		long pid = server.postmasterPid().orElseThrow();
		String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
		String uids = status.lines().filter((l) -> l.startsWith("Uid:")).findFirst().orElseThrow();
		// real, effective, saved and filesystem uid: none of them root
		assertThat(List.of(uids.split("\\s+")).subList(1, 5)).doesNotContain("0");
		try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
			try (ResultSet rows = statement.executeQuery(
					"select current_setting('listen_addresses'), current_setting('unix_socket_directories')")) {
				rows.next();
				assertThat(rows.getString(1)).isEqualTo("127.0.0.1");
				assertThat(rows.getString(2)).isEmpty();
			}
			try (ResultSet rows = statement
				.executeQuery("select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'")) {
				rows.next();
				assertThat(rows.getLong(1)).as("access rules other than SCRAM").isZero();
			}
		}
		assertThat(Files.getPosixFilePermissions(server.passwordFile()))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(server.dataDirectory()))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
	}

	@Test
	void refusesAnotherLocalUserWithoutThePassword() throws Exception {
		String psql = psql();
		List<String> stranger = new ArrayList<>();
		if (ServerAccount.currentUid() == 0) {
			// any other local account, here nobody
			stranger.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
		}
		List<String> asSuperuser = new ArrayList<>(stranger);
		asSuperuser.addAll(List.of(psql, "-w", "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U",
				"postgres", "-d", "postgres", "-c", "copy (select 1) to program 'id'"));
		ProcessResult refused = run(asSuperuser);
		assertThat(refused.exit()).isNotZero();
		assertThat(refused.output()).containsAnyOf("password authentication failed", "no password supplied");

		List<String> readSecret = new ArrayList<>(stranger);
		readSecret.addAll(List.of("cat", server.passwordFile().toString()));
		if (ServerAccount.currentUid() == 0) {
			ProcessResult denied = run(readSecret);
			assertThat(denied.exit()).isNotZero();
			assertThat(denied.output()).contains("Permission denied");
		}
	}

	@Test
	void startsTheServerAgainWhenItDies() throws Exception {
		long pid = server.postmasterPid().orElseThrow();
		int restarts = server.restarts();
		ProcessHandle.of(pid).orElseThrow().destroyForcibly();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(server.restarts()).isEqualTo(restarts + 1);
			try (Connection connection = server.connect("postgres")) {
				assertThat(connection.isValid(2)).isTrue();
			}
		});
		assertThat(server.postmasterPid()).isPresent().get().isNotEqualTo(pid);
	}

	static String psql() {
		for (String candidate : List.of("/usr/bin/psql", "/usr/local/bin/psql")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		throw new IllegalStateException("psql not found: install Debian's postgresql-client (.ci/run does)");
	}

	static ProcessResult run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new ProcessResult(process.exitValue(), output);
	}

	record ProcessResult(int exit, String output) {
	}

}
