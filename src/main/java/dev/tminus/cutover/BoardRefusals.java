package dev.tminus.cutover;

import java.util.Map;

import dev.tminus.account.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A refused action of a board section (triggers, sign-offs, risks...) shows the reason on
 * the board: 422 for a rule, 403 for someone who may not. A module's
 * {@code @ControllerAdvice}, scoped to its own controllers, extends this.
 */
public abstract class BoardRefusals {

	private final CutoverQueries queries;

	protected BoardRefusals(CutoverQueries queries) {
		this.queries = queries;
	}

	@ExceptionHandler(CutoverException.class)
	public String refused(CutoverException ex, HttpServletRequest request, HttpServletResponse response,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return board(ex.getMessage(), request, me, model);
	}

	@ExceptionHandler(AccessDeniedException.class)
	public String forbidden(AccessDeniedException ex, HttpServletRequest request, HttpServletResponse response,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		response.setStatus(HttpStatus.FORBIDDEN.value());
		return board(ex.getMessage(), request, me, model);
	}

	private String board(String message, HttpServletRequest request, CurrentUser me, Model model) {
		model.addAttribute("problem", message);
		@SuppressWarnings("unchecked")
		Map<String, String> vars = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		String id = (vars != null) ? vars.get("id") : null;
		if (id == null || !id.matches("\\d{1,18}")) {
			return "error/4xx";
		}
		model.addAttribute("board", this.queries.board(Long.parseLong(id), me));
		return "cutover/board";
	}

}
