package dev.tminus.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.tminus.support.TestHttp;

/**
 * The war room's fan-out: {@code subscribers} browsers hold the board's event stream open
 * while a Scribe records {@code perSecond} ticks a second for {@code seconds}. For each
 * tick and subscriber it measures the time from sending the tick (an upper bound of its
 * commit) to that subscriber receiving the tick's {@code steps} event, and counts the
 * events that never arrive.
 */
final class FanOut {

	private final Bench bench;

	private final int subscribers;

	private final int perSecond;

	private final int seconds;

	FanOut(Bench bench, int subscribers, int perSecond, int seconds) {
		this.bench = bench;
		this.subscribers = subscribers;
		this.perSecond = perSecond;
		this.seconds = seconds;
	}

	void run() throws Exception {
		long cutover = this.bench.seed().get("boardCutover").asLong();
		List<String> members = new ArrayList<>();
		this.bench.seed().get("members").forEach((m) -> members.add(m.asString()));
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		List<List<Long>> arrivals = new ArrayList<>();
		CountDownLatch connected = new CountDownLatch(this.subscribers);
		List<InputStream> streams = new CopyOnWriteArrayList<>();
		List<Thread> readers = new ArrayList<>();
		for (int s = 0; s < this.subscribers; s++) {
			List<Long> mine = java.util.Collections.synchronizedList(new ArrayList<>());
			arrivals.add(mine);
			String cookie = this.bench.sessions().get(members.get(s % members.size()));
			HttpResponse<InputStream> response = client
				.send(HttpRequest.newBuilder(this.bench.uri("/cutovers/" + cutover + "/events"))
					.header("Accept", "text/event-stream")
					.header("Cookie", cookie)
					.GET()
					.build(), HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("event stream answered " + response.statusCode());
			}
			streams.add(response.body());
			Thread reader = new Thread(() -> read(response.body(), mine, connected), "subscriber-" + s);
			reader.setDaemon(true);
			reader.start();
			readers.add(reader);
		}
		if (!connected.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("not every subscriber got its stream");
		}

		String scribe = this.bench.sessions().get(this.bench.seed().get("scribes").get(0).asString());
		String csrf = new TestHttp(this.bench.port()).csrfToken("/cutovers/" + cutover, scribe);
		String step = this.bench.seed().get("steps").get(0).asString();
		long version = version(cutover, step);
		int ticks = this.perSecond * this.seconds;
		long[] sent = new long[ticks];
		int ok = 0;
		long interval = TimeUnit.SECONDS.toNanos(1) / this.perSecond;
		long start = System.nanoTime();
		for (int i = 0; i < ticks; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			sent[i] = System.nanoTime();
			HttpResponse<String> tick = client
				.send(HttpRequest.newBuilder(this.bench.uri("/cutovers/" + cutover + "/steps/" + step))
					.header("Cookie", scribe)
					.header("HX-Request", "true")
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers
						.ofString("_csrf=" + java.net.URLEncoder.encode(csrf, StandardCharsets.UTF_8)
								+ "&status=NA&note=fan-out+tick+" + i + "&version=" + version))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (tick.statusCode() != 200) {
				throw new IllegalStateException("tick " + i + " answered " + tick.statusCode());
			}
			version++;
			ok++;
		}
		Thread.sleep(2000);
		streams.forEach((in) -> {
			try {
				in.close();
			}
			catch (Exception ignored) {
				// closing is all we want
			}
		});

		List<Long> latencies = new ArrayList<>();
		long lost = 0;
		for (List<Long> mine : arrivals) {
			List<Long> copy;
			synchronized (mine) {
				copy = new ArrayList<>(mine);
			}
			for (int i = 0; i < ok; i++) {
				if (i < copy.size()) {
					latencies.add(TimeUnit.NANOSECONDS.toMicros(copy.get(i) - sent[i]));
				}
				else {
					lost++;
				}
			}
		}
		long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		double p95 = Bench.percentile(sorted, 95) / 1000.0;
		double p50 = Bench.percentile(sorted, 50) / 1000.0;
		double max = (sorted.length > 0) ? sorted[sorted.length - 1] / 1000.0 : -1;
		String detail = "%d ticks at %d/s for %d s; p50 %.0f ms, max %.0f ms".formatted(ok, this.perSecond,
				this.seconds, p50, max);
		this.bench.note("fan-out: " + this.subscribers + " subscribers, " + detail + ", " + lost + " lost");
		this.bench.fanOut(p95, lost, (long) ok * this.subscribers, this.subscribers, detail);
		System.out.println("bench:   fan-out p95 " + p95 + " ms, " + detail + ", lost " + lost);
	}

	private static void read(InputStream body, List<Long> arrivals, CountDownLatch connected) {
		boolean first = true;
		String event = null;
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				long now = System.nanoTime();
				if (first) {
					connected.countDown();
					first = false;
				}
				if (line.startsWith("event:")) {
					event = line.substring(6).strip();
				}
				else if (line.startsWith("data:") && "steps".equals(event)) {
					arrivals.add(now);
				}
				else if (line.isEmpty()) {
					event = null;
				}
			}
		}
		catch (Exception closed) {
			// the bench closed the stream
		}
	}

	private long version(long cutover, String step) throws Exception {
		try (Connection connection = DriverManager.getConnection(
				"jdbc:postgresql://127.0.0.1:" + this.bench.pgPort() + "/tminus", "postgres", this.bench.pgPassword());
				PreparedStatement select = connection
					.prepareStatement("select version from step_state where cutover_id = ? and step_key = ?")) {
			select.setLong(1, cutover);
			select.setString(2, step);
			try (ResultSet rs = select.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

}
