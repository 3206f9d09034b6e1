package dev.tminus.gate.web;

import dev.tminus.gate.GateException;
import dev.tminus.shared.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A refused gate action shows why on a page that links back to the gates: 422 for a rule,
 * 403 for someone not allowed, 404 for someone not on the cutover.
 */
@ControllerAdvice(assignableTypes = GateController.class)
class GateWebAdvice {

	@ExceptionHandler(GateException.class)
	String refused(GateException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		return show(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage(), request, response, model);
	}

	@ExceptionHandler(AccessDeniedException.class)
	String denied(AccessDeniedException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		return show(HttpStatus.FORBIDDEN, ex.getMessage(), request, response, model);
	}

	@ExceptionHandler(NotFoundException.class)
	String notFound(NotFoundException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		return show(HttpStatus.NOT_FOUND, ex.getMessage() + ".", request, response, model);
	}

	static String show(HttpStatus status, String message, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		response.setStatus(status.value());
		@SuppressWarnings("unchecked")
		java.util.Map<String, String> vars = (java.util.Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		String id = (vars != null) ? vars.get("id") : null;
		model.addAttribute("status", status.value());
		model.addAttribute("problem", message);
		model.addAttribute("cutoverId",
				(id != null && id.matches("\\d{1,18}") && status != HttpStatus.NOT_FOUND) ? Long.parseLong(id) : null);
		return "gate/refused";
	}

}
