package dev.tminus.comms.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tminus.comms.WebhookProperties;
import dev.tminus.comms.WebhookTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts due deliveries of the outbox. One round: claim up to {@code batchSize} due
 * deliveries and commit (claim), post them in parallel with no transaction open (post),
 * then record each outcome in its own short transaction (record).
 * <p>
 * Safe on any number of instances at once: the claim locks rows with
 * {@code for update skip locked}, so concurrent rounds take disjoint rows, and it commits
 * a lease ({@code next_attempt_at} moved past the longest possible post) and the attempt
 * number, so a committed claim is not due for anyone else either. An instance that stops
 * after its claim and before its record leaves the delivery to be retried when the lease
 * ends: at least once, never lost. Receivers deduplicate by delivery id.
 * <p>
 * A 2xx answer delivers; anything else (another status, a redirect, a refused connection,
 * a timeout) schedules the next attempt after an exponential backoff, until the last
 * attempt gives the delivery up (FAILED).
 */
@Component
public class WebhookDispatcher {

	static final String DELIVERY_HEADER = "X-TMinus-Delivery";

	static final String EVENT_HEADER = "X-TMinus-Event";

	static final String ATTEMPT_HEADER = "X-TMinus-Attempt";

	/** What is kept of an error for the log. */
	static final int MAX_ERROR = 500;

	/** What is kept of a receiver's answer for the log: a short excerpt. */
	static final int MAX_EXCERPT = 200;

