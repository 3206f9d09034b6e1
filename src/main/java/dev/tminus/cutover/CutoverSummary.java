package dev.tminus.cutover;

import java.time.Instant;

/** A line in a list of cutovers. */
public record CutoverSummary(long id, String name, String templateName, String environment, String release,
		CutoverKind kind, CutoverStatus status, Instant t0, String t0Utc, String myRoles) {

}
