package dev.tminus.account.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

	@GetMapping("/login")
	String login(@RequestParam(name = "wait", required = false) String wait, Model model) {
		// the wait comes back in the redirect's query; only a small number is shown
		if (wait != null && wait.matches("\\d{1,5}")) {
			model.addAttribute("waitSeconds", Integer.parseInt(wait));
		}
		else if (wait != null) {
			model.addAttribute("waitSeconds", 1);
		}
		return "account/login";
	}

}
