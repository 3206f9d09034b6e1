package dev.tminus.audit.stats;

import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG, drawn on the server: no chart library, no script, nothing for the
 * CSP to refuse. Colours come from CSS classes ({@code bar-<key>} in {@code stats.css}),
 * never from style attributes. Every text is escaped here, so the markup can be written
 * unescaped into the page. Each chart names itself ({@code <title>}, {@code <desc>},
 * {@code role="img"}) and each bar carries its value in a {@code <title>}; the page shows
 * the same numbers as a table beside it.
 */
public final class SvgCharts {

	static final int COLUMN_CHART_HEIGHT = 240;

	static final int COLUMN_BAND = 44;

	static final int BAR_AREA = 420;

	static final int BAR_HEIGHT = 16;

	static final int TOP = 40;

	private static final int LEFT = 44;

	static final int BOTTOM = 36;

	private static final int LABEL_WIDTH = 250;

	private SvgCharts() {
	}

	/** One part of a stacked column: {@code key} picks the colour. */
	public record Segment(String key, String label, long value) {

	}

	/** One column (a month) of a stacked column chart. */
	public record Column(String label, List<Segment> segments) {

		public Column {
			segments = List.copyOf(segments);
		}

		long total() {
			return this.segments.stream().mapToLong(Segment::value).sum();
		}

	}

	/** One bar of a row; a {@code null} value draws no bar and shows {@code text}. */
	public record Bar(String key, String label, Double value, String text) {

	}

	/** One row of a horizontal bar chart: one bar, or a group of bars side by side. */
	public record Row(String label, List<Bar> bars) {

		public Row {
			bars = List.copyOf(bars);
		}

	}

	/** A legend entry. */
	public record Legend(String key, String label) {

	}

	/**
	 * Stacked columns with a vertical count axis from zero to a round maximum.
	 * @param id unique on the page, for the aria references
	 */
	public static String stackedColumns(String id, String title, String description, List<Column> columns,
			List<Legend> legend) {
		long max = columns.stream().mapToLong(Column::total).max().orElse(0);
		long axisMax = niceCeiling(max);
		int plotHeight = COLUMN_CHART_HEIGHT - TOP - BOTTOM;
		int width = LEFT + Math.max(columns.size(), 6) * COLUMN_BAND + 12;
		StringBuilder svg = open(id, title, description, width, COLUMN_CHART_HEIGHT);
		legend(svg, legend, LEFT);
		for (long tick : List.of(0L, axisMax / 2, axisMax)) {
			if (tick == axisMax / 2 && (axisMax % 2 != 0 || axisMax < 2)) {
				continue;
			}
			double y = TOP + plotHeight - (double) tick / axisMax * plotHeight;
			svg.append("<line class=\"grid\" x1=\"")
				.append(LEFT)
				.append("\" x2=\"")
				.append(width - 8)
				.append("\" y1=\"")
				.append(num(y))
				.append("\" y2=\"")
				.append(num(y))
				.append("\"/>");
			svg.append("<text class=\"axis\" x=\"")
				.append(LEFT - 6)
				.append("\" y=\"")
				.append(num(y + 4))
				.append("\" text-anchor=\"end\">")
				.append(tick)
				.append("</text>");
		}
		int labelEvery = Math.max(1, (int) Math.ceil(columns.size() / 24.0));
		for (int i = 0; i < columns.size(); i++) {
			Column column = columns.get(i);
			double x = LEFT + i * COLUMN_BAND + COLUMN_BAND * 0.15;
			double barWidth = COLUMN_BAND * 0.7;
			double base = TOP + plotHeight;
			svg.append("<g class=\"column\">");
			for (Segment segment : column.segments()) {
				if (segment.value() <= 0) {
					continue;
				}
				double height = (double) segment.value() / axisMax * plotHeight;
				base -= height;
				svg.append("<rect class=\"bar ")
					.append(cssClass(segment.key()))
					.append("\" x=\"")
					.append(num(x))
					.append("\" y=\"")
					.append(num(base))
					.append("\" width=\"")
					.append(num(barWidth))
					.append("\" height=\"")
					.append(num(height))
					.append("\"><title>")
					.append(escape(column.label() + " · " + segment.label() + ": " + segment.value()))
					.append("</title></rect>");
			}
			if (column.total() > 0) {
				svg.append("<text class=\"value\" x=\"")
					.append(num(x + barWidth / 2))
					.append("\" y=\"")
					.append(num(base - 4))
					.append("\" text-anchor=\"middle\">")
					.append(column.total())
					.append("</text>");
			}
			if (i % labelEvery == 0) {
				svg.append("<text class=\"axis\" x=\"")
					.append(num(x + barWidth / 2))
					.append("\" y=\"")
					.append(TOP + plotHeight + 16)
					.append("\" text-anchor=\"middle\">")
					.append(escape(column.label()))
					.append("</text>");
			}
			svg.append("</g>");
		}
		return svg.append("</svg>").toString();
	}

