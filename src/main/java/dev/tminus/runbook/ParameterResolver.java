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
import dev.tminus.runbook.RunParameterException.Problem;
import dev.tminus.runbook.RunbookTemplate.Parameter.Source;
import dev.tminus.runbook.RunbookTemplate.ParameterType;
import dev.tminus.runbook.internal.CodeReferences;
import dev.tminus.runbook.internal.Durations;
import dev.tminus.runbook.internal.GeneratedPattern;
import dev.tminus.runbook.internal.ParameterValues;
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

	private static final Map<String, String> BUILT_IN_NAMES = Map.of(RELEASE, "Release SHA or tag", ENVIRONMENT,
			"Environment", CUTOVER_NAME, "Name");

	/** How instants are written in parameters: UTC, whole seconds. */
	public static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private ParameterResolver() {
	}

	/**
	 * Resolves a template's parameters, checking what people entered: each input against
	 * its type, and every entered value (inputs and the given built-ins) that stands in a
	 * command against {@link ParameterValues#COMMAND_SAFE_TEXT}.
	 * @see #resolve(List, Instant, Instant, Map, Map)
	 */
	public static Map<String, String> resolve(RunbookTemplate template, Instant t0, Instant createdAt,
			Map<String, String> inputs, Map<String, String> builtIns) {
		return resolve(template.parameters(), commandUses(template), t0, createdAt, inputs, builtIns);
	}

	/**
	 * @param parameters the template's parameters
	 * @param t0 the cutover's T-0
	 * @param createdAt when the cutover is created (for generated parameters)
	 * @param inputs the values entered for input parameters, by key
	 * @param builtIns values for {@link #RELEASE}, {@link #ENVIRONMENT} and
	 * {@link #CUTOVER_NAME}; {@link #T_CUTOVER} is computed from {@code t0}
	 * @return every value by key, built-ins first, then the template's in its order
	 * @throws RunParameterException listing every input that is missing, unknown or not
	 * of its type
	 */
	public static Map<String, String> resolve(List<Parameter> parameters, Instant t0, Instant createdAt,
			Map<String, String> inputs, Map<String, String> builtIns) {
		return resolve(parameters, Map.of(), t0, createdAt, inputs, builtIns);
	}

	private static Map<String, String> resolve(List<Parameter> parameters, Map<String, String> commandUses, Instant t0,
			Instant createdAt, Map<String, String> inputs, Map<String, String> builtIns) {
		List<Problem> problems = new ArrayList<>();
		Map<String, String> values = new LinkedHashMap<>();
		values.put(T_CUTOVER, format(t0));
		for (String key : GIVEN_BUILT_INS) {
			String value = builtIns.get(key);
			if (value != null) {
				value = entered(key, BUILT_IN_NAMES.get(key) + " (" + key + ")", ParameterType.TEXT, value.strip(),
						commandUses, problems);
				if (value != null) {
					values.put(key, value);
				}
			}
		}
		builtIns.keySet()
			.stream()
			.filter((key) -> !GIVEN_BUILT_INS.contains(key))
			.forEach((key) -> problems.add(new Problem(key, key + " is not a built-in that can be given (give "
					+ RELEASE + ", " + ENVIRONMENT + " or " + CUTOVER_NAME + ")")));
		for (Parameter parameter : parameters) {
			String value = switch (parameter.source()) {
				case VALUE -> parameter.definition();
				case GENERATED -> GeneratedPattern.compile(parameter.definition()).render(createdAt, t0);
				case FROM_T0 -> format(t0.plus(Durations.parse(parameter.definition())));
				case INPUT -> input(parameter, inputs, commandUses, problems);
			};
			if (value != null) {
				values.put(parameter.key(), value);
			}
		}
		inputs.keySet()
			.stream()
			.filter((key) -> parameters.stream()
				.noneMatch((parameter) -> parameter.key().equals(key) && parameter.source() == Source.INPUT))
			.forEach((key) -> problems.add(new Problem(key, key + " is not an input parameter of this runbook")));
		if (!problems.isEmpty()) {
			throw new RunParameterException(problems);
		}
		return Collections.unmodifiableMap(values);
	}

	private static String input(Parameter parameter, Map<String, String> inputs, Map<String, String> commandUses,
			List<Problem> problems) {
		String value = inputs.get(parameter.key());
		String name = parameter.label() + " (" + parameter.key() + ")";
		if (value != null && !value.isBlank()) {
			return entered(parameter.key(), name, parameter.type(), value.strip(), commandUses, problems);
		}
		if (parameter.defaultValue() != null) {
			return entered(parameter.key(), name, parameter.type(), parameter.defaultValue(), commandUses, problems);
		}
		if (!parameter.required()) {
			return "";
		}
		problems.add(new Problem(parameter.key(), name + " is required"));
		return null;
	}

	/** A value someone entered: of its type, and safe where it stands in a command. */
	private static String entered(String key, String name, ParameterType type, String value,
			Map<String, String> commandUses, List<Problem> problems) {
		String use = commandUses.get(key);
		String unsafe = (use != null) ? ParameterValues.unsafeInCommand(value) : null;
		if (unsafe != null) {
			problems.add(new Problem(key, name + " stands in a command (" + use + "), so it may hold only "
					+ ParameterValues.COMMAND_SAFE_TEXT + "; " + unsafe));
			return null;
		}
		try {
			return ParameterValues.check(type, value);
		}
		catch (IllegalArgumentException ex) {
			problems.add(new Problem(key, name + " " + ex.getMessage()));
			return null;
		}
	}

	/**
	 * The parameters that stand in code (a code block or an inline code span) of a text
	 * rendered with parameters, each with where first: their values become copy-ready
	 * commands.
	 */
	public static Map<String, String> commandUses(RunbookTemplate template) {
		Map<String, String> uses = new LinkedHashMap<>();
		template.textsWithParameters().forEach((path, text) -> {
			for (String key : CodeReferences.in(text)) {
				uses.putIfAbsent(key, where(template, path));
			}
		});
		return uses;
	}

	/** "step 'Release SHA/Tag fixed'" for {@code steps[5].instructions}. */
	private static String where(RunbookTemplate template, String path) {
		java.util.regex.Matcher step = java.util.regex.Pattern.compile("steps\\[(\\d+)].*").matcher(path);
		if (step.matches()) {
			return "step '" + template.steps().get(Integer.parseInt(step.group(1))).title() + "'";
		}
		java.util.regex.Matcher gate = java.util.regex.Pattern.compile("gates\\[(\\d+)].*").matcher(path);
		if (gate.matches()) {
			return "gate '" + template.gates().get(Integer.parseInt(gate.group(1))).title() + "'";
		}
		return path.replace('_', ' ');
	}

	/**
	 * Replaces each {@code ${KEY}} that has a value, keeps the others (a message's
	 * {@code ${REASON}} is filled when it is sent) and turns the escape {@code $${} into
	 * {@code ${}.
	 */
	public static String substitute(String text, Map<String, String> values) {
		return Placeholders.substitute(text, values);
	}

	/**
	 * Markdown with each known {@code ${KEY}} replaced by an opaque token, and the value
	 * each token stands for: render the Markdown first, then put in the escaped values
	 * ({@code Markdown.toSafeHtml(text, values)}), so that no value is read as Markdown.
	 */
	public static Tokenized tokenize(String markdown, Map<String, String> values) {
		Placeholders.Tokenized tokenized = Placeholders.tokenize(markdown, values);
		return new Tokenized(tokenized.text(), tokenized.values());
	}

	/**
	 * @param text the text with tokens instead of values
	 * @param values token → the value it stands for
	 */
	public record Tokenized(String text, Map<String, String> values) {
	}

	/** An instant as parameters write it: {@code 2026-03-01T09:00:00Z}. */
	public static String format(Instant instant) {
		return UTC_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}

}
