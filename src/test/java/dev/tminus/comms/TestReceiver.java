package dev.tminus.comms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 for the tests: records every request (headers and raw
 * body) and answers with the status its script gives for the n-th request (1-based).
 */
public final class TestReceiver implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "test-receiver");
		thread.setDaemon(true);
		return thread;
	});

	private final IntUnaryOperator script;

	private final Duration delay;

	private final AtomicInteger count = new AtomicInteger();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private TestReceiver(int port, IntUnaryOperator script, Duration delay) {
		this.script = script;
		this.delay = delay;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** A receiver on a free port that answers each request as the script says. */
	public static TestReceiver answering(IntUnaryOperator script) {
		return new TestReceiver(0, script, Duration.ZERO);
	}

	/** The same, taking its time before each answer. */
	public static TestReceiver answeringSlowly(IntUnaryOperator script, Duration delay) {
		return new TestReceiver(0, script, delay);
	}

	/** A receiver that comes up on a port that was down until now. */
	public static TestReceiver onPort(int port, IntUnaryOperator script) {
		return new TestReceiver(port, script, Duration.ZERO);
	}

	/** A port on 127.0.0.1 that nobody listens on (a receiver that is down). */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String url(int port) {
		return "http://127.0.0.1:" + port + "/hooks/t-minus";
	}

	public String url() {
		return url(this.server.getAddress().getPort());
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readAllBytes();
			int status = this.script.applyAsInt(this.count.incrementAndGet());
			Map<String, String> headers = exchange.getRequestHeaders()
				.entrySet()
				.stream()
				.collect(Collectors.toMap((e) -> e.getKey().toLowerCase(Locale.ROOT), (e) -> e.getValue().get(0)));
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
					body, status));
			if (!this.delay.isZero()) {
				Thread.sleep(this.delay.toMillis());
			}
			byte[] answer = ((status >= 200 && status < 300) ? "ok" : "receiver says " + status)
				.getBytes(StandardCharsets.UTF_8);
			if (status >= 300 && status < 400) {
				exchange.getResponseHeaders().add("Location", "/elsewhere");
			}
			exchange.sendResponseHeaders(status, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One request as it arrived, and what it was answered. */
	public record Received(String method, String path, Map<String, String> headers, byte[] body, int answered) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		/**
		 * What a receiver computes to check the signature, written out here rather than
		 * taken from the application.
		 */
		public String expectedSignature(String secret) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
				return "sha256=" + HexFormat.of().formatHex(mac.doFinal(this.body));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		public boolean succeeded() {
			return this.answered >= 200 && this.answered < 300;
		}

	}

}
