package dev.tminus.shared.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The app in its own JVM ({@link StandaloneApp}), to be killed like a real one.
 */
final class AppProcess implements AutoCloseable {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final int port;

	final Path log;

	private final Process process;

	private AppProcess(int port, Path log, Process process) {
		this.port = port;
		this.log = log;
		this.process = process;
	}

	/** Starts the app and waits until readiness says UP (or the JVM ends: then fails). */
	static AppProcess start(Path log, List<String> arguments) throws Exception {
		int port = freePort();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), StandaloneApp.class.getName(), "--server.port=" + port,
				"--spring.main.banner-mode=off", "--logging.level.root=WARN", "--logging.level.dev.tminus.shared=INFO",
				"--tminus.webhooks.dispatch=false"));
		Path integrity = log.resolveSibling("integrity");
		command.add("--tminus.timeline.key-file=" + integrity.resolve("checkpoint-ed25519.key"));
		command.add("--tminus.timeline.anchor-file=" + integrity.resolve("checkpoints.jsonl"));
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		AppProcess app = new AppProcess(port, log, process);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"The app stopped while starting (exit " + process.exitValue() + "):\n" + tail(log));
			}
			if (app.readiness() == 200) {
				return app;
			}
			Thread.sleep(250);
		}
		app.kill();
		throw new IllegalStateException("The app did not become ready in 180 s:\n" + tail(log));
	}

	int readiness() {
		try {
			return http
				.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).timeout(Duration.ofSeconds(15)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	long pid() {
		return this.process.pid();
	}

	/** {@code kill -9}: no shutdown hook, no chance to stop the database. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				kill();
			}
		}
	}

	static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
