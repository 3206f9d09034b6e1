package dev.tminus.comms.web;

import dev.tminus.cutover.BoardRefusals;
import dev.tminus.cutover.CutoverQueries;

import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * A refused broadcast shows the reason on the board: 422 for a rule, 403 for who may not.
 */
@ControllerAdvice(assignableTypes = BroadcastController.class)
class CommsWebAdvice extends BoardRefusals {

	CommsWebAdvice(CutoverQueries queries) {
		super(queries);
	}

}
