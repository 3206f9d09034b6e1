package dev.tminus.cutover;

/** Drills are kept apart from live runs everywhere. */
public enum CutoverKind {

	REHEARSAL, LIVE

}
