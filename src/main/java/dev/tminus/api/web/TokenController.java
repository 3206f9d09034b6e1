package dev.tminus.api.web;

import java.util.ArrayList;
import java.util.List;

import dev.tminus.account.CurrentUser;
import dev.tminus.api.ApiScope;
import dev.tminus.api.ApiTokenException;
import dev.tminus.api.ApiTokenService;
import dev.tminus.api.NewApiToken;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Your personal access tokens: create one (shown once), see when each was last used,
 * revoke it.
 */
@Controller
class TokenController {

	private final ApiTokenService tokens;

	private final java.time.Clock clock;

	TokenController(ApiTokenService tokens, java.time.Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	@GetMapping("/account/tokens")
	String page(@AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("tokens", this.tokens.tokensOf(me));
		model.addAttribute("scopes", ApiScope.values());
		model.addAttribute("now", this.clock.instant());
		return "account/tokens";
	}

	@PostMapping("/account/tokens")
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String days,
			@RequestParam(name = "scope", required = false) List<String> scopes,
			@AuthenticationPrincipal CurrentUser me, Model model, HttpServletResponse response) {
		try {
			List<ApiScope> chosen = new ArrayList<>();
			for (String value : (scopes != null) ? scopes : List.<String>of()) {
				chosen.add(ApiScope.of(value)
					.orElseThrow(() -> new ApiTokenException("There is no scope " + value + ".")));
			}
			int lifetime;
			try {
				lifetime = Integer.parseInt(days.strip());
			}
			catch (NumberFormatException ex) {
				throw new ApiTokenException(
						"Give the token's lifetime in days (1 to " + ApiTokenService.MAX_DAYS + ").");
			}
			NewApiToken created = this.tokens.create(name, lifetime, chosen, me);
			model.addAttribute("created", created);
			model.addAttribute("notice", "Token created. Copy it now: it is not shown again.");
		}
		catch (ApiTokenException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			model.addAttribute("problem", ex.getMessage());
		}
		return page(me, model);
	}

	@PostMapping("/account/tokens/{tokenId}/revoke")
	String revoke(@PathVariable long tokenId, @AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect) {
		this.tokens.revoke(tokenId, me);
		redirect.addFlashAttribute("notice", "Token revoked: it no longer works.");
		return "redirect:/account/tokens";
	}

}
