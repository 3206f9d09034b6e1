package dev.tminus.cutover;

import java.util.List;
import java.util.Map;

import dev.tminus.runbook.RunbookTemplate.Step;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run parameters go into step instructions after the Markdown is rendered: whatever a
 * value holds, it shows as text, in prose, in code and in a link's address alike.
 */
class InstructionsRenderingTests {

	static final String INSTRUCTIONS = """
			Note: ${NOTE}

			[Dashboard](${DASHBOARD})

			```bash
			deploy --tag ${TAG} --run "$${RUN}"
			```
			""";

	final InstructionsCache cache = new InstructionsCache(10);

	@Test
	void aValueInProseCannotBecomeALinkOrMarkup() {
		String html = render(Map.of("NOTE", "[Approve here](https://evil.example/approve) <b>now</b> `x` *y*",
				"DASHBOARD", "https://grafana.example/d/slo", "TAG", "v1"));

		assertThat(html).doesNotContain("href=\"https://evil.example")
			.doesNotContain("<b>")
			.doesNotContain("<em>")
			.contains("[Approve here](https://evil.example/approve) &lt;b&gt;now&lt;/b&gt;")
			.contains("href=\"https://grafana.example/d/slo\"");
	}

	@Test
	void aValueInACodeBlockCannotCloseItNorAddHtml() {
		String html = render(Map.of("NOTE", "n", "DASHBOARD", "https://grafana.example", "TAG",
				"v1\n```\n<script>alert(1)</script>\n[Approve](https://evil.example)"));

		assertThat(html).containsOnlyOnce("<pre>")
			.doesNotContain("<script")
			.doesNotContain("href=\"https://evil.example")
			.contains("&lt;script&gt;")
			.contains("--run &#34;${RUN}&#34;");
	}

	@Test
	void aLinkAddressStillPassesTheSanitizer() {
		String html = render(Map.of("NOTE", "n", "DASHBOARD", "javascript:alert(1)", "TAG", "v1"));

		assertThat(html).doesNotContain("javascript:").contains("Dashboard");
	}

	private String render(Map<String, String> values) {
		Step step = new Step("DEPLOY", "T-15", "Deploy", "DEPLOYER", INSTRUCTIONS, List.of(), false, List.of(),
				List.of(), null, false);
		return this.cache.html(System.nanoTime(), step, values);
	}

}
