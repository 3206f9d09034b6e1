package dev.tminus.runbook;

import java.util.List;

/**
 * The values given for a cutover's run parameters do not fit its template: a required
 * input is missing, or a value is given for something that is not an input.
 */
public class RunParameterException extends RuntimeException {

	private final List<String> problems;

	public RunParameterException(List<String> problems) {
		super(String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}
