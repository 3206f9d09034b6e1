package dev.tminus.window.web;

import dev.tminus.account.CurrentUser;
import dev.tminus.window.WindowQueries;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The rollback window fragment of a board: window end, point of no return, countdown.
 */
@Controller
class WindowController {

	private final WindowQueries windows;

	WindowController(WindowQueries windows) {
		this.windows = windows;
	}

	@GetMapping("/cutovers/{id}/window")
	String window(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("window", this.windows.view(id, me));
		return "window/window :: window";
	}

}
