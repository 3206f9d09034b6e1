package dev.tminus.trigger.web;

import java.util.Locale;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.CutoverService;
import dev.tminus.runbook.RunbookTemplate.TriggerAction;
import dev.tminus.trigger.ReportTrigger;
import dev.tminus.trigger.TriggerQueries;
import dev.tminus.trigger.TriggerService;

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
 * The triggers fragment of a board and the "trigger observed" form.
 */
@Controller
class TriggerController {

	private final CutoverService cutovers;

	private final TriggerQueries queries;

	private final TriggerService triggers;

	TriggerController(CutoverService cutovers, TriggerQueries queries, TriggerService triggers) {
		this.cutovers = cutovers;
		this.queries = queries;
		this.triggers = triggers;
	}

	@GetMapping("/cutovers/{id}/triggers")
	String triggers(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, CsrfToken csrf, Model model) {
		// the forms need the token: load it (and its session) before the response is
		// committed
		csrf.getToken();
		model.addAttribute("triggers", this.queries.board(this.cutovers.access(id, me), id));
		return "trigger/triggers :: triggers";
	}

	@PostMapping("/cutovers/{id}/triggers")
	String report(@PathVariable long id, @RequestParam(required = false) String key,
			@RequestParam(required = false) String title, @RequestParam(required = false) String action,
			@RequestParam(required = false) String note, @AuthenticationPrincipal CurrentUser me,
			RedirectAttributes redirect) {
		this.triggers.report(id, new ReportTrigger(key, title, parseAction(action), note), me);
		redirect.addFlashAttribute("notice", "Trigger reported.");
		return "redirect:/cutovers/" + id + "#triggers";
	}

	private static TriggerAction parseAction(String action) {
		if (action == null || action.isBlank()) {
			return null;
		}
		try {
			return TriggerAction.valueOf(action.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new CutoverException("action", "Choose immediate rollback or monitor.");
		}
	}

}
