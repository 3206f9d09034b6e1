package dev.tminus.runbook;

import java.util.List;

/**
 * The values given for a cutover's run parameters do not fit its template: a required
 * input is missing, a value is not of its parameter's type or cannot stand in a command,
 * or a value is given for something that is not an input.
 */
public class RunParameterException extends RuntimeException {

	private final List<Problem> problems;

	public RunParameterException(List<Problem> problems) {
		super(String.join("; ", problems.stream().map(Problem::message).toList()));
		this.problems = List.copyOf(problems);
	}

	/** Every problem's message, in the order found. */
	public List<String> problems() {
		return this.problems.stream().map(Problem::message).toList();
	}

	/** The parameter keys with a problem, in the order found. */
	public List<String> keys() {
		return this.problems.stream().map(Problem::key).toList();
	}

	/**
	 * @param key the parameter (or built-in) the problem is about
	 */
	public record Problem(String key, String message) {
	}

}
