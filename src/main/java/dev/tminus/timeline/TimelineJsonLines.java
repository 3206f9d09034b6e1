package dev.tminus.timeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tminus.timeline.internal.DetailsJson;

/**
 * A timeline entry as one line of an export's {@code timeline.jsonl}, and back: every
 * member the entry's hash covers, so that the chain can be recomputed from the export
 * alone (numbers in {@code details} are read back exactly as the database gives them).
 */
public final class TimelineJsonLines {

	private TimelineJsonLines() {
	}

	public static Map<String, Object> line(TimelineEntryView entry) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("cutover_id", entry.cutoverId());
		line.put("seq", entry.seq());
		line.put("recorded_at", entry.recordedAt().toString());
		line.put("kind", entry.kind().name());
		line.put("actor_id", entry.actorId());
		line.put("actor", entry.actorLabel());
		line.put("on_behalf_of", entry.onBehalfOf());
		line.put("result", (entry.result() != null) ? entry.result().name() : null);
		line.put("subject", entry.subjectKey());
		line.put("text", entry.text());
		line.put("details", entry.details());
		line.put("prev_hash", entry.prevHash());
		line.put("hash", entry.hash());
		return line;
	}

	/** Reads a line written by {@link #line}; {@code id} is not exported (0). */
	@SuppressWarnings("unchecked")
	public static TimelineEntryView parse(String json) {
		Map<String, Object> line = DetailsJson.read(json);
		Object actorId = line.get("actor_id");
		Object result = line.get("result");
		Object details = line.get("details");
		return new TimelineEntryView(0, ((Number) line.get("cutover_id")).longValue(),
				((Number) line.get("seq")).longValue(), Instant.parse((String) line.get("recorded_at")),
				TimelineKind.valueOf((String) line.get("kind")),
				(actorId != null) ? ((Number) actorId).longValue() : null, (String) line.get("actor"),
				(String) line.get("on_behalf_of"), (result != null) ? TimelineResult.valueOf((String) result) : null,
				(String) line.get("subject"), (String) line.get("text"),
				(details != null) ? (Map<String, Object>) details : Map.of(), (String) line.get("prev_hash"),
				(String) line.get("hash"));
	}

}
