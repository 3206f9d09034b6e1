package dev.tminus.comms;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverAccess;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.CutoverService;
import dev.tminus.live.LiveSignals;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import dev.tminus.timeline.TimelineService;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checkpoint broadcasts: the IC or the Scribe posts the runbook's message (pre-filled
 * from the board, offered when its moment has come) or a free text. Each goes into the
 * timeline, to every open board, and to the webhooks subscribed to broadcasts, in one
 * transaction.
 */
@Service
public class BroadcastService {

	public static final int MAX_TEXT = 2000;

	private final JdbcClient jdbc;

	private final CutoverService cutovers;

	private final BroadcastQueries queries;

	private final TimelineService timeline;

	private final WebhookService webhooks;

	private final LiveSignals live;

	private final Clock clock;

	BroadcastService(JdbcClient jdbc, CutoverService cutovers, BroadcastQueries queries, TimelineService timeline,
			WebhookService webhooks, LiveSignals live, Clock clock) {
		this.jdbc = jdbc;
		this.cutovers = cutovers;
		this.queries = queries;
		this.timeline = timeline;
		this.webhooks = webhooks;
		this.live = live;
		this.clock = clock;
	}

	/**
	 * Posts a broadcast.
	 * @param messageKey the runbook message it is, or {@code null} for a free text
	 * @param text what goes out (the offer's text, possibly edited)
	 * @return the broadcast's id
	 * @throws AccessDeniedException unless the IC or the Scribe posts
	 * @throws CutoverException when the text is empty or too long, or the message's
	 * moment has not come
	 */
	@Transactional
	public long post(long cutoverId, String messageKey, String text, CurrentUser actor) {
		CutoverAccess access = this.cutovers.access(cutoverId, actor);
		if (!access.isIc() && !access.isScribe()) {
			throw new AccessDeniedException("Only the IC or the Scribe posts broadcasts to the war room's channels.");
		}
		String body = (text != null) ? text.strip() : "";
		if (body.isEmpty()) {
			throw new CutoverException("text", "Write the message to send.");
		}
		if (body.length() > MAX_TEXT) {
			throw new CutoverException("text", "Use at most " + MAX_TEXT + " characters for a broadcast.");
		}
		String key = (messageKey != null && !messageKey.isBlank()) ? messageKey.strip() : null;
		if (key != null) {
			CommsView.Offer offer = this.queries.offer(cutoverId, key)
				.orElseThrow(() -> new CutoverException("messageKey", "The runbook has no message " + key + "."));
			if (!offer.ready()) {
				throw new CutoverException("messageKey",
						"Not yet: " + key + " waits for " + offer.waitingFor() + ". Post a free text if you must.");
			}
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		String label = actor.displayName() + " (" + actor.getUsername() + ")";
		long id = this.jdbc.sql("""
				insert into broadcast (cutover_id, message_key, text, posted_by, posted_by_label, posted_at)
				values (:cutoverId, :key, :text, :by, :label, :at) returning id""")
			.param("cutoverId", cutoverId)
			.param("key", key, java.sql.Types.VARCHAR)
			.param("text", body)
			.param("by", actor.id())
			.param("label", label)
			.param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.query(Long.class)
			.single();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("broadcast_id", id);
		if (key != null) {
			details.put("message", key);
		}
		this.timeline.append(new NewTimelineEntry(cutoverId, TimelineKind.BROADCAST, actor.id(), label, null,
				TimelineResult.INFO, key, "Broadcast: " + body, details));
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id", id);
		fields.put("message", key);
		fields.put("text", body);
		fields.put("posted_by", label);
		this.webhooks.enqueue(new WebhookMessage(WebhookEvent.BROADCAST, cutoverId, now, ":loudspeaker: Update", body,
				Map.of("broadcast", fields)));
		this.live.signal(cutoverId, "comms");
		this.live.signal(cutoverId, "timeline");
		return id;
	}

}
