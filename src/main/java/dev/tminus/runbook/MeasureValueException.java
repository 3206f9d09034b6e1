package dev.tminus.runbook;

import java.util.List;

/**
 * Measured values that cannot be judged: text where a threshold needs a number, a value
 * for a measure the gate does not have, or a threshold parameter without a value.
 */
public class MeasureValueException extends RuntimeException {

	private final List<String> problems;

	public MeasureValueException(List<String> problems) {
		super(String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}
