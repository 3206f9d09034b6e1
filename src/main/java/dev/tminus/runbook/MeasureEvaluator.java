package dev.tminus.runbook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tminus.runbook.MeasureEvaluation.MeasureResult;
import dev.tminus.runbook.RunbookTemplate.Comparator;
import dev.tminus.runbook.RunbookTemplate.Measure;
import dev.tminus.runbook.internal.Placeholders;

/**
 * Computes PASS or FAIL from measured values, so that nobody records PASS against a
 * failing number. Numbers compare as {@link BigDecimal} ({@code 200} equals
 * {@code 200.0}); other values compare as text, ignoring case and surrounding blanks (hex
 * hashes, "yes", "PASS"). A measure without a value fails. Pure.
 */
public final class MeasureEvaluator {

	private MeasureEvaluator() {
	}

	/**
	 * @param measures the gate's measures
	 * @param measured the values entered, by measure key
	 * @param parameters the cutover's run parameters, for {@code ${PARAM}} thresholds
	 * @throws MeasureValueException listing every value that cannot be compared
	 */
	public static MeasureEvaluation evaluate(List<Measure> measures, Map<String, String> measured,
			Map<String, String> parameters) {
		List<String> problems = new ArrayList<>();
		measured.keySet()
			.stream()
			.filter((key) -> measures.stream().noneMatch((measure) -> measure.key().equals(key)))
			.forEach((key) -> problems.add(key + " is not a measure of this gate"));
		List<MeasureResult> results = new ArrayList<>();
		for (Measure measure : measures) {
			MeasureResult result = evaluate(measure, measured, parameters, problems);
			if (result != null) {
				results.add(result);
			}
		}
		if (!problems.isEmpty()) {
			throw new MeasureValueException(problems);
		}
		boolean allPass = results.stream().allMatch((result) -> result.verdict() == Verdict.PASS);
		return new MeasureEvaluation(allPass ? Verdict.PASS : Verdict.FAIL, results);
	}

	private static MeasureResult evaluate(Measure measure, Map<String, String> measured, Map<String, String> parameters,
			List<String> problems) {
		String actual = valueOf(measured.get(measure.key()));
		String expected = expected(measure, measured, parameters, problems);
		if (measure.comparator() != null && expected == null && measure.thresholdMeasure() == null) {
			return null;
		}
		if (actual == null) {
			return new MeasureResult(measure.key(), Verdict.FAIL, null, expected,
					measure.label() + ": no value measured");
		}
		if (measure.comparator() == null) {
			return new MeasureResult(measure.key(), Verdict.PASS, actual, null,
					measure.label() + ": " + withUnit(actual, measure) + " recorded");
		}
		if (expected == null) {
			return new MeasureResult(measure.key(), Verdict.FAIL, actual, null,
					measure.label() + ": cannot compare, " + measure.thresholdMeasure() + " has no value measured");
		}
		Comparator comparator = measure.comparator();
		BigDecimal actualNumber = number(actual);
		BigDecimal expectedNumber = number(expected);
		boolean pass;
		if (actualNumber != null && expectedNumber != null) {
			pass = holds(comparator, actualNumber.compareTo(expectedNumber));
		}
		else if (comparator.ordering()) {
			problems
				.add(measure.label() + " (" + measure.key() + "): " + describeNonNumber(actual, actualNumber, expected)
						+ "; " + comparator.symbol() + " compares numbers only");
			return null;
		}
		else {
			boolean equal = actual.toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT));
			pass = (comparator == Comparator.EQ) == equal;
		}
		String comparison = withUnit(actual, measure) + (pass ? " " : " is not ") + comparator.symbol() + " "
				+ withUnit(expected, measure);
		return new MeasureResult(measure.key(), pass ? Verdict.PASS : Verdict.FAIL, actual, expected,
				measure.label() + ": " + comparison);
	}

	private static String expected(Measure measure, Map<String, String> measured, Map<String, String> parameters,
			List<String> problems) {
		if (measure.thresholdMeasure() != null) {
			return valueOf(measured.get(measure.thresholdMeasure()));
		}
		String threshold = measure.threshold();
		if (threshold == null) {
			return null;
		}
		String reference = Placeholders.wholeReference(threshold);
		if (reference == null) {
			return threshold.strip();
		}
		String value = valueOf(parameters.get(reference));
		if (value == null) {
			problems.add(measure.label() + " (" + measure.key() + "): the threshold parameter " + reference
					+ " has no value in this cutover");
		}
		return value;
	}

	private static boolean holds(Comparator comparator, int comparison) {
		return switch (comparator) {
			case LT -> comparison < 0;
			case LE -> comparison <= 0;
			case GT -> comparison > 0;
			case GE -> comparison >= 0;
			case EQ -> comparison == 0;
			case NE -> comparison != 0;
		};
	}

	private static String describeNonNumber(String actual, BigDecimal actualNumber, String expected) {
		if (actualNumber == null) {
			return "'" + actual + "' is not a number";
		}
		return "the threshold '" + expected + "' is not a number";
	}

	private static String withUnit(String value, Measure measure) {
		String unit = measure.unit();
		if (unit == null || unit.isBlank() || unit.contains("/") || unit.contains(" ") || number(value) == null) {
			return value;
		}
		return value + ("%".equals(unit) ? "" : " ") + unit;
	}

	private static String valueOf(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static BigDecimal number(String text) {
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
