package dev.tminus.decision;

import java.util.List;

/** GO was asked for while the rules do not allow it: every reason is listed. */
public class GoRefusedException extends RuntimeException {

	private final List<String> reasons;

	public GoRefusedException(List<String> reasons) {
		super("GO refused: " + String.join(" ", reasons));
		this.reasons = List.copyOf(reasons);
	}

	public List<String> reasons() {
		return this.reasons;
	}

}
