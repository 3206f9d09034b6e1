package dev.tminus.audit.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Medians and their text. The median of an even number of values is the mean of the two
 * middle ones, as PostgreSQL's {@code percentile_cont(0.5)} computes it. No data is "—",
 * never 0.
 */
final class Medians {

	static final String NONE = "—";

	private Medians() {
	}

	/** The median, or {@code null} without values. */
	static Double of(List<? extends Number> values) {
		if (values.isEmpty()) {
			return null;
		}
		double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/** "12 min", "-3.5 min" or "—": minutes to one decimal. */
	static String minutes(Double minutes) {
		if (minutes == null) {
			return NONE;
		}
		BigDecimal rounded = BigDecimal.valueOf(minutes).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
		if (rounded.scale() < 0) {
			rounded = rounded.setScale(0);
		}
		return rounded.toPlainString() + " min";
	}

}
