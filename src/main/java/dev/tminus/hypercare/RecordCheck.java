package dev.tminus.hypercare;

/**
 * A hypercare check as recorded.
 *
 * @param checkId the scheduled check
 * @param status OK or ISSUE; {@code null} when none was chosen
 * @param note what was seen and where; required for ISSUE, at most 2000 characters
 */
public record RecordCheck(Long checkId, CheckStatus status, String note) {

}
