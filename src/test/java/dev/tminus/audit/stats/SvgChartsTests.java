package dev.tminus.audit.stats;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.tminus.audit.stats.SvgCharts.Bar;
import dev.tminus.audit.stats.SvgCharts.Column;
import dev.tminus.audit.stats.SvgCharts.Legend;
import dev.tminus.audit.stats.SvgCharts.Row;
import dev.tminus.audit.stats.SvgCharts.Segment;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;

class SvgChartsTests {

	static final Pattern RECT = Pattern.compile("<rect class=\"bar (bar-[A-Za-z0-9_-]+)\" x=\"[^\"]+\" y=\"([^\"]+)\" "
			+ "width=\"([^\"]+)\" height=\"([^\"]+)\"><title>");

	@Test
	void horizontalBarsScaleToTheLongestBar() {
		String svg = SvgCharts.horizontalBars("ranked", "Ranked", "desc",
				List.of(row("SMOKE_FAILED", 8), row("SYNC_FAILED", 4), row("ENVIRONMENT_BLOCKED", 2)), List.of());

		assertThat(widths(svg)).containsExactly((double) SvgCharts.BAR_AREA, SvgCharts.BAR_AREA / 2.0,
				SvgCharts.BAR_AREA / 4.0);
	}

	@Test
	void aBarWithoutValueIsNotDrawnButItsTextIsShown() {
		String svg = SvgCharts.horizontalBars("durations", "Durations", "desc",
				List.of(new Row("T-30",
						List.of(new Bar("planned", "Planned", 25.0, "25 min"), new Bar("LIVE", "Median", null, "—")))),
				List.of(new Legend("planned", "Planned"), new Legend("LIVE", "Live runs")));

		assertThat(widths(svg)).containsExactly((double) SvgCharts.BAR_AREA);
		assertThat(svg).contains(">25 min</text>", ">—</text>");
	}

	@Test
	void stackedColumnsShareOneCountAxisFromZeroToARoundMaximum() {
		String svg = SvgCharts.stackedColumns("decisions", "Decisions", "desc",
				List.of(new Column("2026-01", List.of(new Segment("GO", "GO", 2), new Segment("NO_GO", "NO-GO", 2))),
						new Column("2026-02",
								List.of(new Segment("GO", "GO", 0), new Segment("ROLLBACK", "ROLLBACK", 5)))),
				List.of(new Legend("GO", "GO")));
		// the tallest column (5) reaches the top of a 0..5 axis
		double plot = SvgCharts.COLUMN_CHART_HEIGHT - SvgCharts.TOP - SvgCharts.BOTTOM;

		List<double[]> rects = rects(svg);
		assertThat(rects).hasSize(3);
		assertThat(rects.get(0)[1]).isCloseTo(plot * 2 / 5, org.assertj.core.data.Offset.offset(0.06));
		assertThat(rects.get(1)[1]).isCloseTo(plot * 2 / 5, org.assertj.core.data.Offset.offset(0.06));
		assertThat(rects.get(2)[1]).isCloseTo(plot, org.assertj.core.data.Offset.offset(0.06));
		// the second segment sits on the first
		assertThat(rects.get(1)[0] + rects.get(1)[1]).isCloseTo(rects.get(0)[0],
				org.assertj.core.data.Offset.offset(0.1));
		assertThat(svg).contains("<title>2026-02 · ROLLBACK: 5</title>").doesNotContain("GO: 0");
	}

	@Test
	void everyTextIsEscapedAndTheChartIsWellFormedXml() throws Exception {
		String hostile = "<script>alert(\"x\")</script> & 'q'";
		String svg = SvgCharts.horizontalBars("x\" onload=\"alert(1)", hostile, hostile,
				List.of(new Row(hostile, List.of(new Bar("NO_GO\" onclick=\"x", hostile, 1.0, hostile)))),
				List.of(new Legend("GO", hostile)));
		String columns = SvgCharts.stackedColumns("c", hostile, hostile,
				List.of(new Column(hostile, List.of(new Segment("GO", hostile, 1)))), List.of());

		for (String chart : List.of(svg, columns)) {
			assertThat(chart).doesNotContain("<script", "onload=\"", "onclick=\"")
				.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;");
			Document document = DocumentBuilderFactory.newInstance()
				.newDocumentBuilder()
				.parse(new ByteArrayInputStream(chart.getBytes(StandardCharsets.UTF_8)));
			assertThat(document.getDocumentElement().getElementsByTagName("title").item(0).getTextContent())
				.isEqualTo(hostile);
		}
	}

	@Test
	void aChartNamesItselfForScreenReaders() {
		String svg = SvgCharts.stackedColumns("decisions-LIVE", "Decisions per month", "GO, NO-GO per month",
				List.of(new Column("2026-01", List.of(new Segment("GO", "GO", 1)))), List.of());

		assertThat(svg).startsWith("<svg ")
			.contains("role=\"img\"", "aria-labelledby=\"decisions-LIVE-title decisions-LIVE-desc\"",
					"<title id=\"decisions-LIVE-title\">Decisions per month</title>",
					"<desc id=\"decisions-LIVE-desc\">GO, NO-GO per month</desc>");
	}

	@Test
	void theCountAxisEndsOnOneTwoOrFiveTimesAPowerOfTen() {
		assertThat(List.of(0L, 1L, 3L, 5L, 7L, 11L, 101L, 250L)).map(SvgCharts::niceCeiling)
			.containsExactly(1L, 1L, 5L, 5L, 10L, 20L, 200L, 500L);
	}

	private static Row row(String label, double value) {
		return new Row(label, List.of(new Bar("NO_GO", "NO-GO", value, String.valueOf((long) value))));
	}

	private static List<Double> widths(String svg) {
		return rects(svg).stream().map((rect) -> rect[1]).toList();
	}

	/** y and the extent (width for horizontal bars, height for columns) of every bar. */
	private static List<double[]> rects(String svg) {
		List<double[]> rects = new ArrayList<>();
		Matcher matcher = RECT.matcher(svg);
		while (matcher.find()) {
			boolean horizontal = svg.contains("class=\"row\"");
			rects.add(new double[] { Double.parseDouble(matcher.group(2)),
					Double.parseDouble(horizontal ? matcher.group(3) : matcher.group(4)) });
		}
		return rects;
	}

}