	/**
	 * Horizontal bars, one row per label; the longest bar spans the whole bar area and
	 * the others are in proportion. Negative values draw no bar.
	 */
	public static String horizontalBars(String id, String title, String description, List<Row> rows,
			List<Legend> legend) {
		double max = rows.stream()
			.flatMap((row) -> row.bars().stream())
			.filter((bar) -> bar.value() != null)
			.mapToDouble(Bar::value)
			.max()
			.orElse(0);
		int legendHeight = legend.isEmpty() ? 0 : 22;
		int rowGap = 10;
		int height = legendHeight + 8;
		for (Row row : rows) {
			height += Math.max(1, row.bars().size()) * (BAR_HEIGHT + 2) + rowGap;
		}
		int width = LABEL_WIDTH + BAR_AREA + 90;
		StringBuilder svg = open(id, title, description, width, height);
		legend(svg, legend, LABEL_WIDTH);
		double y = legendHeight + 4;
		for (Row row : rows) {
			int groupHeight = Math.max(1, row.bars().size()) * (BAR_HEIGHT + 2);
			svg.append("<g class=\"row\"><text class=\"label\" x=\"")
				.append(LABEL_WIDTH - 8)
				.append("\" y=\"")
				.append(num(y + groupHeight / 2.0 + 4))
				.append("\" text-anchor=\"end\">")
				.append(escape(shorten(row.label(), 32)))
				.append("<title>")
				.append(escape(row.label()))
				.append("</title></text>");
			for (Bar bar : row.bars()) {
				double length = (bar.value() != null && bar.value() > 0 && max > 0) ? bar.value() / max * BAR_AREA : 0;
				if (length > 0) {
					svg.append("<rect class=\"bar ")
						.append(cssClass(bar.key()))
						.append("\" x=\"")
						.append(LABEL_WIDTH)
						.append("\" y=\"")
						.append(num(y))
						.append("\" width=\"")
						.append(num(length))
						.append("\" height=\"")
						.append(BAR_HEIGHT)
						.append("\"><title>")
						.append(escape(row.label() + " · " + bar.label() + ": " + bar.text()))
						.append("</title></rect>");
				}
				svg.append("<text class=\"value\" x=\"")
					.append(num(LABEL_WIDTH + length + 6))
					.append("\" y=\"")
					.append(num(y + BAR_HEIGHT - 3))
					.append("\">")
					.append(escape(bar.text()))
					.append("</text>");
				y += BAR_HEIGHT + 2;
			}
			if (row.bars().isEmpty()) {
				y += BAR_HEIGHT + 2;
			}
			y += rowGap;
			svg.append("</g>");
		}
		return svg.append("</svg>").toString();
	}

	private static StringBuilder open(String id, String title, String description, int width, int height) {
		String safeId = id.replaceAll("[^A-Za-z0-9_-]", "_");
		StringBuilder svg = new StringBuilder(4096);
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
			.append(width)
			.append(' ')
			.append(height)
			.append("\" width=\"")
			.append(width)
			.append("\" height=\"")
			.append(height)
			.append("\" aria-labelledby=\"")
			.append(safeId)
			.append("-title ")
			.append(safeId)
			.append("-desc\" id=\"")
			.append(safeId)
			.append("\"><title id=\"")
			.append(safeId)
			.append("-title\">")
			.append(escape(title))
			.append("</title><desc id=\"")
			.append(safeId)
			.append("-desc\">")
			.append(escape(description))
			.append("</desc>");
		return svg;
	}

	private static void legend(StringBuilder svg, List<Legend> legend, int x) {
		int at = x;
		for (Legend entry : legend) {
			svg.append("<rect class=\"bar ")
				.append(cssClass(entry.key()))
				.append("\" x=\"")
				.append(at)
				.append("\" y=\"6\" width=\"12\" height=\"12\"/><text class=\"legend\" x=\"")
				.append(at + 16)
				.append("\" y=\"16\">")
				.append(escape(entry.label()))
				.append("</text>");
			at += 24 + entry.label().length() * 7;
		}
	}

	/**
	 * The smallest of 1, 2, 5 × 10ⁿ at least as large as {@code max} (at least 1): the
	 * top of a count axis.
	 */
	static long niceCeiling(long max) {
		if (max <= 1) {
			return 1;
		}
		long magnitude = 1;
		while (magnitude * 10 < max) {
			magnitude *= 10;
		}
		for (long factor : new long[] { 1, 2, 5, 10 }) {
			if (factor * magnitude >= max) {
				return factor * magnitude;
			}
		}
		return 10 * magnitude;
	}

	/** Text and attribute values: the five XML special characters. */
	static String escape(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> {
					// control characters are not allowed in XML 1.0
					if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

	/** A key as a class name: only letters, digits, - and _ survive. */
	static String cssClass(String key) {
		return "bar-" + key.replaceAll("[^A-Za-z0-9_-]", "_");
	}

	private static String shorten(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

	private static String num(double value) {
		String text = String.format(Locale.ROOT, "%.1f", value);
		return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
	}

}
