package dev.tminus.audit.stats;

import java.util.List;

/**
 * A filter of the statistics page that cannot be used, with every reason in words the
 * viewer can act on (shown on the page with 400).
 */
public class StatsFilterException extends RuntimeException {

	private final List<String> problems;

	public StatsFilterException(List<String> problems) {
		super(String.join(" ", problems));
		this.problems = List.copyOf(problems);
	}

	public StatsFilterException(String problem) {
		this(List.of(problem));
	}

	public List<String> problems() {
		return this.problems;
	}

}
