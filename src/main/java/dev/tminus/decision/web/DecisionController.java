package dev.tminus.decision.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.BoardView;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.cutover.CutoverService;
import dev.tminus.decision.Decide;
import dev.tminus.decision.DecisionQueries;
import dev.tminus.decision.DecisionService;
import dev.tminus.decision.DecisionView;
import dev.tminus.decision.GoReadiness;
import dev.tminus.decision.GoRefusedException;
import dev.tminus.risk.RiskQueries;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.shared.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The decision screen: why GO would be refused now, the filled decision statement, the
 * IC's three forms (with password step-up), the recorded decisions and their evidence
 * summaries, and the retry of a NO-GO.
 */
@Controller
class DecisionController {

	private final DecisionService decisions;

	private final DecisionQueries queries;

	private final CutoverQueries cutovers;

	private final CutoverService cutoverService;

	private final RiskQueries risks;

	DecisionController(DecisionService decisions, DecisionQueries queries, CutoverQueries cutovers,
			CutoverService cutoverService, RiskQueries risks) {
		this.risks = risks;
		this.decisions = decisions;
		this.queries = queries;
		this.cutovers = cutovers;
		this.cutoverService = cutoverService;
	}

	@GetMapping("/cutovers/{id}/decision")
	String page(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
		BoardView board = this.cutovers.board(id, me);
		RunbookTemplate template = this.cutovers.template(id);
		model.addAttribute("board", board);
		model.addAttribute("template", template);
		GoReadiness readiness = this.decisions.readiness(id, me);
		model.addAttribute("refusals", readiness.refusals());
		model.addAttribute("earlierFails", readiness.earlierFails());
		model.addAttribute("statement", (template.decisionStatement() != null)
				? ParameterResolver.substitute(template.decisionStatement(), board.parameters()) : null);
		List<DecisionView> decisions = this.queries.forCutover(id);
		model.addAttribute("decisions", decisions);
		if (!model.containsAttribute("retryT0")) {
			// the retry's T-0 starts as the NO-GO's retry_at_utc
			model.addAttribute("retryT0",
					decisions.stream()
						.filter((d) -> d.retryAt() != null)
						.map((d) -> ParameterResolver.format(d.retryAt()))
						.reduce((first, second) -> second)
						.orElse(""));
		}
		model.addAttribute("risks", this.risks.openHighImpact(id));
		return "decision/decide";
	}

	@PostMapping("/cutovers/{id}/decision")
	String decide(@PathVariable long id, @RequestParam(defaultValue = "") String outcome,
			@RequestParam(required = false) String password,
			@RequestParam(required = false) String failureClassification, @RequestParam(required = false) String owner,
			@RequestParam(required = false) String retryAt, @RequestParam(required = false) String unblockCriteria,
			@RequestParam(required = false) String triggerRef, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String notes, @AuthenticationPrincipal CurrentUser me, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			DecisionView decision = this.decisions.decide(id, new Decide(outcome, password, failureClassification,
					owner, retryAt, unblockCriteria, triggerRef, reason, notes), me);
			redirect.addFlashAttribute("notice", decision.outcome().replace('_', '-') + " signed.");
			return "redirect:/cutovers/" + id + "/decision";
		}
		catch (GoRefusedException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			model.addAttribute("problem", "GO refused. Every reason is listed below.");
			model.addAttribute("goRefused", ex.reasons());
		}
		catch (CutoverException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			model.addAttribute("problem", ex.getMessage());
		}
		return page(id, me, model);
	}

	@GetMapping("/cutovers/{id}/decision/summary.txt")
	ResponseEntity<byte[]> summary(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
		this.cutoverService.access(id, me);
		List<DecisionView> decisions = this.queries.forCutover(id);
		if (decisions.isEmpty()) {
			throw new NotFoundException("No decision yet");
		}
		DecisionView last = decisions.get(decisions.size() - 1);
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("cutover-" + id + "-evidence-summary.txt")
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(last.summary().getBytes(StandardCharsets.UTF_8));
	}

	@PostMapping("/cutovers/{id}/retry")
	String retry(@PathVariable long id, @RequestParam(defaultValue = "") String t0,
			@AuthenticationPrincipal CurrentUser me, Model model, HttpServletResponse response) {
		try {
			long retry = this.cutoverService.retry(id, t0, me);
			return "redirect:/cutovers/" + retry;
		}
		catch (CutoverException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			model.addAttribute("problem", ex.getMessage());
			model.addAttribute("retryT0", t0);
			return page(id, me, model);
		}
	}

}
