package dev.tminus.runbook.internal;

import java.util.Locale;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import dev.tminus.runbook.RunbookTemplate;

/**
 * Runs the Bean Validation constraints declared on the {@link RunbookTemplate} records
 * (required values, key patterns, ranges) and reports them with YAML paths and lines.
 */
public final class BeanChecks {

	// Built once: a validator factory is expensive and thread-safe. The parameter
	// interpolator keeps messages free of an expression language.
	private static final Validator VALIDATOR = Validation.byDefaultProvider()
		.configure()
		.messageInterpolator(new ParameterMessageInterpolator())
		.buildValidatorFactory()
		.getValidator();

	private BeanChecks() {
	}

	public static void check(RunbookTemplate template, Diagnostics diagnostics) {
		for (ConstraintViolation<RunbookTemplate> violation : VALIDATOR.validate(template)) {
			diagnostics.problem(yamlPath(violation.getPropertyPath()), violation.getMessage());
		}
	}

	/** {@code steps[3].evidenceFiles} becomes {@code steps[3].evidence_files}. */
	static String yamlPath(Path path) {
		StringBuilder result = new StringBuilder();
		for (Path.Node node : path) {
			if (node.isInIterable() && node.getIndex() != null) {
				result.append('[').append(node.getIndex()).append(']');
			}
			String name = node.getName();
			if (name != null && !name.startsWith("<")) {
				if (!result.isEmpty()) {
					result.append('.');
				}
				result.append(snakeCase(name));
			}
		}
		return result.toString();
	}

	private static String snakeCase(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

}
