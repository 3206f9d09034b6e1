package dev.tminus.audit.stats.web;

import dev.tminus.account.CurrentUser;
import dev.tminus.audit.stats.StatsQueries;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * "Across cutovers": figures over the cutovers the viewer may read. Open to everyone
 * signed in; what each one sees is decided by {@link StatsQueries}.
 */
@Controller
class StatsController {

	private final StatsQueries queries;

	StatsController(StatsQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/audit/stats")
	String stats(@ModelAttribute("form") StatsForm form, @AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("stats", this.queries.stats(form.filter(), me));
		return "audit/stats";
	}

}
