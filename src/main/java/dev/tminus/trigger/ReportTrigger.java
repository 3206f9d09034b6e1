package dev.tminus.trigger;

import dev.tminus.runbook.RunbookTemplate.TriggerAction;

/**
 * "Trigger observed": one of the template's rollback triggers by key, or free text.
 *
 * @param key a template trigger key, or {@code null}/blank for free text
 * @param title what was observed, for free text only
 * @param action for free text only: MONITOR, otherwise (also {@code null}) an immediate
 * rollback
 * @param note what was seen, where (dashboard, log ref)
 */
public record ReportTrigger(String key, String title, TriggerAction action, String note) {

	public ReportTrigger {
		key = blankToNull(key);
		title = blankToNull(title);
		note = blankToNull(note);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
