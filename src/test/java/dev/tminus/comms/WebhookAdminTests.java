package dev.tminus.comms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;
import dev.tminus.comms.internal.WebhookDispatcher;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code /admin/webhooks}: admins configure endpoints and read the delivery log; nobody
 * else gets in; bad input is a message on the form; a secret is never shown again.
 */
@IntegrationTest
class WebhookAdminTests {

	static final String SECRET = "do-not-show-me-7f3a9c";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	WebhookService service;

	@Autowired
	WebhookDispatcher dispatcher;

	@Autowired
	JdbcClient jdbc;

	TestWebhooks webhooks;

	AccountView admin;

	@BeforeEach
	void anAdmin() {
		this.webhooks = new TestWebhooks(this.service, this.jdbc, this.accounts, this.cutovers);
		this.webhooks.disableAllEndpoints();
		this.admin = this.accounts.create("admin", GlobalRole.ADMIN);
	}

	@AfterEach
	void leaveNoEndpointEnabled() {
		// the database is shared: decisions of later tests fill no outbox for these
		// endpoints
		this.webhooks.disableAllEndpoints();
	}

	@Test
	void anAdminAddsAnEndpointAndSeesItListedWithoutItsSecret() throws Exception {
		String name = "Slack #cutover " + this.admin.username();
		this.mvc
			.perform(add(this.admin).param("name", name)
				.param("url", "https://hooks.slack.example/services/T000/B000/XXXX")
				.param("secret", SECRET)
				.param("events", "decision", "trigger"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/admin/webhooks"));

		this.mvc.perform(get("/admin/webhooks").with(this.accounts.as(this.admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(name),
					containsString("https://hooks.slack.example/services/T000/B000/XXXX"), containsString("signed"),
					containsString("decision, trigger"), not(containsString(SECRET)))));
		assertThat(this.jdbc.sql("select secret from webhook_endpoint where name = ?")
			.param(name)
			.query(String.class)
			.single()).as("kept to sign").isEqualTo(SECRET);
		assertThat(this.jdbc.sql("select events::text from webhook_endpoint where name = ?")
			.param(name)
			.query(String.class)
			.single()).isEqualTo("{decision,trigger}");
	}

	@Test
	void theNewEndpointFormOffersEverySubscribableEvent() throws Exception {
		this.mvc.perform(get("/admin/webhooks/new").with(this.accounts.as(this.admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("value=\"broadcast\""),
					containsString("value=\"decision\""), containsString("value=\"trigger\""),
					containsString("value=\"overdue_check\""), not(containsString("value=\"ping\"")))));
	}

	@Test
	void badInputIsRefusedWithAMessageOnTheFormAndNothingIsSavedNorTheSecretShownBack() throws Exception {
		String name = "Refused " + this.admin.username();
		record Case(String field, String value, String message) {
		}
		for (Case bad : List.of(new Case("url", "ftp://files.example/hook", "Use an http:// or https:// URL."),
				new Case("url", "javascript:alert(1)", "Use an http:// or https:// URL."),
				new Case("url", "https://" + "a".repeat(2000) + ".example", "Use at most 2000 characters for the URL."),
				new Case("url", "https:///hook", "The URL needs a host name"),
				new Case("url", "https://exa mple.com/hook", "This is not a valid URL"),
				new Case("url", "https://user:pw@hooks.example/x", "Leave user name and password out of the URL"),
				new Case("url", "", "Enter the URL to post to."), new Case("name", " ", "Name the endpoint."),
				new Case("name", "n".repeat(101), "Use at most 100 characters for the name."),
				new Case("secret", "s".repeat(201), "Use at most 200 characters for the secret."),
				new Case("events", "ping", "There is no event"), new Case("events", "bogus", "There is no event"))) {
			Map<String, String> form = new LinkedHashMap<>(Map.of("name", name, "url", "https://hooks.example/t-minus",
					"secret", SECRET, "events", "decision"));
			form.put(bad.field(), bad.value());
			MockHttpServletRequestBuilder request = add(this.admin);
			form.forEach(request::param);
			this.mvc.perform(request)
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().string(allOf(containsString(bad.message()), not(containsString(SECRET)),
						containsString("id=\"webhook-form\""))));
		}
		this.mvc
			.perform(add(this.admin).param("name", name)
				.param("url", "https://hooks.example/t-minus")
				.param("secret", SECRET))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Choose at least one event.")));
		assertThat(this.jdbc.sql("select count(*) from webhook_endpoint where name = ?")
			.param(name)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aSecondEndpointWithTheSameNameIsRefused() throws Exception {
		String name = "Twice " + this.admin.username();
		for (int expected : new int[] { 302, 422 }) {
			this.mvc
				.perform(add(this.admin).param("name", name)
					.param("url", "https://hooks.example/t-minus")
					.param("events", "decision"))
				.andExpect(status().is(expected));
		}
		this.mvc
			.perform(add(this.admin).param("name", name.toUpperCase())
				.param("url", "https://hooks.example/t-minus")
				.param("events", "decision"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("exists already")));
	}

	@Test
	void membersAndAuditorsAreRefusedAndAnonymousVisitorsAreSentToSignIn() throws Exception {
		long endpoint = this.webhooks.endpoint("https://hooks.example/t-minus", null, WebhookEvent.DECISION);
		for (AccountView outsider : List.of(this.accounts.member("member"), this.accounts.auditor("auditor"))) {
			for (String page : List.of("/admin/webhooks", "/admin/webhooks/new")) {
				this.mvc.perform(get(page).with(this.accounts.as(outsider))).andExpect(status().isForbidden());
			}
			this.mvc
				.perform(add(outsider).param("name", "Outsider's " + outsider.username())
					.param("url", "https://evil.example/")
					.param("events", "decision"))
				.andExpect(status().isForbidden());
			this.mvc
				.perform(post("/admin/webhooks/{id}/enabled", endpoint).with(this.accounts.as(outsider))
					.with(csrf())
					.param("enabled", "false"))
				.andExpect(status().isForbidden());
			this.mvc.perform(post("/admin/webhooks/{id}/ping", endpoint).with(this.accounts.as(outsider)).with(csrf()))
				.andExpect(status().isForbidden());
		}
		this.mvc.perform(get("/admin/webhooks")).andExpect(redirectedUrl("/login"));
		assertThat(this.jdbc.sql("select enabled from webhook_endpoint where id = ?")
			.param(endpoint)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(this.webhooks.deliveriesOf(endpoint)).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from webhook_endpoint where name like 'Outsider''s %'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anAdminDisablesAndEnablesAnEndpoint() throws Exception {
		long endpoint = this.webhooks.endpoint("https://hooks.example/t-minus", null, WebhookEvent.DECISION);
		this.mvc
			.perform(post("/admin/webhooks/{id}/enabled", endpoint).with(this.accounts.as(this.admin))
				.with(csrf())
				.param("enabled", "false"))
			.andExpect(redirectedUrl("/admin/webhooks"));
		assertThat(enabled(endpoint)).isFalse();
		this.mvc
			.perform(post("/admin/webhooks/{id}/enabled", endpoint).with(this.accounts.as(this.admin))
				.with(csrf())
				.param("enabled", "true"))
			.andExpect(redirectedUrl("/admin/webhooks"));
		assertThat(enabled(endpoint)).isTrue();
		this.mvc
			.perform(post("/admin/webhooks/{id}/enabled", Long.MAX_VALUE).with(this.accounts.as(this.admin))
				.with(csrf())
				.param("enabled", "true"))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/admin/webhooks/{id}/enabled", endpoint).with(this.accounts.as(this.admin))
				.with(csrf())
				.param("enabled", "perhaps"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aTestPingIsQueuedShownInTheLogAndPosted() throws Exception {
		try (TestReceiver receiver = TestReceiver.answering((n) -> 200)) {
			long endpoint = this.webhooks.endpoint(receiver.url(), null, WebhookEvent.TRIGGER);
			this.mvc
				.perform(post("/admin/webhooks/{id}/ping", endpoint).with(this.accounts.as(this.admin)).with(csrf()))
				.andExpect(redirectedUrl("/admin/webhooks"));
			long id = this.webhooks.deliveriesOf(endpoint).get(0);
			this.mvc
				.perform(get("/admin/webhooks").param("endpoint", Long.toString(endpoint))
					.with(this.accounts.as(this.admin)))
				.andExpect(content().string(allOf(containsString("data-delivery=\"" + id + "\""),
						containsString("data-status=\"PENDING\""), containsString("1 of 1"))));

			assertThat(this.dispatcher.dispatchDue()).isEqualTo(1);

			assertThat(receiver.received()).singleElement()
				.satisfies((request) -> assertThat(request.text()).contains("\"event\":\"ping\"")
					.contains(":wave: Test ping from T-Minus"));
			this.mvc.perform(get("/admin/webhooks/deliveries/{id}", id).with(this.accounts.as(this.admin)))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("DELIVERED"), containsString("HTTP 200"),
						containsString("&quot;event&quot;:&quot;ping&quot;"))));
		}
	}

	@Test
	void aPingToADisabledEndpointIsRefusedWithTheReason() throws Exception {
		long endpoint = this.webhooks.endpoint("https://hooks.example/t-minus", null, WebhookEvent.DECISION);
		this.service.setEnabled(endpoint, false, this.webhooks.admin());
		this.mvc.perform(post("/admin/webhooks/{id}/ping", endpoint).with(this.accounts.as(this.admin)).with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("to send it a test ping")));
		assertThat(this.webhooks.deliveriesOf(endpoint)).isEmpty();
	}

	@Test
	void theDeliveryLogIsPagedNewestFirst() throws Exception {
		long endpoint = this.webhooks.endpoint("https://hooks.example/t-minus", null, WebhookEvent.DECISION);
		for (int i = 0; i < WebhookQueries.PAGE_SIZE + 3; i++) {
			this.service.ping(endpoint, this.webhooks.admin());
		}
		List<Long> ids = this.webhooks.deliveriesOf(endpoint);
		String first = this.mvc
			.perform(get("/admin/webhooks").param("endpoint", Long.toString(endpoint))
				.with(this.accounts.as(this.admin)))
			.andExpect(content().string(allOf(containsString("1–50 of 53"), containsString("id=\"next-page\""))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(first.indexOf("data-delivery=\"" + ids.get(ids.size() - 1) + "\""))
			.isLessThan(first.indexOf("data-delivery=\"" + ids.get(ids.size() - 2) + "\""))
			.isPositive();
		assertThat(first).doesNotContain("data-delivery=\"" + ids.get(2) + "\"");
		this.mvc
			.perform(get("/admin/webhooks").param("endpoint", Long.toString(endpoint))
				.param("page", "2")
				.with(this.accounts.as(this.admin)))
			.andExpect(content().string(allOf(containsString("51–53 of 53"),
					containsString("data-delivery=\"" + ids.get(0) + "\""), not(containsString("id=\"next-page\"")))));
		this.mvc.perform(get("/admin/webhooks").param("page", "x").with(this.accounts.as(this.admin)))
			.andExpect(status().isBadRequest());
	}

	private MockHttpServletRequestBuilder add(AccountView who) {
		return post("/admin/webhooks").with(this.accounts.as(who)).with(csrf());
	}

	private boolean enabled(long endpoint) {
		return this.jdbc.sql("select enabled from webhook_endpoint where id = ?")
			.param(endpoint)
			.query(Boolean.class)
			.single();
	}

}
