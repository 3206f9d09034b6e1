package dev.tminus.risk;

/** A risk a member adds during the cutover. Likelihood and impact are L, M or H. */
public record NewRisk(String description, String likelihood, String impact, String ownerRole, String mitigation) {

}
