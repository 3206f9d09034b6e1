package dev.tminus.cutover.web;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.BoardView;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.cutover.StepConflictException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A refused board action shows the reason where it was asked: in the record dialog for
 * htmx, otherwise on the board page. 422 for a rule, 409 for a concurrent change.
 */
@ControllerAdvice(assignableTypes = CutoverController.class)
class CutoverWebAdvice {

	private final CutoverQueries queries;

	CutoverWebAdvice(CutoverQueries queries) {
		this.queries = queries;
	}

	@ExceptionHandler(CutoverException.class)
	String refused(CutoverException ex, HttpServletRequest request, HttpServletResponse response,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return show(ex.getMessage(), request, me, model);
	}

	@ExceptionHandler(StepConflictException.class)
	String conflict(StepConflictException ex, HttpServletRequest request, HttpServletResponse response,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		response.setStatus(HttpStatus.CONFLICT.value());
		return show(ex.getMessage(), request, me, model);
	}

	/**
	 * Two transactions raced with the same version: the loser is told like any stale
	 * form.
	 */
	@ExceptionHandler(ObjectOptimisticLockingFailureException.class)
	String lostRace(HttpServletRequest request, HttpServletResponse response, @AuthenticationPrincipal CurrentUser me,
			Model model) {
		response.setStatus(HttpStatus.CONFLICT.value());
		return show("Someone recorded this at the same moment; nothing was overwritten. Here is the current state.",
				request, me, model);
	}

	private String show(String message, HttpServletRequest request, CurrentUser me, Model model) {
		@SuppressWarnings("unchecked")
		java.util.Map<String, String> vars = (java.util.Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		model.addAttribute("problem", message);
		String id = (vars != null) ? vars.get("id") : null;
		if (id == null || !id.matches("\\d{1,18}")) {
			return "error/4xx";
		}
		BoardView board = this.queries.board(Long.parseLong(id), me);
		model.addAttribute("board", board);
		String stepKey = vars.get("stepKey");
		if (request.getHeader(CutoverController.HX_REQUEST) != null && stepKey != null) {
			model.addAttribute("step", BoardSteps.find(board, stepKey));
			return "cutover/step-form :: form";
		}
		return "cutover/board";
	}

}
