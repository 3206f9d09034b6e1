package dev.tminus.live.web;

import dev.tminus.live.LiveAccess;
import dev.tminus.live.internal.Watchers;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live event stream of a cutover (Server-Sent Events). Each event is a signal only:
 * {@code id} the signal id, {@code event} the topic, {@code data}
 * {@code {"cutoverId":..,"topic":..,"id":..}}; the page re-fetches what changed through
 * the normal controllers. A comment every heartbeat keeps the stream open.
 */
@RestController
class LiveEventsController {

	private static final Logger log = LoggerFactory.getLogger(LiveEventsController.class);

	/** Never open by default: without a real access rule nobody watches. */
	private static final LiveAccess NOBODY = (cutoverId, who) -> {
		throw new AccessDeniedException("Live updates are closed: no LiveAccess is configured");
	};

	private final ObjectProvider<LiveAccess> access;

	private final Watchers watchers;

	private volatile boolean warned;

	LiveEventsController(ObjectProvider<LiveAccess> access, Watchers watchers) {
		this.access = access;
		this.watchers = watchers;
	}

	/**
	 * Opens the stream after the access check. After a reconnect the browser sends
	 * {@code Last-Event-ID}; a page that had to open a new EventSource passes the same as
	 * {@code ?lastEventId=}. Either way the missed signals are replayed first.
	 */
	@GetMapping(path = "/cutovers/{cutoverId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable long cutoverId,
			@RequestHeader(name = "Last-Event-ID", required = false) Long lastEventIdHeader,
			@RequestParam(name = "lastEventId", required = false) Long lastEventIdParameter, Authentication who,
			HttpServletResponse response) {
		accessRule().checkCanWatch(cutoverId, who);
		// reverse proxies (nginx) must not buffer the stream
		response.setHeader("X-Accel-Buffering", "no");
		return this.watchers.watch(cutoverId, (lastEventIdHeader != null) ? lastEventIdHeader : lastEventIdParameter);
	}

	private LiveAccess accessRule() {
		LiveAccess rule = this.access.getIfAvailable();
		if (rule != null) {
			return rule;
		}
		if (!this.warned) {
			this.warned = true;
			log.warn("No LiveAccess bean: every request for live events is refused");
		}
		return NOBODY;
	}

}
