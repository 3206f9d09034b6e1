package dev.tminus.signoff.web;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.CutoverQueries;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A refused sign-off shows the reason on the board: 422 for a rule, 403 for someone who
 * may not report.
 */
@ControllerAdvice(assignableTypes = SignOffController.class)
class SignOffWebAdvice {

	private final CutoverQueries queries;

	SignOffWebAdvice(CutoverQueries queries) {
		this.queries = queries;
	}

	@ExceptionHandler(CutoverException.class)
	String refused(CutoverException ex, HttpServletRequest request, HttpServletResponse response,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return board(ex.getMessage(), request, me, model);
	}

	@ExceptionHandler(AccessDeniedException.class)
	String forbidden(AccessDeniedException ex, HttpServletRequest request, HttpServletResponse response,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		response.setStatus(HttpStatus.FORBIDDEN.value());
		return board(ex.getMessage(), request, me, model);
	}

	private String board(String message, HttpServletRequest request, CurrentUser me, Model model) {
		model.addAttribute("problem", message);
		@SuppressWarnings("unchecked")
		java.util.Map<String, String> vars = (java.util.Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		String id = (vars != null) ? vars.get("id") : null;
		if (id == null || !id.matches("\\d{1,18}")) {
			return "error/4xx";
		}
		model.addAttribute("board", this.queries.board(Long.parseLong(id), me));
		return "cutover/board";
	}

}
