package dev.tminus.runbook.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${KEY}} references in template texts. {@code $${X}} stands for a literal
 * {@code ${X}}, so that shell variables can be written in commands.
 */
public final class Placeholders {

	private static final Pattern TOKEN = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	private static final Pattern WHOLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	private Placeholders() {
	}

	/** The references, in order of appearance, escapes left out. */
	public static List<Reference> references(String text) {
		List<Reference> references = new ArrayList<>();
		if (text == null) {
			return references;
		}
		Matcher matcher = TOKEN.matcher(text);
		while (matcher.find()) {
			if (matcher.group(1) != null) {
				references.add(new Reference(matcher.group(1), matcher.start()));
			}
		}
		return references;
	}

	/**
	 * Replaces each known {@code ${KEY}}, keeps unknown ones as they are (a message's
	 * {@code ${REASON}} is filled later) and turns {@code $${} into {@code ${}.
	 */
	public static String substitute(String text, Map<String, String> values) {
		return (text != null) ? replace(text, values::get) : null;
	}

	/**
	 * Like {@link #substitute}, but each known {@code ${KEY}} becomes an opaque token of
	 * letters and digits that Markdown leaves as it is; the caller swaps the tokens for
	 * the escaped values after rendering, so that a value can never become Markdown or
	 * HTML (a link, a closing code fence).
	 */
	public static Tokenized tokenize(String text, Map<String, String> values) {
		if (text == null) {
			return new Tokenized(null, Map.of());
		}
		String prefix = "tminusvalue" + Long.toUnsignedString(RANDOM.nextLong(), 36) + "n";
		Map<String, String> tokens = new LinkedHashMap<>();
		String tokenized = replace(text, (key) -> {
			if (values.get(key) == null) {
				return null;
			}
			String token = prefix + tokens.size() + "x";
			tokens.put(token, values.get(key));
			return token;
		});
		return new Tokenized(tokenized, tokens);
	}

	/**
	 * Each {@code ${KEY}} by what {@code replacement} gives for it (kept when that is
	 * {@code null}), each {@code $${} by {@code ${}.
	 */
	private static String replace(String text, Function<String, String> replacement) {
		Matcher matcher = TOKEN.matcher(text);
		StringBuilder result = new StringBuilder(text.length());
		while (matcher.find()) {
			String key = matcher.group(1);
			String value = (key != null) ? replacement.apply(key) : "${";
			matcher.appendReplacement(result, Matcher.quoteReplacement((value != null) ? value : matcher.group()));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * @param text the text with tokens instead of values
	 * @param values token → the value it stands for
	 */
	public record Tokenized(String text, Map<String, String> values) {
	}

	/** The key when the whole text is one reference ({@code "${TPS_MIN}"}), else null. */
	public static String wholeReference(String text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = WHOLE.matcher(text.trim());
		return matcher.matches() ? matcher.group(1) : null;
	}

	/** One {@code ${KEY}} and where it starts in the text. */
	public record Reference(String key, int index) {
	}

}
