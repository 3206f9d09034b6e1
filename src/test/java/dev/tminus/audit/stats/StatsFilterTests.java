package dev.tminus.audit.stats;

import java.time.Instant;
import java.time.LocalDate;

import dev.tminus.audit.stats.StatsFilter.Kind;
import dev.tminus.cutover.CutoverKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StatsFilterTests {

	@Test
	void withoutParametersRehearsalsAndLiveRunsAreTwoSeries() {
		StatsFilter filter = StatsFilter.parse(null, "", " ", null, null);

		assertThat(filter).isEqualTo(StatsFilter.everything());
		assertThat(filter.series()).containsExactly(StatsSeries.REHEARSAL, StatsSeries.LIVE);
		assertThat(filter.kinds()).containsExactlyInAnyOrder(CutoverKind.REHEARSAL, CutoverKind.LIVE);
	}

	@Test
	void combineMixesRehearsalsAndLiveRunsInOneSeriesOnlyWhenBothAreShown() {
		assertThat(StatsFilter.parse(null, null, null, "both", "true").series()).containsExactly(StatsSeries.ALL);
		assertThat(StatsFilter.parse(null, null, null, "LIVE", "true").series()).containsExactly(StatsSeries.LIVE);
		assertThat(StatsFilter.parse(null, null, null, "REHEARSAL", "false").kinds())
			.containsExactly(CutoverKind.REHEARSAL);
	}

	@Test
	void theDateRangeIsInUtcWithTheToDayIncluded() {
		StatsFilter filter = StatsFilter.parse(" E2-3 ", "2026-01-01", "2026-03-31", null, null);

		assertThat(filter.template()).isEqualTo("E2-3");
		assertThat(filter.fromInstant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
		assertThat(filter.toExclusive()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
		assertThat(filter.description()).contains("template 'E2-3'", "T-0 from 2026-01-01 to 2026-03-31");
	}

	@Test
	void everyUnusableValueIsNamedWithWhatToDoInstead() {
		assertThatExceptionOfType(StatsFilterException.class)
			.isThrownBy(() -> StatsFilter.parse(null, "2026-02-30", "31/03/2026", "SOMETIMES", "maybe"))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					"From: '2026-02-30' is not a date; use YYYY-MM-DD (UTC), like 2026-03-31.",
					"To: '31/03/2026' is not a date; use YYYY-MM-DD (UTC), like 2026-03-31.",
					"Kind: 'SOMETIMES' is not a kind; choose REHEARSAL, LIVE or BOTH.",
					"Combine: 'maybe' is neither true nor false."));
	}

	@Test
	void fromMustNotBeAfterTo() {
		assertThatExceptionOfType(StatsFilterException.class)
			.isThrownBy(() -> StatsFilter.parse(null, "2026-05-01", "2026-04-01", null, null))
			.withMessageContaining("From (2026-05-01) is after To (2026-04-01)");
	}

	@Test
	void datesOutsideTheSupportedRangeAndOverlongNamesAreRefused() {
		assertThatExceptionOfType(StatsFilterException.class)
			.isThrownBy(() -> StatsFilter.parse("x".repeat(201), "+100000-01-01", "1969-12-31", null, null))
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(3));
	}

	@Test
	void aParsedFilterKeepsItsValues() {
		assertThat(StatsFilter.parse("GA", "2026-01-01", null, "live", "on"))
			.isEqualTo(new StatsFilter("GA", LocalDate.of(2026, 1, 1), null, Kind.LIVE, true));
	}

}
