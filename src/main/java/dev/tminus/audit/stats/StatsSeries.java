package dev.tminus.audit.stats;

import java.util.Set;

import dev.tminus.cutover.CutoverKind;

/**
 * Whose runs one figure covers. Rehearsals and live runs are separate series unless the
 * viewer deliberately asks for {@link #ALL}.
 */
public enum StatsSeries {

	REHEARSAL("Rehearsals", Set.of(CutoverKind.REHEARSAL)),

	LIVE("Live runs", Set.of(CutoverKind.LIVE)),

	/** Only when asked for ({@code combine=true}): rehearsals and live runs mixed. */
	ALL("Rehearsals and live runs together", Set.of(CutoverKind.REHEARSAL, CutoverKind.LIVE));

	private final String label;

	private final Set<CutoverKind> kinds;

	StatsSeries(String label, Set<CutoverKind> kinds) {
		this.label = label;
		this.kinds = kinds;
	}

	public String label() {
		return this.label;
	}

	public boolean includes(CutoverKind kind) {
		return this.kinds.contains(kind);
	}

}
