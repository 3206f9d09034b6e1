package dev.tminus.audit.stats.web;

import dev.tminus.audit.stats.StatsFilter;

/**
 * The filter as typed (query parameters), kept as text so that the page can show again
 * what was entered when it cannot be used.
 */
record StatsForm(String template, String from, String to, String kind, String combine) {

	/**
	 * @throws dev.tminus.audit.stats.StatsFilterException when a value cannot be used
	 */
	StatsFilter filter() {
		return StatsFilter.parse(this.template, this.from, this.to, this.kind, this.combine);
	}

	/** Whether the "mix rehearsals and live runs" box is ticked. */
	public boolean combined() {
		return "true".equalsIgnoreCase(this.combine) || "on".equalsIgnoreCase(this.combine);
	}

	/** The kind to select: BOTH unless REHEARSAL or LIVE was given. */
	public String kindChoice() {
		return ("REHEARSAL".equalsIgnoreCase(this.kind) || "LIVE".equalsIgnoreCase(this.kind))
				? this.kind.toUpperCase(java.util.Locale.ROOT) : "BOTH";
	}

}
