package dev.tminus.trigger.web;

import dev.tminus.cutover.BoardRefusals;
import dev.tminus.cutover.CutoverQueries;

import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * A refused trigger report shows the reason on the board: 422 for a rule, 403 for someone
 * who may not report.
 */
@ControllerAdvice(assignableTypes = TriggerController.class)
class TriggerWebAdvice extends BoardRefusals {

	TriggerWebAdvice(CutoverQueries queries) {
		super(queries);
	}

}
