package dev.tminus.runbook;

/** The outcome of a measure or a gate, computed from measured values. */
public enum Verdict {

	PASS, FAIL

}
