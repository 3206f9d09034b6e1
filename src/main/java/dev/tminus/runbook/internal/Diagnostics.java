package dev.tminus.runbook.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tminus.runbook.RunbookTemplateException;
import dev.tminus.runbook.RunbookTemplateException.Problem;

/**
 * The problems found in one file, and the line of every field read, so that checks run on
 * the parsed model can still name the line.
 */
public final class Diagnostics {

	private final String file;

	private final Map<String, Integer> lines = new HashMap<>();

	private final Map<String, Integer> literalBlocks = new HashMap<>();

	private final List<Problem> problems = new ArrayList<>();

	public Diagnostics(String file) {
		this.file = file;
	}

	public String file() {
		return this.file;
	}

	void located(String path, int line) {
		this.lines.putIfAbsent(path, line);
	}

	/** A literal block ({@code |}) whose first text line is {@code firstLine}. */
	void literalBlock(String path, int firstLine) {
		this.literalBlocks.putIfAbsent(path, firstLine);
	}

	/**
	 * The line of a position in a text field: exact in literal blocks, whose lines are
	 * the file's lines, else the line where the text starts.
	 */
	public int lineOf(String path, String text, int index) {
		Integer firstLine = this.literalBlocks.get(path);
		if (firstLine == null || text == null) {
			return lineOf(path);
		}
		int newlines = 0;
		for (int i = 0; i < Math.min(index, text.length()); i++) {
			if (text.charAt(i) == '\n') {
				newlines++;
			}
		}
		return firstLine + newlines;
	}

	/**
	 * The line of a field, or of the nearest enclosing one that was read: a missing
	 * {@code steps[3].title} is reported at the line where {@code steps[3]} starts.
	 */
	public int lineOf(String path) {
		String candidate = path;
		while (!candidate.isEmpty()) {
			Integer line = this.lines.get(candidate);
			if (line != null) {
				return line;
			}
			candidate = parentOf(candidate);
		}
		return 1;
	}

	private static String parentOf(String path) {
		int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
		return (cut > 0) ? path.substring(0, cut) : "";
	}

	public void problem(String path, String message) {
		problem(lineOf(path), path, message);
	}

	public void problem(int line, String path, String message) {
		this.problems.add(new Problem(this.file, line, path, message));
	}

	public boolean hasProblems() {
		return !this.problems.isEmpty();
	}

	public List<Problem> problems() {
		return List.copyOf(this.problems);
	}

	public void throwIfAny() {
		if (hasProblems()) {
			throw new RunbookTemplateException(problems());
		}
	}

}
