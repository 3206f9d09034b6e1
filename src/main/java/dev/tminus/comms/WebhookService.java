package dev.tminus.comms;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.cutover.BoardView.Header;
import dev.tminus.cutover.CutoverKind;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.shared.web.NotFoundException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Outgoing webhooks: the endpoints admins configure, and the outbox every event is
 * written to in the transaction of the change it reports. Posting is the dispatcher's job
 * ({@code comms.internal.WebhookDispatcher}); nothing here talks to the network.
 * <p>
 * A body is built once, when the delivery is enqueued, and stored: what is signed and
 * posted, on every attempt, is exactly what was stored. It is JSON: <pre>
 * {"event": "trigger", "delivery_id": 42,
 *  "cutover": {"id": 7, "name": "Sprint 7 go-live", "environment": "prod", "kind": "LIVE",
 *              "release": "8e28d6c3", "t0": "2026-11-22T21:00:00Z"},
 *  "occurred_at": "2026-11-22T21:12:03Z",
 *  "text": ":rotating_light: Rollback trigger on Sprint 7 go-live (prod): ...",
 *  "trigger": {...}}
 * </pre> {@code text} is one line of Slack mrkdwn (so a Slack incoming webhook takes the
 * body as it is); the event's own fields follow under its name.
 */
@Service
public class WebhookService {

	static final int MAX_NAME = 100;

	static final int MAX_URL = 2000;

	static final int MAX_SECRET = 200;

	/** Slack shows up to 40 000 characters; a line on a phone far fewer. */
	static final int MAX_TEXT = 1000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final CutoverQueries cutovers;

	private final Clock clock;

	private final WebhookTargets targets;

	WebhookService(JdbcClient jdbc, CutoverQueries cutovers, Clock clock, WebhookProperties properties) {
		this.jdbc = jdbc;
		this.cutovers = cutovers;
		this.clock = clock;
		this.targets = new WebhookTargets(properties.allowedTargets());
	}

	/**
	 * Adds an enabled endpoint.
	 * @return its id
	 * @throws WebhookException naming the field that is wrong
	 */
	@Transactional
	public long addEndpoint(NewWebhookEndpoint endpoint, CurrentUser actor) {
		requireAdmin(actor);
		String name = text(endpoint.name());
		if (name == null) {
			throw new WebhookException("name", "Name the endpoint.");
		}
		if (name.length() > MAX_NAME) {
			throw new WebhookException("name", "Use at most " + MAX_NAME + " characters for the name.");
		}
		String url = url(endpoint.url());
		this.targets.refusal(URI.create(url)).ifPresent((why) -> {
			throw new WebhookException("url", "T-Minus will not post there: " + why + ".");
		});
		String secret = (endpoint.secret() != null && !endpoint.secret().isEmpty()) ? endpoint.secret() : null;
		if (secret != null && secret.length() > MAX_SECRET) {
			throw new WebhookException("secret", "Use at most " + MAX_SECRET + " characters for the secret.");
		}
		Set<WebhookEvent> events = (endpoint.events() != null) ? endpoint.events() : Set.of();
		if (events.isEmpty() || !events.stream().allMatch(WebhookEvent::subscribable)) {
			throw new WebhookException("events", "Choose at least one event: "
					+ WebhookEvent.subscribableEvents().stream().map(WebhookEvent::key).toList() + ".");
		}
		if (nameTaken(name)) {
			throw new WebhookException("name", "An endpoint named '" + name + "' exists already.");
		}
		String keys = WebhookEvent.subscribableEvents()
			.stream()
			.filter(events::contains)
			.map(WebhookEvent::key)
			.collect(Collectors.joining(","));
		try {
			return this.jdbc.sql("""
					insert into webhook_endpoint (name, url, secret, enabled, events, created_by, created_at)
					values (:name, :url, :secret, true, string_to_array(:events, ',')::varchar(20)[], :by, :at)
					returning id""")
				.param("name", name)
				.param("url", url)
				.param("secret", secret, java.sql.Types.VARCHAR)
				.param("events", keys)
				.param("by", actor.id())
				.param("at", Timestamp.from(this.clock.instant()))
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			// another admin added the same name in between
			throw new WebhookException("name", "An endpoint named '" + name + "' exists already.");
		}
	}

	/**
	 * Enables or disables an endpoint. A disabled endpoint gets no new deliveries, and
	 * its pending ones wait (they are sent once it is enabled again).
	 */
	@Transactional
	public void setEnabled(long endpointId, boolean enabled, CurrentUser actor) {
		requireAdmin(actor);
		int updated = this.jdbc.sql("update webhook_endpoint set enabled = :enabled where id = :id")
			.param("enabled", enabled)
			.param("id", endpointId)
			.update();
		if (updated == 0) {
			throw new NotFoundException("No webhook endpoint " + endpointId);
		}
	}

