package dev.tminus.account.web;

import dev.tminus.account.AccountProperties;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

	private final AccountProperties properties;

	LoginController(AccountProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("lockMinutes", this.properties.lockDuration().toMinutes());
		model.addAttribute("maxAttempts", this.properties.maxFailedAttempts());
		return "account/login";
	}

}
