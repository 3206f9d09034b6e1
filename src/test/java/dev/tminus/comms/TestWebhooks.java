package dev.tminus.comms;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tminus.account.AccountView;
import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Endpoints and outbox rows for the webhook tests. All tests share one database: each
 * test starts by disabling every endpoint other tests left enabled, so that its
 * dispatcher rounds only ever claim its own deliveries.
 */
public final class TestWebhooks {

	private static final AtomicInteger sequence = new AtomicInteger();

	private final WebhookService service;

	private final JdbcClient jdbc;

	private final TestCutovers cutovers;

	private final AccountView admin;

	public TestWebhooks(WebhookService service, JdbcClient jdbc, TestAccounts accounts, TestCutovers cutovers) {
		this.service = service;
		this.jdbc = jdbc;
		this.cutovers = cutovers;
		this.admin = accounts.create("webhook-admin", GlobalRole.ADMIN);
	}

	public void disableAllEndpoints() {
		this.jdbc.sql("update webhook_endpoint set enabled = false where enabled").update();
	}

	public CurrentUser admin() {
		return this.cutovers.user(this.admin);
	}

	public long endpoint(String url, String secret, WebhookEvent... events) {
		return this.service.addEndpoint(
				new NewWebhookEndpoint("Test endpoint " + sequence.incrementAndGet(), url, secret, Set.of(events)),
				admin());
	}

	public Delivery delivery(long id) {
		return this.jdbc.sql("""
				select id, endpoint_id, event, cutover_id, body, status, attempts, next_attempt_at, last_status_code,
				       last_error, delivered_at
				  from webhook_delivery where id = ?""")
			.param(id)
			.query((rs, row) -> new Delivery(rs.getLong("id"), rs.getLong("endpoint_id"), rs.getString("event"),
					(Long) rs.getObject("cutover_id"), rs.getString("body"), rs.getString("status"),
					rs.getInt("attempts"),
					(rs.getTimestamp("next_attempt_at") != null) ? rs.getTimestamp("next_attempt_at").toInstant()
							: null,
					(Integer) rs.getObject("last_status_code"), rs.getString("last_error"),
					rs.getTimestamp("delivered_at") != null))
			.single();
	}

	public List<Long> deliveriesOf(long endpointId) {
		return this.jdbc.sql("select id from webhook_delivery where endpoint_id = ? order by id")
			.param(endpointId)
			.query(Long.class)
			.list();
	}

	public List<Long> deliveriesForCutover(long cutoverId) {
		return this.jdbc.sql("select id from webhook_delivery where cutover_id = ? order by id")
			.param(cutoverId)
			.query(Long.class)
			.list();
	}

	/** (attempt, status code, error) of every recorded attempt, in order. */
	public List<String> attempts(long deliveryId) {
		return this.jdbc
			.sql("select attempt || ' ' || coalesce(status_code::text, '-') || ' ' || coalesce(error, '-') "
					+ "from webhook_attempt where delivery_id = ? order by attempt")
			.param(deliveryId)
			.query(String.class)
			.list();
	}

	public record Delivery(long id, long endpointId, String event, Long cutoverId, String body, String status,
			int attempts, Instant nextAttemptAt, Integer lastStatusCode, String lastError, boolean delivered) {

	}

}
