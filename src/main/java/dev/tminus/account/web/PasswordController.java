package dev.tminus.account.web;

import java.security.Principal;

import dev.tminus.account.AccountException;
import dev.tminus.account.AccountService;
import dev.tminus.shared.web.FormResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every signed-in person changes their own password here.
 */
@Controller
class PasswordController {

	private final AccountService accounts;

	PasswordController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/account/password")
	String form(Model model) {
		model.addAttribute("form", ChangePasswordForm.empty());
		return "account/password";
	}

	@PostMapping("/account/password")
	String change(@Valid @ModelAttribute("form") ChangePasswordForm form, BindingResult binding, Principal principal,
			RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
		if (!form.confirmed()) {
			binding.rejectValue("confirmPassword", "differs", "The two new passwords differ.");
		}
		if (!binding.hasErrors()) {
			try {
				HttpSession session = request.getSession(false);
				this.accounts.changeOwnPassword(principal.getName(), form.currentPassword(), form.newPassword(),
						(session != null) ? session.getId() : null);
				redirect.addFlashAttribute("notice",
						"Your password was changed. Your other sessions, on other browsers or devices, are signed out.");
				return "redirect:/";
			}
			catch (AccountException ex) {
				Forms.reject(binding, ex);
			}
		}
		FormResponses.refused(response);
		return "account/password";
	}

}