	/**
	 * Queues a test ping to one enabled endpoint; the dispatcher posts it on its next
	 * round, like any delivery.
	 * @return the id of the delivery
	 */
	@Transactional
	public long ping(long endpointId, CurrentUser actor) {
		requireAdmin(actor);
		Endpoint endpoint = this.jdbc.sql("select id, name, enabled from webhook_endpoint where id = :id")
			.param("id", endpointId)
			.query((rs, row) -> new Endpoint(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
			.optional()
			.orElseThrow(() -> new NotFoundException("No webhook endpoint " + endpointId));
		if (!endpoint.enabled()) {
			throw new WebhookException(null, "Enable '" + endpoint.name() + "' to send it a test ping.");
		}
		Instant now = this.clock.instant();
		long id = nextDeliveryId();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("event", WebhookEvent.PING.key());
		body.put("delivery_id", id);
		body.put("occurred_at", ParameterResolver.format(now));
		body.put("text", slack(":wave: Test ping from T-Minus to " + endpoint.name() + " by " + actor.displayName()
				+ " (" + actor.getUsername() + ")."));
		body.put("endpoint", Map.of("id", endpoint.id(), "name", endpoint.name()));
		insert(id, endpoint.id(), WebhookEvent.PING, null, body, now);
		return id;
	}

	/**
	 * Writes one delivery per enabled endpoint subscribed to the message's event, in the
	 * caller's transaction: the deliveries exist if and only if the change they report is
	 * committed. This is how modules post webhooks (decisions and triggers through their
	 * events; checkpoint broadcasts and overdue hypercare checks from their services'
	 * transactions).
	 * @return how many deliveries were written
	 * @throws org.springframework.transaction.IllegalTransactionStateException when
	 * called outside a transaction
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int enqueue(WebhookMessage message) {
		List<Long> endpoints = this.jdbc.sql("""
				select id from webhook_endpoint where enabled and cast(:event as varchar(20)) = any (events)
				order by id""").param("event", message.event().key()).query(Long.class).list();
		if (endpoints.isEmpty()) {
			return 0;
		}
		Header cutover = this.cutovers.header(message.cutoverId());
		Map<String, Object> about = new LinkedHashMap<>();
		about.put("id", cutover.id());
		about.put("name", cutover.name());
		about.put("environment", cutover.environment());
		about.put("kind", cutover.kind().name());
		about.put("release", cutover.release());
		about.put("t0", ParameterResolver.format(cutover.t0()));
		String text = slack(((cutover.kind() == CutoverKind.REHEARSAL) ? "[REHEARSAL] " : "") + message.headline()
				+ " on " + cutover.name() + " (" + cutover.environment() + ")"
				+ ((message.detail() != null && !message.detail().isBlank()) ? ": " + message.detail() : ""));
		Instant now = this.clock.instant();
		for (long endpointId : endpoints) {
			long id = nextDeliveryId();
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("event", message.event().key());
			body.put("delivery_id", id);
			body.put("cutover", about);
			body.put("occurred_at", ParameterResolver.format(message.occurredAt()));
			body.put("text", text);
			message.fields().forEach(body::putIfAbsent);
			insert(id, endpointId, message.event(), message.cutoverId(), body, now);
		}
		return endpoints.size();
	}

	/**
	 * One line of Slack mrkdwn: whitespace collapsed, at most {@link #MAX_TEXT}
	 * characters, and the three characters Slack reserves escaped.
	 */
	static String slack(String text) {
		String line = text.strip().replaceAll("\\s+", " ");
		if (line.length() > MAX_TEXT) {
			line = line.substring(0, MAX_TEXT - 1) + "…";
		}
		return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private long nextDeliveryId() {
		// the id is in the body (signed), so it is drawn before the row is written
		return this.jdbc.sql("select nextval(pg_get_serial_sequence('webhook_delivery', 'id'))")
			.query(Long.class)
			.single();
	}

	private void insert(long id, long endpointId, WebhookEvent event, Long cutoverId, Map<String, Object> body,
			Instant now) {
		this.jdbc.sql("""
				insert into webhook_delivery (id, endpoint_id, event, cutover_id, body, status, attempts,
				                              next_attempt_at, created_at)
				values (:id, :endpointId, :event, :cutoverId, :body, 'PENDING', 0, :now, :now)""")
			.param("id", id)
			.param("endpointId", endpointId)
			.param("event", event.key())
			.param("cutoverId", cutoverId, java.sql.Types.BIGINT)
			.param("body", JSON.writeValueAsString(body))
			.param("now", Timestamp.from(now.truncatedTo(ChronoUnit.MICROS)))
			.update();
	}

	private boolean nameTaken(String name) {
		return this.jdbc.sql("select count(*) from webhook_endpoint where lower(name) = lower(:name)")
			.param("name", name)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * An absolute http(s) URL with a host, no credentials in it (they belong in the
	 * secret or in a URL token the receiver issued).
	 */
	private static String url(String value) {
		String url = text(value);
		if (url == null) {
			throw new WebhookException("url", "Enter the URL to post to.");
		}
		if (url.length() > MAX_URL) {
			throw new WebhookException("url", "Use at most " + MAX_URL + " characters for the URL.");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new WebhookException("url", "This is not a valid URL: " + ex.getReason() + ".");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new WebhookException("url", "Use an http:// or https:// URL.");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new WebhookException("url", "The URL needs a host name, e.g. https://hooks.example.com/t-minus.");
		}
		if (uri.getRawUserInfo() != null) {
			throw new WebhookException("url",
					"Leave user name and password out of the URL; use the secret to let the receiver check the sender.");
		}
		return url;
	}

	private static String text(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static void requireAdmin(CurrentUser actor) {
		if (actor == null || actor.role() != GlobalRole.ADMIN) {
			throw new AccessDeniedException("Only admins configure webhooks.");
		}
	}

	private record Endpoint(long id, String name, boolean enabled) {
	}

}
