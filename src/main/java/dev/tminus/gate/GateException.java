package dev.tminus.gate;

/** A gate result refused by a rule (PASS against a failing value...): nothing written. */
public class GateException extends RuntimeException {

	public GateException(String message) {
		super(message);
	}

}
