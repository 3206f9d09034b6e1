package dev.tminus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.Cookie;
import static io.gatling.javaapi.http.HttpDsl.addCookie;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * One load scenario of the bench, chosen by system properties the {@link Bench} runner
 * sets before it starts Gatling: {@code bench.kind} ({@code static}, {@code board},
 * {@code fragment}, {@code tick}), {@code bench.users} signed-in members at once (closed
 * model: each sends its next request when the last one is answered) for
 * {@code bench.seconds}. Each request's start, response time and outcome also go to
 * {@code bench.samples}, so that the runner computes throughput over the measured window
 * (after the warm-up) the same way for every scenario.
 */
public class BenchSimulation extends Simulation {

	private static final ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();

	private final String kind = System.getProperty("bench.kind");

	private final long cutover = Long.getLong("bench.cutover");

	private final int users = Integer.getInteger("bench.users");

	private final int seconds = Integer.getInteger("bench.seconds");

	private final Path samplesFile = Path.of(System.getProperty("bench.samples"));

	/** One line per signed-in member: session cookie value, then the steps it ticks. */
	private final List<String[]> members = read(Path.of(System.getProperty("bench.members")));

	{
		HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("bench.baseUrl"))
			.disableFollowRedirect()
			// every request must reach the server: no answers from Gatling's HTTP cache
			.disableCaching()
			.acceptEncodingHeader("gzip, deflate")
			.userAgentHeader("T-Minus bench (Gatling)")
			.shareConnections();
		ScenarioBuilder scenario = scenario(this.kind).feed(feeder())
			.exec(addCookie(Cookie("SESSION", "#{cookie}")))
			.exec(prepare())
			.exec(during(Duration.ofSeconds(this.seconds)).on(request()));
		setUp(scenario.injectClosed(constantConcurrentUsers(this.users).during(Duration.ofSeconds(1))))
			.protocols(protocol);
	}

	@Override
	public void after() {
		List<String> lines = new ArrayList<>();
		for (long[] sample : samples) {
			lines.add(sample[0] + "," + sample[1] + "," + sample[2] + "," + sample[3]);
		}
		try {
			Files.write(this.samplesFile, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The tick needs the CSRF token, as a browser has it: from a form of the board. */
	private ChainBuilder prepare() {
		if (!this.kind.equals("tick")) {
			return exec((session) -> session);
		}
		return exec(http("board (token)").get("/cutovers/" + this.cutover)
			.check(status().is(200), css("input[name='_csrf']", "value").saveAs("csrf")));
	}

	private ChainBuilder request() {
		ChainBuilder request = switch (this.kind) {
			case "static" -> exec(http("static").get("/assets/css/app.css")
				.check(responseTimeInMillis().saveAs("rt"), status().saveAs("code"), status().is(200)));
			case "board" -> exec(http("board").get("/cutovers/" + this.cutover)
				.check(responseTimeInMillis().saveAs("rt"), status().saveAs("code"), status().is(200)));
			case "fragment" -> exec(http("steps fragment").get("/cutovers/" + this.cutover + "?fragment=phases")
				.header("HX-Request", "true")
				.check(responseTimeInMillis().saveAs("rt"), status().saveAs("code"), status().is(200)));
			case "tick" ->
				exec(BenchSimulation::nextStep).exec(http("tick").post("/cutovers/" + this.cutover + "/steps/#{step}")
					.header("HX-Request", "true")
					.formParam("_csrf", "#{csrf}")
					.formParam("status", "NA")
					.formParam("note", "bench tick #{turn}")
					.formParam("version", "#{version}")
					.check(responseTimeInMillis().saveAs("rt"), status().saveAs("code"), status().is(200)));
			default -> throw new IllegalArgumentException("bench.kind " + this.kind);
		};
		return request.exec((session) -> {
			long rt = session.contains("rt") ? session.getLong("rt") : -1;
			// the status of a failed request (-1: no answer at all), so the table can say
			// why
			long code = session.contains("code") ? session.getInt("code") : -1;
			long now = System.currentTimeMillis();
			samples.add(new long[] { now - Math.max(rt, 0), rt, session.isFailed() ? 0 : 1, code });
			Session next = session.remove("rt").remove("code");
			if (this.kind.equals("tick") && !session.isFailed()) {
				next = next.set("v:" + session.getString("step"), session.getLong("version") + 1);
			}
			return next.markAsSucceeded();
		});
	}

	/** Each member ticks its own steps in turn, so no two members race for one step. */
	private static Session nextStep(Session session) {
		String[] steps = session.getString("steps").split(" ");
		int turn = session.contains("turn") ? session.getInt("turn") : 0;
		String entry = steps[turn % steps.length];
		String key = entry.substring(0, entry.indexOf('='));
		long version = session.contains("v:" + key) ? session.getLong("v:" + key)
				: Long.parseLong(entry.substring(entry.indexOf('=') + 1));
		return session.set("turn", turn + 1).set("step", key).set("version", version);
	}

	private Iterator<Map<String, Object>> feeder() {
		Iterator<String[]> lines = this.members.iterator();
		List<Map<String, Object>> rows = new ArrayList<>();
		while (lines.hasNext()) {
			String[] line = lines.next();
			rows.add(Map.of("cookie", line[0], "steps", (line.length > 1) ? line[1] : ""));
		}
		return new Iterator<>() {
			private int next;

			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public Map<String, Object> next() {
				return rows.get(this.next++ % rows.size());
			}
		};
	}

	private static List<String[]> read(Path file) {
		try {
			return Files.readAllLines(file).stream().filter((l) -> !l.isBlank()).map((l) -> l.split("\t")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
