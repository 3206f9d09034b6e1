package dev.tminus.runbook.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reading of one YAML mapping from SnakeYAML's node tree, so that every problem
 * keeps its line: unknown and duplicate keys are found when the map is opened, wrong
 * types when a value is read. A value with a problem reads as absent ({@code null} or
 * empty) and the problem goes to the {@link Diagnostics}.
 */
public final class YamlMap {

	private final String path;

	private final int line;

	private final Diagnostics diagnostics;

	private final Map<String, Node> values = new LinkedHashMap<>();

	private YamlMap(String path, int line, Diagnostics diagnostics) {
		this.path = path;
		this.line = line;
		this.diagnostics = diagnostics;
	}

	/**
	 * Opens a mapping that may only hold the {@code allowed} keys. Anything else than a
	 * mapping is reported and reads as an empty one.
	 */
	public static YamlMap open(Node node, String path, Diagnostics diagnostics, Set<String> allowed) {
		YamlMap map = new YamlMap(path, lineOf(node), diagnostics);
		diagnostics.located(path, map.line);
		if (!(node instanceof MappingNode mapping)) {
			diagnostics.problem(map.line, path, "expected a mapping of keys to values, found " + describe(node));
			return map;
		}
		Map<String, Integer> firstSeen = new LinkedHashMap<>();
		for (NodeTuple tuple : mapping.getValue()) {
			Node keyNode = tuple.getKeyNode();
			int keyLine = lineOf(keyNode);
			if (!(keyNode instanceof ScalarNode scalarKey) || keyNode.getTag().equals(Tag.MERGE)) {
				diagnostics.problem(keyLine, path, "keys must be plain names, found " + describe(keyNode));
				continue;
			}
			String key = scalarKey.getValue();
			String keyPath = map.pathOf(key);
			Integer first = firstSeen.putIfAbsent(key, keyLine);
			if (first != null) {
				diagnostics.problem(keyLine, keyPath, "duplicate key '" + key + "' (first at line " + first + ")");
				continue;
			}
			if (!allowed.contains(key)) {
				diagnostics.problem(keyLine, keyPath,
						"unknown key '" + key + "' (allowed here: " + String.join(", ", sorted(allowed)) + ")");
				continue;
			}
			map.values.put(key, tuple.getValueNode());
			locate(diagnostics, keyPath, keyNode, tuple.getValueNode());
		}
		return map;
	}

	public String path() {
		return this.path;
	}

	public String pathOf(String key) {
		return this.path.isEmpty() ? key : this.path + "." + key;
	}

	public boolean has(String key) {
		Node node = this.values.get(key);
		return node != null && !isNull(node);
	}

	/**
	 * Text; numbers are taken as written. Booleans are refused: {@code yes} is not text.
	 */
	public String text(String key) {
		Node node = this.values.get(key);
		return (node != null) ? textOf(node, pathOf(key)) : null;
	}

	public Integer integer(String key) {
		Node node = this.values.get(key);
		if (node == null || isNull(node)) {
			return null;
		}
		String where = pathOf(key);
		if (!(node instanceof ScalarNode scalar) || !node.getTag().equals(Tag.INT)) {
			problem(node, where, "expected a whole number, found " + describe(node));
			return null;
		}
		try {
			String digits = scalar.getValue().replace("_", "");
			return new BigInteger(digits.startsWith("+") ? digits.substring(1) : digits).intValueExact();
		}
		catch (ArithmeticException | NumberFormatException ex) {
			problem(node, where, "expected a whole number, found " + describe(node));
			return null;
		}
	}

	public boolean bool(String key, boolean defaultValue) {
		Node node = this.values.get(key);
		if (node == null || isNull(node)) {
			return defaultValue;
		}
		if (!(node instanceof ScalarNode scalar) || !node.getTag().equals(Tag.BOOL)) {
			problem(node, pathOf(key), "expected true or false, found " + describe(node));
			return defaultValue;
		}
		return Set.of("true", "yes", "on", "y").contains(scalar.getValue().toLowerCase(Locale.ROOT));
	}

	/**
	 * One of an enum's constants, written in any case ({@code le}, {@code LE}).
	 * @param lowerCase how the allowed values are shown in a problem
	 */
	public <E extends Enum<E>> E choice(String key, Class<E> type, boolean lowerCase) {
		String value = text(key);
		return (value != null) ? choiceOf(value, type, lowerCase, pathOf(key), this.values.get(key)) : null;
	}

