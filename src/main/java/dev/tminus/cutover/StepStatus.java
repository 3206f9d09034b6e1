package dev.tminus.cutover;

public enum StepStatus {

	PENDING, PASS, FAIL, NA;

	/** Done for "no skipping": passed, or not applicable with a reason. */
	public boolean done() {
		return this == PASS || this == NA;
	}

	public String label() {
		return (this == NA) ? "N/A" : name();
	}

}
