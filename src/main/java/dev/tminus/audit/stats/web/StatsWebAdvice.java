package dev.tminus.audit.stats.web;

import dev.tminus.account.CurrentUser;
import dev.tminus.audit.stats.StatsFilterException;
import dev.tminus.audit.stats.StatsQueries;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A filter that cannot be used shows the page again with what was entered and why, as
 * 400: nothing is computed from a half-understood filter.
 */
@ControllerAdvice(assignableTypes = StatsController.class)
class StatsWebAdvice {

	private final StatsQueries queries;

	StatsWebAdvice(StatsQueries queries) {
		this.queries = queries;
	}

	@ExceptionHandler(StatsFilterException.class)
	String badFilter(StatsFilterException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		// model attribute methods (CurrentUserAdvice) do not run for exception handlers,
		// and the page header needs who is signed in
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof CurrentUser me) {
			model.addAttribute("me", me);
		}
		model.addAttribute("form", new StatsForm(request.getParameter("template"), request.getParameter("from"),
				request.getParameter("to"), request.getParameter("kind"), request.getParameter("combine")));
		model.addAttribute("templateNames", this.queries.templateNames());
		model.addAttribute("problems", ex.problems());
		return "audit/stats";
	}

}