	private static final Logger logger = LoggerFactory.getLogger(WebhookDispatcher.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final WebhookProperties properties;

	private final Clock clock;

	private final WebhookTargets targets;

	private final HttpClient http;

	WebhookDispatcher(JdbcClient jdbc, TransactionTemplate transactions, WebhookProperties properties, Clock clock) {
		this.targets = new WebhookTargets(properties.allowedTargets());
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			// a redirect is an answer, not a delivery: the admin fixes the URL
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/**
	 * One round: claims the deliveries due now, posts them and records the outcomes.
	 * @return how many deliveries this round attempted
	 */
	public int dispatchDue() {
		List<Claimed> claimed = claim();
		if (claimed.isEmpty()) {
			return 0;
		}
		List<CompletableFuture<Outcome>> posts = new ArrayList<>(claimed.size());
		for (Claimed delivery : claimed) {
			posts.add(post(delivery));
		}
		for (int i = 0; i < claimed.size(); i++) {
			try {
				record(claimed.get(i), await(posts.get(i)));
			}
			catch (RuntimeException ex) {
				// the others are still recorded; this one is retried when its lease ends
				logger.error("Could not record the outcome of webhook delivery {}", claimed.get(i).id(), ex);
			}
		}
		return claimed.size();
	}

	/** Claims due deliveries of enabled endpoints and commits the claim. */
	List<Claimed> claim() {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<Claimed> claimed = this.transactions.execute((status) -> this.jdbc.sql("""
				with due as (
				    select d.id from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
				     where d.status = 'PENDING' and d.next_attempt_at <= :now and e.enabled
				     order by d.next_attempt_at, d.id
				     limit :batch
				       for update of d skip locked
				)
				update webhook_delivery d
				   set attempts = d.attempts + 1, last_attempt_at = :now, next_attempt_at = :leaseEnd
				  from due, webhook_endpoint e
				 where d.id = due.id and e.id = d.endpoint_id
				returning d.id, d.event, d.body, d.attempts, e.url, e.secret""")
			.param("now", Timestamp.from(now))
			.param("leaseEnd", Timestamp.from(now.plus(this.properties.lease())))
			.param("batch", this.properties.batchSize())
			.query((rs, row) -> new Claimed(rs.getLong("id"), rs.getString("event"), rs.getString("body"),
					rs.getInt("attempts"), rs.getString("url"), rs.getString("secret"), now))
			.list());
		return (claimed != null) ? claimed : List.of();
	}

	private CompletableFuture<Outcome> post(Claimed delivery) {
		byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
		long started = System.nanoTime();
		try {
			// again at send time: the host may resolve elsewhere than when it was saved
			Optional<String> refusal = this.targets.refusal(URI.create(delivery.url()));
			if (refusal.isPresent()) {
				return CompletableFuture
					.completedFuture(new Outcome(null, "refused, not sent: " + refusal.get(), millisSince(started)));
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.url()))
				.timeout(this.properties.timeout())
				.header("Content-Type", "application/json; charset=utf-8")
				.header("User-Agent", "T-Minus-Webhooks/1")
				.header(EVENT_HEADER, delivery.event())
				.header(DELIVERY_HEADER, Long.toString(delivery.id()))
				.header(ATTEMPT_HEADER, Integer.toString(delivery.attempt()))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body));
			if (delivery.secret() != null) {
				request.header(WebhookSignature.HEADER, WebhookSignature.of(delivery.secret(), body));
			}
			return this.http.sendAsync(request.build(), boundedBody())
				// the request timeout covers the answer's headers; this bounds the body
				// too
				.orTimeout(this.properties.connectTimeout().plus(this.properties.timeout()).toMillis(),
						TimeUnit.MILLISECONDS)
				.handle((response, failure) -> (failure == null)
						? Outcome.answered(response.statusCode(), response.body(), millisSince(started))
						: Outcome.failed(failure, millisSince(started)));
		}
		catch (RuntimeException ex) {
			// a URL the database accepted but java.net does not: counted as a failed
			// attempt
			return CompletableFuture.completedFuture(Outcome.failed(ex, millisSince(started)));
		}
	}

	private Outcome await(CompletableFuture<Outcome> post) {
		try {
			return post.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Outcome.failed(ex, 0);
		}
		catch (ExecutionException ex) {
			return Outcome.failed(ex.getCause(), 0);
		}
	}

	private void record(Claimed delivery, Outcome outcome) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		boolean last = delivery.attempt() >= this.properties.maxAttempts();
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("""
					insert into webhook_attempt (delivery_id, attempt, attempted_at, duration_ms, status_code, error)
					values (:id, :attempt, :at, :duration, :code, :error)
					on conflict on constraint webhook_attempt_pk do nothing""")
				.param("id", delivery.id())
				.param("attempt", delivery.attempt())
				.param("at", Timestamp.from(delivery.claimedAt()))
				.param("duration", (int) Math.min(outcome.durationMillis(), Integer.MAX_VALUE))
				.param("code", outcome.statusCode(), java.sql.Types.INTEGER)
				.param("error", outcome.error(), java.sql.Types.VARCHAR)
				.update();
			if (outcome.delivered()) {
				// delivered, even if a newer claim (after our lease ran out) is posting
				// it
				// again: the receiver deduplicates
				this.jdbc.sql("""
						update webhook_delivery
						   set status = 'DELIVERED', delivered_at = :now, next_attempt_at = null,
						       last_status_code = :code, last_error = null
						 where id = :id and status = 'PENDING'""")
					.param("now", Timestamp.from(now))
					.param("code", outcome.statusCode())
					.param("id", delivery.id())
					.update();
			}
			else {
				// only the latest claim decides what happens next
				this.jdbc.sql("""
						update webhook_delivery
						   set status = :status, next_attempt_at = :next, last_status_code = :code, last_error = :error
						 where id = :id and status = 'PENDING' and attempts = :attempt""")
					.param("status", last ? "FAILED" : "PENDING")
					.param("next",
							last ? null
									: OffsetDateTime.ofInstant(
											now.plus(this.properties.backoffAfter(delivery.attempt())), ZoneOffset.UTC),
							java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
					.param("code", outcome.statusCode(), java.sql.Types.INTEGER)
					.param("error", outcome.error(), java.sql.Types.VARCHAR)
					.param("id", delivery.id())
					.param("attempt", delivery.attempt())
					.update();
			}
		});
		if (outcome.delivered()) {
			logger.info("Webhook delivery {} ({}) delivered to {} at attempt {}: HTTP {}", delivery.id(),
					delivery.event(), delivery.host(), delivery.attempt(), outcome.statusCode());
		}
		else if (last) {
			logger.warn("Webhook delivery {} ({}) to {} given up after attempt {}: {}", delivery.id(), delivery.event(),
					delivery.host(), delivery.attempt(), outcome.describe());
		}
		else {
			logger.info("Webhook delivery {} ({}) to {} failed at attempt {}, retried in {}: {}", delivery.id(),
					delivery.event(), delivery.host(), delivery.attempt(),
					this.properties.backoffAfter(delivery.attempt()), outcome.describe());
		}
	}

	/**
	 * Keeps the first {@link #MAX_ERROR} bytes of an answer, reads and drops the rest.
	 */
	private static BodyHandler<String> boundedBody() {
		return (info) -> {
			ByteArrayOutputStream kept = new ByteArrayOutputStream();
			return HttpResponse.BodySubscribers.mapping(
					HttpResponse.BodySubscribers.ofByteArrayConsumer((chunk) -> chunk.ifPresent((bytes) -> kept
						.write(bytes, 0, Math.min(bytes.length, Math.max(0, MAX_ERROR - kept.size()))))),
					(ignored) -> kept.toString(StandardCharsets.UTF_8));
		};
	}

	private static long millisSince(long startedNanos) {
		// an elapsed time, not an instant: the injected clock does not apply
		return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
	}

	/** A delivery this instance claimed for one attempt. */
	record Claimed(long id, String event, String body, int attempt, String url, String secret, Instant claimedAt) {

		/** Where it goes, for logs: never the path (it may hold a token). */
		String host() {
			try {
				return URI.create(this.url).getHost();
			}
			catch (IllegalArgumentException ex) {
				return "?";
			}
		}

	}

	record Outcome(Integer statusCode, String error, long durationMillis) {

		static Outcome answered(int statusCode, String body, long durationMillis) {
			boolean ok = statusCode >= 200 && statusCode < 300;
			// only a short excerpt of what the receiver said is kept (and shown,
			// labelled)
			String error = ok ? null
					: truncated(((body != null && !body.isBlank()) ? body.strip() : "HTTP " + statusCode), MAX_EXCERPT);
			return new Outcome(statusCode, error, durationMillis);
		}

		static Outcome failed(Throwable failure, long durationMillis) {
			Throwable cause = failure;
			while ((cause instanceof CompletionException || cause instanceof ExecutionException)
					&& cause.getCause() != null) {
				cause = cause.getCause();
			}
			String what = (cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException)
					? "timed out" : cause.getClass().getSimpleName();
			String message = (cause.getMessage() != null && !cause.getMessage().isBlank())
					? what + ": " + cause.getMessage() : what;
			return new Outcome(null, truncated(message), durationMillis);
		}

		boolean delivered() {
			return this.statusCode != null && this.statusCode >= 200 && this.statusCode < 300;
		}

		String describe() {
			return (this.statusCode != null)
					? "HTTP " + this.statusCode + ((this.error != null) ? " " + this.error : "") : this.error;
		}

		private static String truncated(String text) {
			return truncated(text, MAX_ERROR);
		}

		private static String truncated(String text, int max) {
			String line = text.replaceAll("\\s+", " ");
			return (line.length() > max) ? line.substring(0, max - 1) + "…" : line;
		}

	}

}
