package dev.tminus.cutover.web;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The page after sign-in: the cutovers the person takes part in.
 */
@Controller
class HomeController {

	@GetMapping("/")
	String home(Model model) {
		model.addAttribute("cutovers", List.of());
		return "cutover/home";
	}

}