	public List<String> texts(String key) {
		return list(key, (element) -> textOf(element.node(), element.path()));
	}

	public <E extends Enum<E>> List<E> choices(String key, Class<E> type, boolean lowerCase) {
		return list(key, (element) -> {
			String value = textOf(element.node(), element.path());
			return (value != null) ? choiceOf(value, type, lowerCase, element.path(), element.node()) : null;
		});
	}

	public <T> List<T> maps(String key, Set<String> allowed, Function<YamlMap, T> reader) {
		return list(key, (element) -> reader.apply(open(element.node(), element.path(), this.diagnostics, allowed)));
	}

	/** An optional nested mapping, {@code null} when absent. */
	public YamlMap map(String key, Set<String> allowed) {
		Node node = this.values.get(key);
		return (node != null && !isNull(node)) ? open(node, pathOf(key), this.diagnostics, allowed) : null;
	}

	/** A value that may be either text or a mapping. */
	public boolean isMapping(String key) {
		return this.values.get(key) instanceof MappingNode;
	}

	public void problem(String key, String message) {
		Node node = this.values.get(key);
		this.diagnostics.problem((node != null) ? lineOf(node) : this.line, pathOf(key), message);
	}

	private <T> List<T> list(String key, Function<Element, T> reader) {
		Node node = this.values.get(key);
		if (node == null || isNull(node)) {
			return List.of();
		}
		String where = pathOf(key);
		if (!(node instanceof SequenceNode sequence)) {
			problem(node, where, "expected a list, found " + describe(node));
			return List.of();
		}
		List<T> result = new ArrayList<>();
		List<Node> elements = sequence.getValue();
		for (int i = 0; i < elements.size(); i++) {
			Element element = new Element(elements.get(i), where + "[" + i + "]");
			locate(this.diagnostics, element.path(), element.node(), element.node());
			T value = reader.apply(element);
			if (value != null) {
				result.add(value);
			}
		}
		return result;
	}

	private String textOf(Node node, String where) {
		if (isNull(node)) {
			return null;
		}
		if (!(node instanceof ScalarNode scalar)) {
			problem(node, where, "expected text, found " + describe(node));
			return null;
		}
		if (node.getTag().equals(Tag.BOOL)) {
			problem(node, where, "expected text, found the boolean '" + scalar.getValue()
					+ "'; put it in quotes if it is meant as text");
			return null;
		}
		return scalar.getValue();
	}

	private <E extends Enum<E>> E choiceOf(String value, Class<E> type, boolean lowerCase, String where, Node node) {
		String wanted = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(wanted)) {
				return constant;
			}
		}
		String allowed = Arrays.stream(type.getEnumConstants())
			.map((constant) -> lowerCase ? constant.name().toLowerCase(Locale.ROOT) : constant.name())
			.collect(Collectors.joining(", "));
		problem(node, where, "unknown value '" + value + "' (one of " + allowed + ")");
		return null;
	}

	private void problem(Node node, String where, String message) {
		this.diagnostics.problem(lineOf(node), where, message);
	}

	private static boolean isNull(Node node) {
		return node.getTag().equals(Tag.NULL);
	}

	/**
	 * A scalar is located where its value starts, a list or a mapping where its key is: a
	 * problem with the whole list of roles points at {@code roles:}.
	 */
	private static void locate(Diagnostics diagnostics, String path, Node key, Node value) {
		if (value instanceof ScalarNode scalar) {
			diagnostics.located(path, lineOf(value));
			if (scalar.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL) {
				diagnostics.literalBlock(path, lineOf(value) + 1);
			}
		}
		else {
			diagnostics.located(path, lineOf(key));
		}
	}

	static int lineOf(Node node) {
		return (node != null && node.getStartMark() != null) ? node.getStartMark().getLine() + 1 : 1;
	}

	private static String describe(Node node) {
		if (node == null || isNull(node)) {
			return "nothing";
		}
		if (node instanceof MappingNode) {
			return "a mapping";
		}
		if (node instanceof SequenceNode) {
			return "a list";
		}
		return "'" + ((ScalarNode) node).getValue() + "'";
	}

	private static List<String> sorted(Set<String> keys) {
		return keys.stream().sorted().toList();
	}

	private record Element(Node node, String path) {
	}

}
