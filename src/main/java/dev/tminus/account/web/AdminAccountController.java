package dev.tminus.account.web;

import java.security.Principal;
import java.util.function.Supplier;

import dev.tminus.account.AccountException;
import dev.tminus.account.AccountService;
import dev.tminus.account.GlobalRole;
import dev.tminus.shared.web.FormResponses;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Account administration. Admin-only by URL (security configuration) and nothing here
 * reaches into any cutover.
 */
@Controller
@RequestMapping("/admin/accounts")
class AdminAccountController {

	private final AccountService accounts;

	AdminAccountController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("accounts", this.accounts.list());
		model.addAttribute("roles", GlobalRole.values());
		return "admin/accounts";
	}

	@GetMapping("/new")
	String newAccount(Model model) {
		model.addAttribute("form", CreateAccountForm.empty());
		model.addAttribute("roles", GlobalRole.values());
		return "admin/account-new";
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") CreateAccountForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		if (!binding.hasErrors()) {
			try {
				var created = this.accounts.create(form.username(), form.displayName(), form.role(), form.password());
				redirect.addFlashAttribute("notice", "Created " + created.label() + ".");
				return "redirect:/admin/accounts";
			}
			catch (AccountException ex) {
				Forms.reject(binding, ex);
			}
		}
		FormResponses.refused(response);
		model.addAttribute("roles", GlobalRole.values());
		return "admin/account-new";
	}

	@PostMapping("/{id}/enabled")
	String setEnabled(@PathVariable long id, @RequestParam boolean enabled, Principal principal, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return act(model, redirect, response, () -> {
			this.accounts.setEnabled(id, enabled, principal.getName());
			return (enabled ? "Enabled " : "Disabled ") + this.accounts.get(id).label() + ".";
		});
	}

	@PostMapping("/{id}/role")
	String changeRole(@PathVariable long id, @RequestParam GlobalRole role, Principal principal, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return act(model, redirect, response, () -> {
			this.accounts.changeRole(id, role, principal.getName());
			return this.accounts.get(id).label() + " is now " + role + ".";
		});
	}

	@PostMapping("/{id}/password")
	String resetPassword(@PathVariable long id, @RequestParam(defaultValue = "") String newPassword, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return act(model, redirect, response, () -> {
			this.accounts.resetPassword(id, newPassword);
			return "New password set for " + this.accounts.get(id).label() + ".";
		});
	}

	/**
	 * Runs an admin action: done, back to the list with a notice; refused, the list again
	 * with the reason and a 422.
	 */
	private String act(Model model, RedirectAttributes redirect, HttpServletResponse response,
			Supplier<String> action) {
		try {
			redirect.addFlashAttribute("notice", action.get());
			return "redirect:/admin/accounts";
		}
		catch (AccountException ex) {
			FormResponses.refused(response);
			model.addAttribute("problem", ex.getMessage());
			return list(model);
		}
	}

}
