package dev.tminus.hypercare.web;

import java.util.Map;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverException;
import dev.tminus.hypercare.CheckAlreadyRecordedException;
import dev.tminus.hypercare.HypercareQueries;
import dev.tminus.shared.web.NotFoundException;
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
 * A refused hypercare action shows the reason on the hypercare view, with what was typed
 * still in the forms: 422 for a rule, 403 for someone who may not, 409 when someone
 * recorded it first.
 */
@ControllerAdvice(assignableTypes = HypercareController.class)
class HypercareWebAdvice {

	private final HypercareQueries queries;

	HypercareWebAdvice(HypercareQueries queries) {
		this.queries = queries;
	}

	@ExceptionHandler(CutoverException.class)
	String refused(CutoverException ex, HttpServletRequest request, HttpServletResponse response,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		return show(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage(), request, response, me, model);
	}

	@ExceptionHandler(AccessDeniedException.class)
	String forbidden(AccessDeniedException ex, HttpServletRequest request, HttpServletResponse response,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		return show(HttpStatus.FORBIDDEN, ex.getMessage(), request, response, me, model);
	}

	@ExceptionHandler(CheckAlreadyRecordedException.class)
	String conflict(CheckAlreadyRecordedException ex, HttpServletRequest request, HttpServletResponse response,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		return show(HttpStatus.CONFLICT, ex.getMessage(), request, response, me, model);
	}

	private String show(HttpStatus status, String message, HttpServletRequest request, HttpServletResponse response,
			CurrentUser me, Model model) {
		response.setStatus(status.value());
		model.addAttribute("problem", message);
		@SuppressWarnings("unchecked")
		Map<String, String> vars = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		String id = (vars != null) ? vars.get("id") : null;
		if (id == null || !id.matches("\\d{1,18}")) {
			return "error/4xx";
		}
		try {
			model.addAttribute("hypercare", this.queries.view(Long.parseLong(id), me));
		}
		catch (NotFoundException | AccessDeniedException unknown) {
			// a refusal about a cutover that does not exist, or that this person may not
			// see
			response.setStatus(HttpStatus.NOT_FOUND.value());
			return "error/404";
		}
		return HypercareController.view(request.getHeader(HypercareController.HX_REQUEST), null);
	}

}
