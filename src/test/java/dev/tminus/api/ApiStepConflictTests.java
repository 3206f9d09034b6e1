package dev.tminus.api;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.Rehearsal;
import dev.tminus.support.TestDatabase;
import dev.tminus.support.TestSupportConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API step results are conflict-safe as the board's are: a step that has a result is
 * replaced only by whoever sends the version they saw ({@code version} or
 * {@code If-Match}), and of two scripts posting at the same moment exactly one wins. Real
 * HTTP, real threads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class ApiStepConflictTests {

	static final int PAIRS = 10;

	@LocalServerPort
	int port;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	ApiTokenService tokens;

	@Autowired
	RunbookCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@Test
	void ofTenConcurrentPairsWithoutAVersionExactlyOneOfEachPairIsRecorded() throws Exception {
		Rehearsal room = this.cutovers.e23();
		String operator = token(room, room.operator());
		String scribe = token(room, room.scribe());
		List<String> steps = steps(PAIRS);
		for (String step : steps) {
			List<HttpResponse<String>> pair = race(() -> post(room, step, operator, Map.of("status", "FAIL"), null),
					() -> post(room, step, scribe, Map.of("status", "NA", "note", "not on dev"), null));
			assertThat(pair.stream().map(HttpResponse::statusCode).sorted().toList()).as(step + ": " + bodies(pair))
				.containsExactly(201, 409);
			HttpResponse<String> winner = pair.stream().filter((r) -> r.statusCode() == 201).findFirst().orElseThrow();
			assertThat(this.cutovers.status(room.cutoverId(), step))
				.isEqualTo(winner.body().contains("\"status\":\"FAIL\"") ? "FAIL" : "NA");
			assertThat(this.cutovers.version(room.cutoverId(), step)).isEqualTo(1);
		}
	}

	@Test
	void aStepWithAResultIsReplacedOnlyWithTheVersionSeenAndOfTwoSendingItOneWins() throws Exception {
		Rehearsal room = this.cutovers.e23();
		String operator = token(room, room.operator());
		String scribe = token(room, room.scribe());
		String step = steps(1).get(0);
		assertThat(post(room, step, operator, Map.of("status", "FAIL"), null).statusCode()).isEqualTo(201);

		HttpResponse<String> blind = post(room, step, scribe, Map.of("status", "NA", "note", "n/a"), null);
		assertThat(blind.statusCode()).isEqualTo(409);
		assertThat(blind.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(blind.body()).contains("already has a result: FAIL by " + room.operator().displayName())
			.contains("send version=1 (or the header If-Match: \\\"1\\\")");
		assertThat(post(room, step, scribe, Map.of("status", "NA", "note", "n/a"), "\"0\"").statusCode())
			.as("a stale If-Match")
			.isEqualTo(409);
		assertThat(
				post(room, step, scribe, Map.of("status", "NA", "note", "n/a", "version", "1"), "\"2\"").statusCode())
			.as("version and If-Match disagree")
			.isEqualTo(400);
		assertThat(this.cutovers.status(room.cutoverId(), step)).isEqualTo("FAIL");

		HttpResponse<String> replaced = post(room, step, scribe, Map.of("status", "NA", "note", "n/a"), "W/\"1\"");
		assertThat(replaced.statusCode()).isEqualTo(201);
		assertThat(replaced.body()).contains("\"version\":2");
		assertThat(this.cutovers.status(room.cutoverId(), step)).isEqualTo("NA");

		for (int i = 0; i < PAIRS; i++) {
			String seen = String.valueOf(this.cutovers.version(room.cutoverId(), step));
			List<HttpResponse<String>> pair = race(
					() -> post(room, step, operator, Map.of("status", "FAIL", "note", "round " + seen, "version", seen),
							null),
					() -> post(room, step, scribe, Map.of("status", "NA", "note", "round " + seen),
							"\"" + seen + "\""));
			assertThat(pair.stream().map(HttpResponse::statusCode).sorted().toList()).as(bodies(pair))
				.containsExactly(201, 409);
		}
		assertThat(this.cutovers.version(room.cutoverId(), step)).isEqualTo(2 + PAIRS);
	}

	/**
	 * The first steps of the rehearsal: FAIL and N/A need neither predecessors nor
	 * evidence.
	 */
	private List<String> steps(int count) {
		RunbookTemplate template = this.catalog.current("e2-3-reload-cutover-rehearsal").orElseThrow().template();
		assertThat(template.steps()).hasSizeGreaterThanOrEqualTo(count);
		return template.steps().stream().limit(count).map(RunbookTemplate.Step::key).toList();
	}

	private HttpResponse<String> post(Rehearsal room, String step, String token, Map<String, String> form,
			String ifMatch) {
		String body = new LinkedHashMap<>(form).entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest
			.newBuilder(java.net.URI
				.create("http://localhost:" + this.port + "/api/v1/cutovers/" + room.cutoverId() + "/steps/" + step))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Both requests released at the same instant. */
	private List<HttpResponse<String>> race(java.util.function.Supplier<HttpResponse<String>> one,
			java.util.function.Supplier<HttpResponse<String>> other) throws Exception {
		CyclicBarrier start = new CyclicBarrier(2);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (var request : List.of(one, other)) {
				futures.add(pool.submit(() -> {
					start.await();
					return request.get();
				}));
			}
			List<HttpResponse<String>> responses = new ArrayList<>();
			for (Future<HttpResponse<String>> future : futures) {
				responses.add(future.get());
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static String bodies(List<HttpResponse<String>> pair) {
		return pair.stream().map((r) -> r.statusCode() + " " + r.body()).collect(Collectors.joining(" | "));
	}

	private String token(Rehearsal room, dev.tminus.account.AccountView account) {
		return this.tokens.create("race", 1, List.of(ApiScope.values()), this.cutovers.user(account)).token();
	}

}
