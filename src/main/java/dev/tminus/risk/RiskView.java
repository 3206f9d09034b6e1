package dev.tminus.risk;

/**
 * One entry of a cutover's risk log (seed 002 Appendix B).
 *
 * @param key {@code R-01}...
 * @param likelihood {@code L}, {@code M} or {@code H}
 * @param impact {@code L}, {@code M} or {@code H}
 * @param ownerRole the template role that owns the risk
 * @param status {@code OPEN}, {@code MITIGATED} or {@code CLOSED}
 * @param fromTemplate copied from the runbook rather than added during the cutover
 */
public record RiskView(long id, String key, String description, String likelihood, String impact, String ownerRole,
		String mitigation, String status, boolean fromTemplate) {

	public boolean open() {
		return "OPEN".equals(this.status);
	}

	public boolean highImpact() {
		return "H".equals(this.impact);
	}

}
