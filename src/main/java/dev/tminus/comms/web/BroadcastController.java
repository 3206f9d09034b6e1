package dev.tminus.comms.web;

import dev.tminus.account.CurrentUser;
import dev.tminus.comms.AlertQueries;
import dev.tminus.comms.BroadcastQueries;
import dev.tminus.comms.BroadcastService;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The board's communications card (offers, sent broadcasts, next update due) and its
 * banners: fragments the board loads and re-fetches on live signals. A refused post shows
 * why on the board ({@link CommsWebAdvice}).
 */
@Controller
class BroadcastController {

	private final BroadcastQueries queries;

	private final BroadcastService broadcasts;

	private final AlertQueries alerts;

	BroadcastController(BroadcastQueries queries, BroadcastService broadcasts, AlertQueries alerts) {
		this.queries = queries;
		this.broadcasts = broadcasts;
		this.alerts = alerts;
	}

	@GetMapping("/cutovers/{id}/comms")
	String card(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, CsrfToken csrf, Model model) {
		// the forms need the token: load it (and its session) before the response is
		// committed
		csrf.getToken();
		model.addAttribute("comms", this.queries.card(id, me));
		return "comms/comms :: comms";
	}

	@PostMapping("/cutovers/{id}/broadcasts")
	String post(@PathVariable long id, @RequestParam(required = false) String messageKey,
			@RequestParam(required = false) String text, @AuthenticationPrincipal CurrentUser me,
			RedirectAttributes redirect) {
		this.broadcasts.post(id, messageKey, text, me);
		redirect.addFlashAttribute("notice", "Broadcast sent.");
		return "redirect:/cutovers/" + id + "#comms";
	}

	@GetMapping("/cutovers/{id}/alerts")
	String alerts(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("alerts", this.alerts.alerts(id, me));
		return "comms/comms :: alerts";
	}

}
