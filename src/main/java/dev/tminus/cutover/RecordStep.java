package dev.tminus.cutover;

import java.util.Map;

/**
 * A step result as submitted, with the version of the step the person saw.
 */
public record RecordStep(StepStatus status, Map<String, String> fields, String note, long expectedVersion) {

	public RecordStep {
		fields = (fields != null) ? Map.copyOf(fields) : Map.of();
		note = (note != null && !note.isBlank()) ? note.strip() : null;
	}

}
