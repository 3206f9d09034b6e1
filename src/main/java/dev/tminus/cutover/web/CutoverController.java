package dev.tminus.cutover.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.BoardView;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.CutoverKind;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.NewCutover;
import dev.tminus.cutover.RecordStep;
import dev.tminus.cutover.StepStatus;
import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.shared.web.FormResponses;
import dev.tminus.timeline.TimelineKind;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Cutovers: creating one, its board (page or, for htmx, one of its fragments), roles,
 * start and step records. Thin: every rule is in {@link CutoverService}.
 */
@Controller
class CutoverController {

	static final String HX_REQUEST = "HX-Request";

	private final CutoverService cutovers;

	private final CutoverQueries queries;

	private final RunbookCatalog catalog;

	CutoverController(CutoverService cutovers, CutoverQueries queries, RunbookCatalog catalog) {
		this.cutovers = cutovers;
		this.queries = queries;
		this.catalog = catalog;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("cutovers", this.queries.visibleTo(me));
		return "cutover/home";
	}

	@GetMapping("/cutovers/new")
	String newCutover(@RequestParam(required = false) String template, Model model) {
		model.addAttribute("form", CreateCutoverForm.forTemplate(template));
		return formPage(template, Map.of(), model);
	}

	@PostMapping("/cutovers")
	String create(@Valid @ModelAttribute("form") CreateCutoverForm form, BindingResult binding,
			@RequestParam Map<String, String> params, @AuthenticationPrincipal CurrentUser me, Model model,
			HttpServletResponse response) {
		Map<String, String> inputs = prefixed(params, "input.");
		if (!binding.hasErrors()) {
			try {
				long id = this.cutovers.create(new NewCutover(form.templateKey(), form.name(), form.environment(),
						form.releaseRef(), form.kind(), form.t0(), inputs), me);
				return "redirect:/cutovers/" + id;
			}
			catch (CutoverException ex) {
				if (ex.field() != null && !ex.field().equals("inputs")) {
					binding.rejectValue(ex.field(), "invalid", ex.getMessage());
				}
				else {
					binding.reject("invalid", ex.getMessage());
				}
			}
		}
		FormResponses.refused(response);
		return formPage(form.templateKey(), inputs, model);
	}

	private String formPage(String templateKey, Map<String, String> inputs, Model model) {
		model.addAttribute("templates", this.catalog.current());
		model.addAttribute("kinds", CutoverKind.values());
		model.addAttribute("inputs", inputs);
		model.addAttribute("chosen", (templateKey != null) ? this.catalog.current(templateKey).orElse(null) : null);
		return "cutover/new";
	}

	/** The board; an htmx request with {@code fragment} gets only that part. */
	@GetMapping("/cutovers/{id}")
	String board(@PathVariable long id, @RequestParam(required = false) String fragment,
			@RequestParam(required = false) TimelineKind kind,
			@RequestHeader(name = HX_REQUEST, required = false) String htmx, @AuthenticationPrincipal CurrentUser me,
			Model model) {
		boolean withTimeline = htmx == null || fragment == null || "timeline".equals(fragment);
		model.addAttribute("board", this.queries.board(id, me, (kind != null) ? Set.of(kind) : Set.of(), withTimeline));
		model.addAttribute("kinds", TimelineKind.values());
		model.addAttribute("kind", kind);
		if (htmx != null && fragment != null) {
			return switch (fragment) {
				case "header" -> "cutover/board :: header";
				case "roles" -> "cutover/board :: roles";
				case "phases" -> "cutover/board :: phases";
				case "timeline" -> "cutover/board :: timeline";
				default -> "cutover/board";
			};
		}
		return "cutover/board";
	}

	@GetMapping("/cutovers/{id}/steps/{stepKey}/form")
	String stepForm(@PathVariable long id, @PathVariable String stepKey, @AuthenticationPrincipal CurrentUser me,
			Model model) {
		BoardView board = this.queries.board(id, me);
		model.addAttribute("board", board);
		model.addAttribute("step", BoardSteps.find(board, stepKey));
		return "cutover/step-form :: form";
	}

	@PostMapping("/cutovers/{id}/steps/{stepKey}")
	String recordStep(@PathVariable long id, @PathVariable String stepKey,
			@RequestParam(required = false) String status, @RequestParam(defaultValue = "-1") long version,
			@RequestParam(required = false) String note, @RequestParam Map<String, String> params,
			@RequestHeader(name = HX_REQUEST, required = false) String htmx, @AuthenticationPrincipal CurrentUser me,
			HttpServletResponse response, RedirectAttributes redirect) {
		this.cutovers.recordStep(id, stepKey,
				new RecordStep(parseStatus(status), prefixed(params, "field."), note, version), me);
		if (htmx != null) {
			response.setHeader("HX-Trigger", "step-recorded");
			return "cutover/step-form :: recorded";
		}
		redirect.addFlashAttribute("notice", "Recorded.");
		return "redirect:/cutovers/" + id;
	}

	@PostMapping("/cutovers/{id}/notes")
	String addNote(@PathVariable long id, @RequestParam(required = false) String text,
			@RequestParam(required = false) String tag, @AuthenticationPrincipal CurrentUser me,
			RedirectAttributes redirect) {
		this.cutovers.addNote(id, text, tag, me);
		redirect.addFlashAttribute("notice", "Note added to the timeline.");
		return "redirect:/cutovers/" + id + "#timeline";
	}

	@PostMapping("/cutovers/{id}/start")
	String start(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect) {
		this.cutovers.start(id, me);
		redirect.addFlashAttribute("notice", "Cutover started: the war room is open.");
		return "redirect:/cutovers/" + id;
	}

	@PostMapping("/cutovers/{id}/roles")
	String assignRole(@PathVariable long id, @RequestParam(defaultValue = "") String roleKey,
			@RequestParam(defaultValue = "") String username, @AuthenticationPrincipal CurrentUser me,
			RedirectAttributes redirect) {
		this.cutovers.assignRole(id, roleKey, username.strip(), me);
		redirect.addFlashAttribute("notice", "Role assigned.");
		return "redirect:/cutovers/" + id + "#roles";
	}

	@PostMapping("/cutovers/{id}/roles/{assignmentId}/remove")
	String removeRole(@PathVariable long id, @PathVariable long assignmentId, @AuthenticationPrincipal CurrentUser me,
			RedirectAttributes redirect) {
		this.cutovers.removeRole(id, assignmentId, me);
		redirect.addFlashAttribute("notice", "Role removed.");
		return "redirect:/cutovers/" + id + "#roles";
	}

	@PostMapping("/cutovers/{id}/roles/{assignmentId}/handover")
	String handOver(@PathVariable long id, @PathVariable long assignmentId,
			@RequestParam(defaultValue = "") String toUsername, @RequestParam(required = false) String reason,
			@AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect) {
		if (reason != null && reason.length() > 500) {
			throw new CutoverException("reason", "Use at most 500 characters for the reason.");
		}
		this.cutovers.handOver(id, assignmentId, toUsername.strip(), reason, me);
		redirect.addFlashAttribute("notice", "Role handed over.");
		return "redirect:/cutovers/" + id + "#roles";
	}

	private static StepStatus parseStatus(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return StepStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new CutoverException("status", "Choose PASS, FAIL or N/A.");
		}
	}

	private static Map<String, String> prefixed(Map<String, String> params, String prefix) {
		Map<String, String> values = new LinkedHashMap<>();
		params.forEach((key, value) -> {
			if (key.startsWith(prefix)) {
				values.put(key.substring(prefix.length()), value);
			}
		});
		return values;
	}

}
