package dev.tminus.gate;

/**
 * A gate's effective status: PENDING until a result is recorded (or FAIL at once when
 * required evidence is missing).
 */
public enum Verdict {

	PASS, FAIL, PENDING

}
