package dev.tminus.audit.web;

import dev.tminus.account.CurrentUser;
import dev.tminus.audit.AuditException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A question the desk cannot answer as asked: 400 and what to change. */
@ControllerAdvice(assignableTypes = AuditController.class)
class AuditWebAdvice {

	@ExceptionHandler(AuditException.class)
	String badRequest(AuditException ex, HttpServletResponse response, Model model) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("problem", ex.getMessage());
		// @ModelAttribute methods do not run for exception handlers: the header needs who
		// is signed in
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof CurrentUser me) {
			model.addAttribute("me", me);
		}
		return "audit/refused";
	}

}
