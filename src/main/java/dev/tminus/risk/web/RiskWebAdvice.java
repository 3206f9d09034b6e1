package dev.tminus.risk.web;

import dev.tminus.cutover.BoardRefusals;
import dev.tminus.cutover.CutoverQueries;

import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * A refused risk change shows the reason on the board: 422 for a rule, 403 for someone
 * who may not report.
 */
@ControllerAdvice(assignableTypes = RiskController.class)
class RiskWebAdvice extends BoardRefusals {

	RiskWebAdvice(CutoverQueries queries) {
		super(queries);
	}

}
