package dev.tminus.signoff;

/** What an approver records. */
public enum SignOffState {

	GIVEN, REFUSED

}
