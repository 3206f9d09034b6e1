package dev.tminus.signoff.web;

import dev.tminus.cutover.BoardRefusals;
import dev.tminus.cutover.CutoverQueries;

import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * A refused sign-off shows the reason on the board: 422 for a rule, 403 for someone who
 * may not report.
 */
@ControllerAdvice(assignableTypes = SignOffController.class)
class SignOffWebAdvice extends BoardRefusals {

	SignOffWebAdvice(CutoverQueries queries) {
		super(queries);
	}

}
