package dev.tminus.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a Server-Sent Events stream over real HTTP, as a browser's EventSource would: one
 * reader thread parses the lines into events and comments.
 */
final class SseClient implements AutoCloseable {

	/** An event as EventSource sees it. */
	record Event(String id, String name, String data) {

	}

	private record Comment(String text) {

	}

	private static final Object END = new Object();

	private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

	private final InputStream body;

	private SseClient(InputStream body) {
		this.body = body;
		Thread reader = new Thread(this::read, "sse-client");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Opens the stream and waits until the server has registered it (its first comment).
	 */
	static SseClient open(HttpClient http, URI uri, String cookie, Long lastEventId) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Accept", "text/event-stream")
			.header("Cookie", cookie)
			.GET();
		if (lastEventId != null) {
			request.header("Last-Event-ID", Long.toString(lastEventId));
		}
		HttpResponse<InputStream> response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
			.get(10, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		SseClient client = new SseClient(response.body());
		assertThat(client.awaitComment("connected", Duration.ofSeconds(5))).as("stream registered").isTrue();
		return client;
	}

	/** The next event, skipping comments; {@code null} when none arrives in time. */
	Event nextEvent(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Object item = this.received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (item == null || item == END) {
				if (item == END) {
					this.received.add(END);
				}
				return null;
			}
			if (item instanceof Event event) {
				return event;
			}
		}
	}

	/** Waits for a comment, skipping anything else. */
	boolean awaitComment(String text, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Object item = this.received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (item == null || item == END) {
				return false;
			}
			if (item instanceof Comment comment && comment.text().equals(text)) {
				return true;
			}
		}
	}

	/** Waits until the server ends the stream, skipping anything else. */
	boolean awaitEnd(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Object item = this.received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (item == null) {
				return false;
			}
			if (item == END) {
				return true;
			}
		}
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(this.body, StandardCharsets.UTF_8))) {
			String id = null;
			String name = null;
			StringBuilder data = null;
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.isEmpty()) {
					if (data != null) {
						this.received.add(new Event(id, (name != null) ? name : "message", data.toString()));
					}
					name = null;
					data = null;
				}
				else if (line.startsWith(":")) {
					this.received.add(new Comment(value(line.substring(1))));
				}
				else {
					int colon = line.indexOf(':');
					String field = (colon < 0) ? line : line.substring(0, colon);
					String value = (colon < 0) ? "" : value(line.substring(colon + 1));
					switch (field) {
						case "id" -> id = value;
						case "event" -> name = value;
						case "data" ->
							data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
						default -> {
						}
					}
				}
			}
		}
		catch (IOException ex) {
			// closed by us or by the server
		}
		finally {
			this.received.add(END);
		}
	}

	private static String value(String raw) {
		return raw.startsWith(" ") ? raw.substring(1) : raw;
	}

	@Override
	public void close() {
		try {
			this.body.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
