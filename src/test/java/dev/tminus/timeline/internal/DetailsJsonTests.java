package dev.tminus.timeline.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tminus.timeline.TimelineResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DetailsJsonTests {

	@Test
	void detailsHashTheSameAfterPostgresqlRewroteTheirJson() {
		Map<String, Object> appended = new LinkedHashMap<>();
		appended.put("p95_ms", new BigDecimal("287.500"));
		appended.put("huge", 1e20);
		appended.put("tiny", 1.0e-7);
		appended.put("codes", List.of(200, 201));
		appended.put("ok", true);
		appended.put("none", null);
		// what jsonb gives back: keys by length, numbers in plain form, its own spacing
		String fromJsonb = "{\"ok\": true, \"huge\": 100000000000000000000, \"none\": null, \"tiny\": 0.00000010, "
				+ "\"codes\": [200, 201], \"p95_ms\": 287.500}";

		assertThat(CanonicalJson.write(DetailsJson.read(fromJsonb)))
			.isEqualTo(CanonicalJson.write(DetailsJson.normalize(appended)))
			.isEqualTo("{\"codes\":[200,201],\"huge\":100000000000000000000,\"none\":null,\"ok\":true,"
					+ "\"p95_ms\":287.5,\"tiny\":0.0000001}");
	}

	@Test
	void decimalsAreReadBackExactly() {
		Map<String, Object> details = DetailsJson.read("{\"ratio\": 0.1000000000000000055511151231257827}");

		assertThat(details.get("ratio")).isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
	}

	@Test
	void valuesThatAreNotJsonBecomeTheirTextOnAppend() {
		Map<String, Object> normalized = DetailsJson.normalize(Map.of("measured_at",
				Instant.parse("2030-01-01T00:00:00.5Z"), "result", TimelineResult.FAIL, "window", List.of(1, 2)));

		assertThat(normalized).containsEntry("measured_at", "2030-01-01T00:00:00.500Z")
			.containsEntry("result", "FAIL")
			.containsEntry("window", List.of(1, 2));
	}

	@Test
	void noDetailsAreAnEmptyObject() {
		assertThat(DetailsJson.normalize(null)).isEmpty();
		assertThat(DetailsJson.write(DetailsJson.normalize(Map.of()))).isEqualTo("{}");
	}

	@Test
	void refusesDetailsThatPostgresqlCannotStoreAsGiven() {
		assertThatIllegalArgumentException().isThrownBy(() -> DetailsJson.normalize(Map.of("log", "a\u0000b")))
			.withMessage("The details must not contain a NUL character: PostgreSQL cannot store it.");
		assertThatIllegalArgumentException().isThrownBy(() -> DetailsJson.normalize(Map.of("k\uD800", "v")))
			.withMessageContaining("unpaired surrogate");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DetailsJson.normalize(Map.of("n", new BigDecimal("1E+5000"))))
			.withMessageContaining("number too large or too small");
	}

	@Test
	void refusesDetailsOverTheSizeLimit() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DetailsJson.normalize(Map.of("log", "x".repeat(DetailsJson.MAX_LENGTH))))
			.withMessageEndingWith("characters of JSON; at most 65536 are allowed.");
	}

}
