package dev.tminus.cutover;

import java.util.Map;

/**
 * What a person enters to create a cutover. {@code t0} is the text as entered: it must be
 * UTC ISO-8601.
 */
public record NewCutover(String templateKey, String name, String environment, String releaseRef, CutoverKind kind,
		String t0, Map<String, String> inputs) {

	public NewCutover {
		inputs = (inputs != null) ? Map.copyOf(inputs) : Map.of();
	}

}
