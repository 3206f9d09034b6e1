package dev.tminus.hypercare;

/**
 * The 24-hour control report of seed 001: "Summary + Metrics + Actions", each required,
 * at most {@value HypercareService#MAX_REPORT_FIELD} characters.
 */
public record FileControlReport(String summary, String metrics, String actions) {

}
