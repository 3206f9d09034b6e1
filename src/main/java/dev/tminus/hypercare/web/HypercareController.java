package dev.tminus.hypercare.web;

import java.util.Locale;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverException;
import dev.tminus.hypercare.CheckStatus;
import dev.tminus.hypercare.FileControlReport;
import dev.tminus.hypercare.HypercareQueries;
import dev.tminus.hypercare.HypercareService;
import dev.tminus.hypercare.RecordCheck;
import dev.tminus.hypercare.TickCriterion;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The hypercare view (page, or for htmx its fragment, or the board's compact section),
 * recording a check, filing the control report and ticking a completion criterion. Thin:
 * every rule is in {@link HypercareService}.
 */
@Controller
class HypercareController {

	static final String HX_REQUEST = "HX-Request";

	private final HypercareQueries queries;

	private final HypercareService hypercare;

	HypercareController(HypercareQueries queries, HypercareService hypercare) {
		this.queries = queries;
		this.hypercare = hypercare;
	}

	@GetMapping("/cutovers/{id}/hypercare")
	String view(@PathVariable long id, @RequestParam(required = false) String fragment,
			@RequestHeader(name = HX_REQUEST, required = false) String htmx, @AuthenticationPrincipal CurrentUser me,
			CsrfToken csrf, Model model) {
		// the forms need the token: load it (and its session) before the response is
		// committed
		csrf.getToken();
		model.addAttribute("hypercare", this.queries.view(id, me));
		return view(htmx, fragment);
	}

	static String view(String htmx, String fragment) {
		if ("board".equals(fragment)) {
			return "hypercare/board :: board";
		}
		return (htmx != null) ? "hypercare/hypercare :: hypercare" : "hypercare/hypercare";
	}

	@PostMapping("/cutovers/{id}/hypercare/checks")
	String recordCheck(@PathVariable long id, @RequestParam(required = false) String checkId,
			@RequestParam(required = false) String status, @RequestParam(required = false) String note,
			@AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect) {
		this.hypercare.recordCheck(id, new RecordCheck(parseId(checkId), parseStatus(status), note), me);
		redirect.addFlashAttribute("notice", "Hypercare check recorded.");
		return "redirect:/cutovers/" + id + "/hypercare";
	}

	@PostMapping("/cutovers/{id}/hypercare/report")
	String fileReport(@PathVariable long id, @RequestParam(required = false) String summary,
			@RequestParam(required = false) String metrics, @RequestParam(required = false) String actions,
			@AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect) {
		this.hypercare.fileControlReport(id, new FileControlReport(summary, metrics, actions), me);
		redirect.addFlashAttribute("notice", "Control report filed.");
		return "redirect:/cutovers/" + id + "/hypercare#reports";
	}

	@PostMapping("/cutovers/{id}/hypercare/ticks")
	String tick(@PathVariable long id, @RequestParam(required = false) String criterionKey,
			@RequestParam(required = false) String note, @AuthenticationPrincipal CurrentUser me,
			RedirectAttributes redirect) {
		boolean complete = this.hypercare.tick(id, new TickCriterion(criterionKey, note), me);
		redirect.addFlashAttribute("notice",
				complete ? "Criterion ticked: the go-live is COMPLETE." : "Criterion ticked.");
		return "redirect:/cutovers/" + id + "/hypercare#criteria";
	}

	private static Long parseId(String checkId) {
		if (checkId == null || checkId.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(checkId.strip());
		}
		catch (NumberFormatException ex) {
			throw new CutoverException("checkId", "Choose one of the listed checks.");
		}
	}

	private static CheckStatus parseStatus(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return CheckStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new CutoverException("status", "Choose OK or ISSUE.");
		}
	}

}
