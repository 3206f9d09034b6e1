package dev.tminus.shared.web;

import java.util.List;
import java.util.Map;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

import org.springframework.web.util.HtmlUtils;

/**
 * Markdown from runbook templates to HTML that is safe to show: raw HTML in the source is
 * escaped, links are limited to safe schemes, and the result passes an allow-list
 * sanitizer as well.
 */
public final class Markdown {

	private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());

	private static final Parser parser = Parser.builder().extensions(EXTENSIONS).build();

	private static final HtmlRenderer renderer = HtmlRenderer.builder()
		.extensions(EXTENSIONS)
		.escapeHtml(true)
		.sanitizeUrls(true)
		.build();

	private static final PolicyFactory policy = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.LINKS)
		.and(Sanitizers.TABLES)
		.and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr", "br")
			.allowAttributes("class")
			.matching(false, "language-bash", "language-sh", "language-yaml", "language-json", "language-text",
					"language-python", "language-sql")
			.onElements("code")
			.toFactory());

	private Markdown() {
	}

	public static String toSafeHtml(String markdown) {
		return toSafeHtml(markdown, Map.of());
	}

	/**
	 * Renders Markdown in which values stand as opaque tokens, then puts in each value
	 * HTML-escaped, then sanitizes: a value shows as its text wherever it stands (prose,
	 * code, a link's address, which the sanitizer still checks) and never becomes
	 * Markdown or HTML.
	 * @param values token → value
	 */
	public static String toSafeHtml(String markdown, Map<String, String> values) {
		if (markdown == null || markdown.isBlank()) {
			return "";
		}
		String html = renderer.render(parser.parse(markdown));
		for (Map.Entry<String, String> value : values.entrySet()) {
			html = html.replace(value.getKey(), HtmlUtils.htmlEscape(value.getValue(), "UTF-8"));
		}
		return policy.sanitize(html);
	}

}
