package dev.tminus.runbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * All runbook templates of a directory ({@code config/runbooks}), loaded together so that
 * start-up fails once with every problem of every file.
 */
public final class RunbookTemplates {

	private final List<RunbookTemplate> templates;

	private RunbookTemplates(List<RunbookTemplate> templates) {
		this.templates = List.copyOf(templates);
	}

	/**
	 * Parses every {@code *.yml} of the directory, in file-name order.
	 * @throws RunbookTemplateException with the problems of all broken files
	 * @throws UncheckedIOException when the directory cannot be read
	 */
	public static RunbookTemplates load(Path directory) {
		RunbookParser parser = new RunbookParser();
		List<RunbookTemplate> templates = new ArrayList<>();
		List<RunbookTemplateException.Problem> problems = new ArrayList<>();
		for (Path file : templateFiles(directory)) {
			try {
				templates
					.add(parser.parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
			}
			catch (RunbookTemplateException ex) {
				problems.addAll(ex.problems());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read runbook template " + file, ex);
			}
		}
		if (!problems.isEmpty()) {
			throw new RunbookTemplateException(problems);
		}
		return new RunbookTemplates(templates);
	}

	private static List<Path> templateFiles(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".yml"))
				.filter(Files::isRegularFile)
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list runbook templates in " + directory, ex);
		}
	}

	public List<RunbookTemplate> all() {
		return this.templates;
	}

	public Optional<RunbookTemplate> find(String key) {
		return this.templates.stream().filter((template) -> template.key().equals(key)).findFirst();
	}

}
