package dev.tminus.timeline;

/**
 * What a timeline entry records. The database's {@code timeline_entry_kind_ck} lists the
 * same names: add a kind there (in a new migration) before using it here.
 */
public enum TimelineKind {

	/**
	 * A step ticked PASS or FAIL (or N/A), by its owner or by the Scribe on their behalf.
	 */
	STEP,

	/** A gate result with its measured values. */
	GATE,

	/** An evidence file or link attached. */
	EVIDENCE,

	/** A role assigned, handed over or substituted. */
	ROLE,

	/** An approver's sign-off. */
	SIGN_OFF,

	/** A free note by the Scribe or a member. */
	NOTE,

	/** A rollback trigger reported, or its decision clock breached. */
	TRIGGER,

	/** A checkpoint broadcast sent. */
	BROADCAST,

	/** The IC's GO, NO-GO or ROLLBACK. */
	DECISION,

	/** The cutover's status changed. */
	STATUS,

	/** A risk logged or updated. */
	RISK,

	/** A hypercare check done. */
	HYPERCARE,

	/** Something T-Minus itself noticed. */
	SYSTEM

}
