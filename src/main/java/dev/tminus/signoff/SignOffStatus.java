package dev.tminus.signoff;

import java.time.Instant;

/**
 * Where one required sign-off of a cutover stands: its latest record counts.
 *
 * @param state {@code GIVEN}, {@code REFUSED} or {@code PENDING}
 * @param by who signed ("Dana Diaz (dana)"), {@code null} while pending
 */
public record SignOffStatus(String key, String title, String role, String state, String by, Instant at,
		String comment) {

	public boolean given() {
		return "GIVEN".equals(this.state);
	}

	public boolean pending() {
		return "PENDING".equals(this.state);
	}

}
