package dev.tminus.timeline;

/**
 * The outcome an entry records, where it has one.
 */
public enum TimelineResult {

	PASS, FAIL, INFO

}
