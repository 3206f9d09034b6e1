package dev.tminus.comms.web;

import java.util.function.Supplier;

import dev.tminus.account.CurrentUser;
import dev.tminus.comms.WebhookEvent;
import dev.tminus.comms.WebhookException;
import dev.tminus.comms.WebhookQueries;
import dev.tminus.comms.WebhookService;
import dev.tminus.shared.web.FormResponses;
import dev.tminus.shared.web.NotFoundException;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Webhook administration: endpoints, test pings and the delivery log. Admin-only by URL
 * (security configuration) and in the service.
 */
@Controller
@RequestMapping("/admin/webhooks")
class AdminWebhookController {

	private final WebhookService webhooks;

	private final WebhookQueries queries;

	AdminWebhookController(WebhookService webhooks, WebhookQueries queries) {
		this.webhooks = webhooks;
		this.queries = queries;
	}

	@GetMapping
	String list(@RequestParam(name = "endpoint", required = false) Long endpointId,
			@RequestParam(defaultValue = "1") int page, Model model) {
		model.addAttribute("endpoints", this.queries.endpoints());
		model.addAttribute("log", this.queries.deliveries(endpointId, page));
		return "admin/webhooks";
	}

	@GetMapping("/new")
	String newEndpoint(Model model) {
		model.addAttribute("form", AddWebhookForm.empty());
		model.addAttribute("events", WebhookEvent.subscribableEvents());
		return "admin/webhook-new";
	}

	@PostMapping
	String add(@Valid @ModelAttribute("form") AddWebhookForm form, BindingResult binding,
			@AuthenticationPrincipal CurrentUser me, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		if (!binding.hasErrors()) {
			try {
				this.webhooks.addEndpoint(form.command(), me);
				redirect.addFlashAttribute("notice", "Added webhook endpoint '" + form.name().strip() + "'.");
				return "redirect:/admin/webhooks";
			}
			catch (WebhookException ex) {
				if (ex.field() != null) {
					binding.rejectValue(ex.field(), "invalid", ex.getMessage());
				}
				else {
					binding.reject("invalid", ex.getMessage());
				}
			}
		}
		// the page shows the form again without the secret: it is never sent back
		FormResponses.refused(response);
		model.addAttribute("events", WebhookEvent.subscribableEvents());
		return "admin/webhook-new";
	}

	@PostMapping("/{id}/enabled")
	String setEnabled(@PathVariable long id, @RequestParam boolean enabled, @AuthenticationPrincipal CurrentUser me,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return act(model, redirect, response, () -> {
			this.webhooks.setEnabled(id, enabled, me);
			return (enabled ? "Enabled" : "Disabled") + " webhook endpoint " + id
					+ (enabled ? "." : ": it gets no new deliveries and its pending ones wait.");
		});
	}

	@PostMapping("/{id}/ping")
	String ping(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return act(model, redirect, response, () -> {
			long delivery = this.webhooks.ping(id, me);
			return "Test ping queued as delivery " + delivery + "; it is posted within seconds.";
		});
	}

	@GetMapping("/deliveries/{deliveryId}")
	String delivery(@PathVariable long deliveryId, Model model) {
		model.addAttribute("delivery", this.queries.delivery(deliveryId)
			.orElseThrow(() -> new NotFoundException("No webhook delivery " + deliveryId)));
		model.addAttribute("attempts", this.queries.attempts(deliveryId));
		model.addAttribute("body", this.queries.body(deliveryId).orElse(""));
		return "admin/webhook-delivery";
	}

	/**
	 * Runs an admin action: done, back to the list with a notice; refused, the list again
	 * with the reason and a 422.
	 */
	private String act(Model model, RedirectAttributes redirect, HttpServletResponse response,
			Supplier<String> action) {
		try {
			redirect.addFlashAttribute("notice", action.get());
			return "redirect:/admin/webhooks";
		}
		catch (WebhookException ex) {
			FormResponses.refused(response);
			model.addAttribute("problem", ex.getMessage());
			return list(null, 1, model);
		}
	}

}
