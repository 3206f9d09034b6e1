package dev.tminus.live.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One committed signal: the row id (also the SSE event id), its cutover and topic.
 *
 * @param id the signal id
 * @param cutoverId the cutover it is about
 * @param topic what changed
 */
public record Signal(long id, long cutoverId, String topic) {

	/** The NOTIFY channel every instance listens on. */
	public static final String CHANNEL = "tminus_live";

	private static final Pattern PAYLOAD = Pattern.compile("(\\d{1,19}):(\\d{1,19}):([a-z][a-z0-9-]{0,30})");

	/**
	 * Reads a NOTIFY payload {@code <cutoverId>:<signalId>:<topic>}; anything else
	 * (another version of the app, a hand-typed NOTIFY) is ignored.
	 */
	static Optional<Signal> parse(String payload) {
		Matcher matcher = (payload != null) ? PAYLOAD.matcher(payload) : null;
		if (matcher == null || !matcher.matches()) {
			return Optional.empty();
		}
		try {
			return Optional
				.of(new Signal(Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(1)), matcher.group(3)));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The SSE data: ids only, the topic is a validated token, so no escaping is needed.
	 */
	String json() {
		return "{\"cutoverId\":" + this.cutoverId + ",\"topic\":\"" + this.topic + "\",\"id\":" + this.id + "}";
	}

}
