package dev.tminus.cutover;

/**
 * Where a cutover stands. The decision states are final except that a GO can still be
 * rolled back or completed.
 */
public enum CutoverStatus {

	PLANNED, IN_PROGRESS, GO, NO_GO, ROLLED_BACK, COMPLETE;

	public boolean decided() {
		return this == GO || this == NO_GO || this == ROLLED_BACK || this == COMPLETE;
	}

	/** Steps are recorded while the cutover runs, and after GO (hypercare). */
	public boolean acceptsStepRecords() {
		return this == IN_PROGRESS || this == GO;
	}

}
