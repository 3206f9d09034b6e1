package dev.tminus.cutover;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tminus.runbook.RunbookTemplate.Field;
import dev.tminus.runbook.RunbookTemplate.Step;

/**
 * The fields a step asks for (snapshot id, tx id, log ref, release SHA...): checked by
 * type, required ones required for PASS. Keys the step does not ask for are ignored.
 */
final class StepFields {

	static final int MAX_LENGTH = 500;

	private StepFields() {
	}

	static Map<String, String> check(Step step, StepStatus status, Map<String, String> submitted) {
		Map<String, String> values = new LinkedHashMap<>();
		for (Field field : step.fields()) {
			String value = submitted.getOrDefault(field.key(), "");
			value = (value != null) ? value.strip() : "";
			if (value.isEmpty()) {
				if (field.required() && status == StepStatus.PASS) {
					throw new CutoverException("fields[" + field.key() + "]",
							field.label() + " is required to record PASS.");
				}
				continue;
			}
			if (value.length() > MAX_LENGTH) {
				throw new CutoverException("fields[" + field.key() + "]",
						field.label() + ": use at most " + MAX_LENGTH + " characters.");
			}
			values.put(field.key(), normalize(field, value));
		}
		return values;
	}

	private static String normalize(Field field, String value) {
		return switch (field.type()) {
			case TEXT -> value;
			case SHA -> {
				if (!value.matches("[0-9a-fA-F]{7,64}")) {
					throw new CutoverException("fields[" + field.key() + "]",
							field.label() + ": a hex SHA of 7 to 64 characters, like 8e28d6c3.");
				}
				yield value.toLowerCase(java.util.Locale.ROOT);
			}
			case URL -> {
				try {
					URI uri = new URI(value);
					if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
						throw new URISyntaxException(value, "not http(s)");
					}
				}
				catch (URISyntaxException ex) {
					throw new CutoverException("fields[" + field.key() + "]",
							field.label() + ": an http(s) link, like https://grafana.example/d/slo.");
				}
				yield value;
			}
			case TIMESTAMP -> UtcInstants.parse("fields[" + field.key() + "]", value).toString();
			case NUMBER -> {
				try {
					yield new BigDecimal(value).toPlainString();
				}
				catch (NumberFormatException ex) {
					throw new CutoverException("fields[" + field.key() + "]", field.label() + ": a number.");
				}
			}
		};
	}

}
