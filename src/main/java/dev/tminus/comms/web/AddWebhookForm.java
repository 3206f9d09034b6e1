package dev.tminus.comms.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.tminus.comms.NewWebhookEndpoint;
import dev.tminus.comms.WebhookEvent;
import dev.tminus.comms.WebhookException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The "new endpoint" form. {@code events} are the keys of subscribable events
 * ({@code decision}, {@code trigger}...). The service checks everything again.
 */
record AddWebhookForm(
		@NotBlank(message = "Name the endpoint.") @Size(max = 100,
				message = "Use at most 100 characters for the name.") String name,
		@NotBlank(message = "Enter the URL to post to.") @Size(max = 2000,
				message = "Use at most 2000 characters for the URL.") @Pattern(regexp = "(?is)^\\s*https?://.*",
						message = "Use an http:// or https:// URL.") String url,
		@Size(max = 200, message = "Use at most 200 characters for the secret.") String secret,
		@NotEmpty(message = "Choose at least one event.") List<String> events) {

	static AddWebhookForm empty() {
		return new AddWebhookForm("", "", "", List.of(WebhookEvent.DECISION.key(), WebhookEvent.TRIGGER.key()));
	}

	NewWebhookEndpoint command() {
		Set<WebhookEvent> chosen = new LinkedHashSet<>();
		for (String key : (this.events != null) ? this.events : List.<String>of()) {
			chosen.add(WebhookEvent.fromKey(key)
				.filter(WebhookEvent::subscribable)
				.orElseThrow(() -> new WebhookException("events", "There is no event '" + key + "' to subscribe to.")));
		}
		return new NewWebhookEndpoint(this.name, this.url, this.secret, chosen);
	}

}
