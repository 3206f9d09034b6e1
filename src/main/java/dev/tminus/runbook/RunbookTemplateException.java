package dev.tminus.runbook;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A runbook template that cannot be used. The message names every problem as
 * {@code file:line: field: what is wrong}, so a broken template fails at start-up with
 * all that needs fixing.
 */
public class RunbookTemplateException extends RuntimeException {

	private final List<Problem> problems;

	public RunbookTemplateException(List<Problem> problems) {
		super(describe(problems));
		this.problems = problems.stream()
			.sorted(Comparator.comparing(Problem::file).thenComparingInt(Problem::line))
			.toList();
	}

	public List<Problem> problems() {
		return this.problems;
	}

	private static String describe(List<Problem> problems) {
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("a template exception needs at least one problem");
		}
		List<Problem> sorted = problems.stream()
			.sorted(Comparator.comparing(Problem::file).thenComparingInt(Problem::line))
			.toList();
		if (sorted.size() == 1) {
			return "Broken runbook template " + sorted.get(0);
		}
		return sorted.stream()
			.map((problem) -> "  " + problem)
			.collect(Collectors.joining("\n", "Broken runbook templates, " + sorted.size() + " problems:\n", ""));
	}

	/**
	 * One thing wrong in one file.
	 *
	 * @param line 1-based
	 * @param field the path of the field, e.g. {@code steps[3].owner}, or empty for the
	 * whole file
	 */
	public record Problem(String file, int line, String field, String message) {

		@Override
		public String toString() {
			return this.file + ":" + this.line + ": " + (this.field.isEmpty() ? "" : this.field + ": ") + this.message;
		}

	}

}
