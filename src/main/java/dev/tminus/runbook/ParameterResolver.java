package dev.tminus.runbook;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tminus.runbook.RunbookTemplate.Parameter;
import dev.tminus.runbook.RunbookTemplate.Parameter.Source;
import dev.tminus.runbook.internal.Durations;
import dev.tminus.runbook.internal.GeneratedPattern;
import dev.tminus.runbook.internal.Placeholders;

/**
 * Computes a cutover's run parameters once, when it is created, and substitutes them into
 * template texts so that commands are copy-ready. Pure: time comes in as arguments.
 */
public final class ParameterResolver {

	/** T-0 in UTC, {@code yyyy-MM-ddTHH:mm:ssZ}. */
	public static final String T_CUTOVER = "T_CUTOVER";

	public static final String RELEASE = "RELEASE";

	public static final String ENVIRONMENT = "ENVIRONMENT";

	public static final String CUTOVER_NAME = "CUTOVER_NAME";

	/** Always available, never defined by a template. */
	public static final Set<String> BUILT_INS = Collections
		.unmodifiableSet(new LinkedHashSet<>(List.of(T_CUTOVER, RELEASE, ENVIRONMENT, CUTOVER_NAME)));

	private static final List<String> GIVEN_BUILT_INS = List.of(RELEASE, ENVIRONMENT, CUTOVER_NAME);

	/** How instants are written in parameters: UTC, whole seconds. */
	public static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private ParameterResolver() {
	}

	/**
	 * @param parameters the template's parameters
	 * @param t0 the cutover's T-0
	 * @param createdAt when the cutover is created (for generated parameters)
	 * @param inputs the values entered for input parameters, by key
	 * @param builtIns values for {@link #RELEASE}, {@link #ENVIRONMENT} and
	 * {@link #CUTOVER_NAME}; {@link #T_CUTOVER} is computed from {@code t0}
	 * @return every value by key, built-ins first, then the template's in its order
	 * @throws RunParameterException listing every input that is missing or unknown
	 */
	public static Map<String, String> resolve(List<Parameter> parameters, Instant t0, Instant createdAt,
			Map<String, String> inputs, Map<String, String> builtIns) {
		List<String> problems = new ArrayList<>();
		Map<String, String> values = new LinkedHashMap<>();
		values.put(T_CUTOVER, format(t0));
		for (String key : GIVEN_BUILT_INS) {
			if (builtIns.get(key) != null) {
				values.put(key, builtIns.get(key));
			}
		}
		builtIns.keySet()
			.stream()
			.filter((key) -> !GIVEN_BUILT_INS.contains(key))
			.forEach((key) -> problems.add(key + " is not a built-in that can be given (give " + RELEASE + ", "
					+ ENVIRONMENT + " or " + CUTOVER_NAME + ")"));
		for (Parameter parameter : parameters) {
			String value = switch (parameter.source()) {
				case VALUE -> parameter.definition();
				case GENERATED -> GeneratedPattern.compile(parameter.definition()).render(createdAt, t0);
				case FROM_T0 -> format(t0.plus(Durations.parse(parameter.definition())));
				case INPUT -> input(parameter, inputs, problems);
			};
			if (value != null) {
				values.put(parameter.key(), value);
			}
		}
		inputs.keySet()
			.stream()
			.filter((key) -> parameters.stream()
				.noneMatch((parameter) -> parameter.key().equals(key) && parameter.source() == Source.INPUT))
			.forEach((key) -> problems.add(key + " is not an input parameter of this runbook"));
		if (!problems.isEmpty()) {
			throw new RunParameterException(problems);
		}
		return Collections.unmodifiableMap(values);
	}

	private static String input(Parameter parameter, Map<String, String> inputs, List<String> problems) {
		String value = inputs.get(parameter.key());
		if (value != null && !value.isBlank()) {
			return value.strip();
		}
		if (parameter.defaultValue() != null) {
			return parameter.defaultValue();
		}
		problems.add(parameter.label() + " (" + parameter.key() + ") is required");
		return null;
	}

	/**
	 * Replaces each {@code ${KEY}} that has a value, keeps the others (a message's
	 * {@code ${REASON}} is filled when it is sent) and turns the escape {@code $${} into
	 * {@code ${}.
	 */
	public static String substitute(String text, Map<String, String> values) {
		return Placeholders.substitute(text, values);
	}

	/** An instant as parameters write it: {@code 2026-03-01T09:00:00Z}. */
	public static String format(Instant instant) {
		return UTC_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}

}
