package dev.tminus.runbook;

import java.io.StringReader;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import dev.tminus.runbook.internal.BeanChecks;
import dev.tminus.runbook.internal.Diagnostics;
import dev.tminus.runbook.internal.TemplateReader;
import dev.tminus.runbook.internal.TemplateRules;

/**
 * Reads one runbook template file into a validated {@link RunbookTemplate}, or throws a
 * {@link RunbookTemplateException} naming file, line and field of every problem.
 * <p>
 * Three passes, each reporting all it finds: the shape (YAML syntax, unknown and
 * duplicate keys, types), the values (Bean Validation on the model) and the rules that
 * tie it together (references, order, cycles). A later pass runs only when the earlier
 * ones found nothing. Thread-safe.
 */
public final class RunbookParser {

	private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*\\.ya?ml");

	private static final int MAX_ALIASES = 50;

	/**
	 * @param fileName the file's name, used in messages and as the template's key
	 * (without {@code .yml})
	 * @param yamlText the file's content
	 */
	public RunbookTemplate parse(String fileName, String yamlText) {
		Diagnostics diagnostics = new Diagnostics(fileName);
		String baseName = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
		if (!FILE_NAME.matcher(baseName).matches()) {
			diagnostics.problem(1, "", "the file name must be lower-case letters, digits and dashes, ending in .yml");
			diagnostics.throwIfAny();
		}
		Node root = compose(yamlText, diagnostics);
		diagnostics.throwIfAny();
		if (root == null) {
			diagnostics.problem(1, "", "the file is empty");
			diagnostics.throwIfAny();
		}
		RunbookTemplate template = new TemplateReader(diagnostics).read(root, keyOf(baseName));
		diagnostics.throwIfAny();
		BeanChecks.check(template, diagnostics);
		diagnostics.throwIfAny();
		new TemplateRules(diagnostics, template).check();
		diagnostics.throwIfAny();
		return template;
	}

	private static Node compose(String yamlText, Diagnostics diagnostics) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setAllowRecursiveKeys(false);
		options.setMaxAliasesForCollections(MAX_ALIASES);
		try {
			return new Yaml(options).compose(new StringReader(yamlText));
		}
		catch (MarkedYAMLException ex) {
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			String problem = (ex.getProblem() != null) ? ex.getProblem() : ex.getMessage();
			String context = (ex.getContext() != null) ? ex.getContext() + ": " : "";
			diagnostics.problem((mark != null) ? mark.getLine() + 1 : 1, "", "malformed YAML: " + context + problem
					+ ((mark != null) ? " (column " + (mark.getColumn() + 1) + ")" : ""));
			return null;
		}
		catch (YAMLException ex) {
			diagnostics.problem(1, "", "malformed YAML: " + ex.getMessage());
			return null;
		}
	}

	private static String keyOf(String fileName) {
		return fileName.replaceFirst("\\.ya?ml$", "");
	}

}
