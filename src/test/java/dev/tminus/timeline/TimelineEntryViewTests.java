package dev.tminus.timeline;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineEntryViewTests {

	@Test
	void recordedAtIsShownInUtcToTheSecond() {
		assertThat(entry("Deployer").recordedAtUtc()).isEqualTo("2030-12-31 23:59:58Z");
	}

	@Test
	void theByLineSaysForWhomTheScribeRecorded() {
		assertThat(entry("Deployer").byLine()).isEqualTo("Sam Scribe (sam) for Deployer");
		assertThat(entry(null).byLine()).isEqualTo("Sam Scribe (sam)");
	}

	private static TimelineEntryView entry(String onBehalfOf) {
		return new TimelineEntryView(1, 2, 3, Instant.parse("2030-12-31T23:59:58.999999Z"), TimelineKind.STEP, 7L,
				"Sam Scribe (sam)", onBehalfOf, TimelineResult.PASS, "deploy", "Deployed", Map.of(), "0".repeat(64),
				"1".repeat(64));
	}

}
