package dev.tminus.shared.web;

import dev.tminus.account.CurrentUser;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the signed-in person into every page model (also error pages), for the header.
 */
@ControllerAdvice
class CurrentUserAdvice {

	@ModelAttribute("me")
	CurrentUser me() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) ? user : null;
	}

}
