package dev.tminus.api.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.tminus.api.ApiProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Honours {@code Idempotency-Key}: the first request with a key runs and its answer is
 * stored in the same transaction as what it recorded; a retry with the same key and the
 * same request gets that answer again and records nothing; the same key with a different
 * request is refused. Concurrent retries wait for the first (an advisory lock on the
 * key). A request that fails stores nothing, so it can be retried.
 */
@Component
public class Idempotency {

	/** The key header, as the IETF draft names it. */
	public static final String HEADER = "Idempotency-Key";

	static final int MAX_KEY = 200;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApiProperties properties;

	Idempotency(JdbcClient jdbc, Clock clock, ApiProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Runs {@code action} in a transaction, once per key.
	 * @param key the header's value, or {@code null} to just run it
	 * @param requestHash what identifies the request (method, path, parameters, files)
	 */
	@Transactional
	public ResponseEntity<Object> once(long accountId, String key, String requestHash,
			Supplier<ResponseEntity<Object>> action) {
		if (key == null) {
			return action.get();
		}
		if (key.isBlank() || key.length() > MAX_KEY || !key.chars().allMatch((c) -> c >= 0x21 && c <= 0x7e)) {
			throw new ApiRequestException(HttpStatus.BAD_REQUEST,
					HEADER + " must be 1 to " + MAX_KEY + " visible ASCII characters (a UUID is a good key).");
		}
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, :account))")
			.param("key", key)
			.param("account", accountId)
			.query(Object.class)
			.list();
		Optional<Stored> stored = this.jdbc
			.sql("select request_hash, status, body from api_idempotency where account_id = ? and idem_key = ?")
			.params(accountId, key)
			.query((rs, row) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3)))
			.optional();
		if (stored.isPresent()) {
			if (!stored.get().requestHash().equals(requestHash)) {
				throw new ApiRequestException(HttpStatus.UNPROCESSABLE_CONTENT,
						"This " + HEADER + " was used for a different request: use a new key for a new request.");
			}
			return ResponseEntity.status(stored.get().status())
				.contentType(MediaType.APPLICATION_JSON)
				.header("Idempotent-Replayed", "true")
				.body(JSON.readTree(stored.get().body()));
		}
		ResponseEntity<Object> answer = action.get();
		this.jdbc.sql("""
				insert into api_idempotency (account_id, idem_key, request_hash, status, content_type, body, created_at)
				values (:account, :key, :hash, :status, 'application/json', :body, :now)""")
			.param("account", accountId)
			.param("key", key)
			.param("hash", requestHash)
			.param("status", answer.getStatusCode().value())
			.param("body", JSON.writeValueAsString(answer.getBody()))
			.param("now", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update();
		return answer;
	}

	/** Forgets answers older than {@code tminus.api.idempotency-hours}. */
	@Scheduled(initialDelay = 5, fixedDelay = 60, timeUnit = TimeUnit.MINUTES)
	@Transactional
	public void prune() {
		this.jdbc.sql("delete from api_idempotency where created_at < ?")
			.param(OffsetDateTime.ofInstant(
					this.clock.instant().minus(Duration.ofHours(this.properties.idempotencyHours())), ZoneOffset.UTC))
			.update();
	}

	private record Stored(String requestHash, int status, String body) {
	}

}
