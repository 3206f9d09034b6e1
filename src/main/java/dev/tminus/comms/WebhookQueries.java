package dev.tminus.comms;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.tminus.runbook.ParameterResolver;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's view of webhooks: endpoints (never their secrets) and the delivery log. One
 * query per list, one for a page count.
 */
@Service
public class WebhookQueries {

	public static final int PAGE_SIZE = 50;

	private static final String DELIVERY_COLUMNS = """
			select d.id, d.endpoint_id, e.name as endpoint_name, d.event, d.cutover_id, c.name as cutover_name,
			       d.status, d.attempts, d.last_status_code, d.last_error, d.created_at, d.last_attempt_at,
			       d.next_attempt_at, d.delivered_at
			  from webhook_delivery d
			  join webhook_endpoint e on e.id = d.endpoint_id
			  left join cutover c on c.id = d.cutover_id
			""";

	private final JdbcClient jdbc;

	WebhookQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<WebhookEndpointView> endpoints() {
		return this.jdbc.sql("""
				select e.id, e.name, e.url, e.secret is not null as signed, e.enabled, e.events, e.created_at,
				       a.display_name || ' (' || a.username || ')' as created_by,
				       coalesce(s.pending, 0) as pending, coalesce(s.delivered, 0) as delivered,
				       coalesce(s.failed, 0) as failed
				  from webhook_endpoint e
				  join account a on a.id = e.created_by
				  left join (select endpoint_id, count(*) filter (where status = 'PENDING') as pending,
				                    count(*) filter (where status = 'DELIVERED') as delivered,
				                    count(*) filter (where status = 'FAILED') as failed
				               from webhook_delivery group by endpoint_id) s on s.endpoint_id = e.id
				 order by lower(e.name), e.id""").query((rs, row) -> {
			Instant createdAt = instant(rs, "created_at");
			return new WebhookEndpointView(rs.getLong("id"), rs.getString("name"), rs.getString("url"),
					rs.getBoolean("signed"), rs.getBoolean("enabled"), events(rs.getArray("events")),
					rs.getString("created_by"), createdAt, ParameterResolver.format(createdAt), rs.getLong("pending"),
					rs.getLong("delivered"), rs.getLong("failed"));
		}).list();
	}

	/**
	 * One page of the delivery log, newest first.
	 * @param endpointId only this endpoint's deliveries, or {@code null} for all
	 * @param page 1-based; pages past the end are empty
	 */
	@Transactional(readOnly = true)
	public DeliveryLogPage deliveries(Long endpointId, int page) {
		int current = Math.max(1, page);
		String where = (endpointId != null) ? " where d.endpoint_id = :endpointId" : "";
		var rows = this.jdbc.sql(DELIVERY_COLUMNS + where + " order by d.id desc limit :limit offset :offset")
			.param("limit", PAGE_SIZE)
			.param("offset", (long) (current - 1) * PAGE_SIZE);
		var count = this.jdbc.sql("select count(*) from webhook_delivery d" + where);
		if (endpointId != null) {
			rows = rows.param("endpointId", endpointId);
			count = count.param("endpointId", endpointId);
		}
		return new DeliveryLogPage(rows.query(WebhookQueries::delivery).list(), endpointId, current, PAGE_SIZE,
				count.query(Long.class).single());
	}

	@Transactional(readOnly = true)
	public Optional<WebhookDeliveryView> delivery(long id) {
		return this.jdbc.sql(DELIVERY_COLUMNS + " where d.id = :id")
			.param("id", id)
			.query(WebhookQueries::delivery)
			.optional();
	}

	/** The body as it was stored, signed and posted. */
	@Transactional(readOnly = true)
	public Optional<String> body(long deliveryId) {
		return this.jdbc.sql("select body from webhook_delivery where id = :id")
			.param("id", deliveryId)
			.query(String.class)
			.optional();
	}

	/** Every recorded attempt of a delivery, first first. */
	@Transactional(readOnly = true)
	public List<WebhookAttemptView> attempts(long deliveryId) {
		return this.jdbc.sql("""
				select attempt, attempted_at, duration_ms, status_code, error from webhook_attempt
				where delivery_id = :id order by attempt""").param("id", deliveryId).query((rs, row) -> {
			Instant at = instant(rs, "attempted_at");
			return new WebhookAttemptView(rs.getInt("attempt"), at, ParameterResolver.format(at),
					rs.getInt("duration_ms"), (Integer) rs.getObject("status_code"), rs.getString("error"));
		}).list();
	}

	private static WebhookDeliveryView delivery(ResultSet rs, int row) throws SQLException {
		Instant created = instant(rs, "created_at");
		Instant last = instant(rs, "last_attempt_at");
		Instant next = instant(rs, "next_attempt_at");
		Instant delivered = instant(rs, "delivered_at");
		return new WebhookDeliveryView(rs.getLong("id"), rs.getLong("endpoint_id"), rs.getString("endpoint_name"),
				WebhookEvent.fromKey(rs.getString("event")).orElseThrow(), (Long) rs.getObject("cutover_id"),
				rs.getString("cutover_name"), rs.getString("status"), rs.getInt("attempts"),
				(Integer) rs.getObject("last_status_code"), rs.getString("last_error"), created, format(created), last,
				format(last), next, format(next), delivered, format(delivered));
	}

	private static List<WebhookEvent> events(Array array) throws SQLException {
		List<String> keys = Arrays.asList((String[]) array.getArray());
		return WebhookEvent.subscribableEvents().stream().filter((event) -> keys.contains(event.key())).toList();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static String format(Instant instant) {
		return (instant != null) ? ParameterResolver.format(instant) : null;
	}

}
