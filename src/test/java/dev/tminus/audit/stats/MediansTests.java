package dev.tminus.audit.stats;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediansTests {

	@Test
	void theMedianOfAnOddNumberOfValuesIsTheMiddleOne() {
		assertThat(Medians.of(List.of(40, 10, 20))).isEqualTo(20.0);
	}

	@Test
	void theMedianOfAnEvenNumberOfValuesIsTheMeanOfTheTwoMiddleOnes() {
		assertThat(Medians.of(List.of(7.0, 3.0, 100.0, -2.0))).isEqualTo(5.0);
	}

	@Test
	void noValuesHaveNoMedianAndShowADashNotZero() {
		assertThat(Medians.of(List.of())).isNull();
		assertThat(Medians.minutes(null)).isEqualTo("—");
	}

	@Test
	void minutesAreShownToOneDecimal() {
		assertThat(Medians.minutes(12.0)).isEqualTo("12 min");
		assertThat(Medians.minutes(12.55)).isEqualTo("12.6 min");
		assertThat(Medians.minutes(-3.5)).isEqualTo("-3.5 min");
		assertThat(Medians.minutes(0.0)).isEqualTo("0 min");
	}

}
