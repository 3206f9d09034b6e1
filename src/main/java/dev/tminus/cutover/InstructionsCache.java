package dev.tminus.cutover;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookTemplate.Step;
import dev.tminus.shared.web.Markdown;

/**
 * Step instructions rendered to safe HTML once per cutover and step (a cutover's template
 * version and run parameters are fixed at creation), least recently used evicted first.
 * Run parameters go in after the Markdown is rendered, escaped: a value is shown as its
 * text and never read as Markdown or HTML.
 */
final class InstructionsCache {

	private final Map<String, String> html;

	InstructionsCache(int capacity) {
		this.html = new LinkedHashMap<>(256, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
				return size() > capacity;
			}
		};
	}

	String html(long cutoverId, Step step, Map<String, String> parameters) {
		String key = cutoverId + "/" + step.key();
		synchronized (this.html) {
			String cached = this.html.get(key);
			if (cached != null) {
				return cached;
			}
		}
		var tokenized = ParameterResolver.tokenize(step.instructions(), parameters);
		String rendered = Markdown.toSafeHtml(tokenized.text(), tokenized.values());
		synchronized (this.html) {
			this.html.put(key, rendered);
		}
		return rendered;
	}

}
