package dev.tminus.signoff.web;

import java.util.Locale;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.CutoverService;
import dev.tminus.signoff.SignOffQueries;
import dev.tminus.signoff.SignOffService;
import dev.tminus.signoff.SignOffState;

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
 * The sign-offs fragment of a board and the give/refuse form.
 */
@Controller
class SignOffController {

	private final CutoverService cutovers;

	private final SignOffQueries queries;

	private final SignOffService signOffs;

	SignOffController(CutoverService cutovers, SignOffQueries queries, SignOffService signOffs) {
		this.cutovers = cutovers;
		this.queries = queries;
		this.signOffs = signOffs;
	}

	@GetMapping("/cutovers/{id}/signoffs")
	String signOffs(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, CsrfToken csrf, Model model) {
		// the forms need the token: load it (and its session) before the response is
		// committed
		csrf.getToken();
		model.addAttribute("signoffs", this.queries.board(this.cutovers.access(id, me), id));
		return "signoff/signoffs :: signoffs";
	}

	@PostMapping("/cutovers/{id}/signoffs/{key}")
	String sign(@PathVariable long id, @PathVariable String key, @RequestParam(required = false) String state,
			@RequestParam(required = false) String comment, @AuthenticationPrincipal CurrentUser me,
			RedirectAttributes redirect) {
		this.signOffs.sign(id, key, parseState(state), comment, me);
		redirect.addFlashAttribute("notice", "Sign-off recorded.");
		return "redirect:/cutovers/" + id + "#signoffs";
	}

	private static SignOffState parseState(String state) {
		if (state == null || state.isBlank()) {
			return null;
		}
		try {
			return SignOffState.valueOf(state.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new CutoverException("state", "Choose GIVEN or REFUSED.");
		}
	}

}
