package dev.tminus.cutover;

/**
 * Someone else recorded the step since the form was loaded: nothing is overwritten, the
 * person is told who and when and sees the current state.
 */
public class StepConflictException extends RuntimeException {

	private final long cutoverId;

	private final String stepKey;

	public StepConflictException(long cutoverId, String stepKey, String message) {
		super(message);
		this.cutoverId = cutoverId;
		this.stepKey = stepKey;
	}

	public long cutoverId() {
		return this.cutoverId;
	}

	public String stepKey() {
		return this.stepKey;
	}

}
