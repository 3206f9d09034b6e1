package dev.tminus.risk.web;

import java.util.Locale;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.CutoverService;
import dev.tminus.risk.NewRisk;
import dev.tminus.risk.RiskQueries;
import dev.tminus.risk.RiskService;
import dev.tminus.risk.RiskStatus;

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
 * The risk log fragment of a board, adding a risk and changing a risk's status.
 */
@Controller
class RiskController {

	private final CutoverService cutovers;

	private final RiskQueries queries;

	private final RiskService risks;

	RiskController(CutoverService cutovers, RiskQueries queries, RiskService risks) {
		this.cutovers = cutovers;
		this.queries = queries;
		this.risks = risks;
	}

	@GetMapping("/cutovers/{id}/risks")
	String risks(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, CsrfToken csrf, Model model) {
		// the forms need the token: load it (and its session) before the response is
		// committed
		csrf.getToken();
		model.addAttribute("risks", this.queries.board(this.cutovers.access(id, me), id));
		return "risk/risks :: risks";
	}

	@PostMapping("/cutovers/{id}/risks")
	String add(@PathVariable long id, @RequestParam(required = false) String description,
			@RequestParam(required = false) String likelihood, @RequestParam(required = false) String impact,
			@RequestParam(required = false) String ownerRole, @RequestParam(required = false) String mitigation,
			@AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect) {
		String key = this.risks.add(id, new NewRisk(description, likelihood, impact, ownerRole, mitigation), me);
		redirect.addFlashAttribute("notice", "Risk " + key + " added.");
		return "redirect:/cutovers/" + id + "#risks";
	}

	@PostMapping("/cutovers/{id}/risks/{key}/status")
	String changeStatus(@PathVariable long id, @PathVariable String key, @RequestParam(required = false) String status,
			@RequestParam(required = false) String note, @AuthenticationPrincipal CurrentUser me,
			RedirectAttributes redirect) {
		this.risks.changeStatus(id, key, parseStatus(status), note, me);
		redirect.addFlashAttribute("notice", "Risk " + key + " updated.");
		return "redirect:/cutovers/" + id + "#risks";
	}

	private static RiskStatus parseStatus(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return RiskStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new CutoverException("status", "Choose OPEN, MITIGATED or CLOSED.");
		}
	}

}
