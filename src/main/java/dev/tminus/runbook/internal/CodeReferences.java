package dev.tminus.runbook.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.parser.Parser;

/**
 * The {@code ${PARAM}} references that stand in code in a Markdown text: in a fenced or
 * indented code block or an inline code span. Their values end up in copy-ready commands.
 */
public final class CodeReferences {

	private static final Parser parser = Parser.builder().build();

	private CodeReferences() {
	}

	public static Set<String> in(String markdown) {
		Set<String> keys = new LinkedHashSet<>();
		if (markdown == null || !markdown.contains("${")) {
			return keys;
		}
		parser.parse(markdown).accept(new AbstractVisitor() {

			@Override
			public void visit(Code code) {
				add(code.getLiteral());
			}

			@Override
			public void visit(FencedCodeBlock block) {
				add(block.getLiteral());
			}

			@Override
			public void visit(IndentedCodeBlock block) {
				add(block.getLiteral());
			}

			private void add(String literal) {
				Placeholders.references(literal).forEach((reference) -> keys.add(reference.key()));
			}

		});
		return keys;
	}

}
