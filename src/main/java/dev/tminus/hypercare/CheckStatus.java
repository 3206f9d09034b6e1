package dev.tminus.hypercare;

/**
 * What a hypercare check found: all well, or an issue (which needs a note).
 */
public enum CheckStatus {

	OK, ISSUE

}
