package dev.tminus.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a token may be used for. A token never gives more than its owner has on a cutover:
 * scopes only narrow it further.
 */
public enum ApiScope {

	/** Read a cutover's state. */
	CUTOVER_READ("cutover:read", "read cutovers"),

	/** Record step results (with evidence). */
	STEP_WRITE("step:write", "record steps"),

	/** Record gate results (with evidence). */
	GATE_WRITE("gate:write", "record gates"),

	/** Add timeline notes. */
	TIMELINE_WRITE("timeline:write", "add timeline notes"),

	/** Report rollback triggers. */
	TRIGGER_WRITE("trigger:write", "report rollback triggers");

	private final String value;

	private final String description;

	ApiScope(String value, String description) {
		this.value = value;
		this.description = description;
	}

	/** {@code step:write}: as tokens and the API name it. */
	public String value() {
		return this.value;
	}

	public String description() {
		return this.description;
	}

	/** The Spring Security authority a token with this scope holds. */
	public String authority() {
		return "SCOPE_" + this.value;
	}

	public boolean writes() {
		return this != CUTOVER_READ;
	}

	public static Optional<ApiScope> of(String value) {
		return Arrays.stream(values()).filter((scope) -> scope.value.equals(value)).findFirst();
	}

}
