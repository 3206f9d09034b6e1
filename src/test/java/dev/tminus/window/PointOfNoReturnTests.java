package dev.tminus.window;

import java.time.Instant;

import dev.tminus.runbook.RunbookTemplate.Rollback;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PointOfNoReturnTests {

	private static final Instant T0 = Instant.parse("2025-09-17T09:00:00Z");

	@Test
	void isTheWindowEndMinusTheBackoutDuration() {
		RollbackWindow window = RollbackWindow.of(T0, new Rollback("", 60, 120, 5)).orElseThrow();
		assertThat(window.windowEnd()).isEqualTo(Instant.parse("2025-09-17T11:00:00Z"));
		assertThat(window.pointOfNoReturn()).isEqualTo(Instant.parse("2025-09-17T10:00:00Z"));
		assertThat(window.backoutMinutes()).isEqualTo(60);
	}

	@Test
	void isPassedFromThePointItselfOn() {
		RollbackWindow window = RollbackWindow.of(T0, new Rollback("", 60, 120, 5)).orElseThrow();
		assertThat(window.passed(Instant.parse("2025-09-17T09:59:59Z"))).isFalse();
		assertThat(window.passed(Instant.parse("2025-09-17T10:00:00Z"))).isTrue();
	}

	@Test
	void needsBothTheWindowEndAndTheBackoutDuration() {
		assertThat(RollbackWindow.of(T0, new Rollback("", 60, null, 5))).isEmpty();
		assertThat(RollbackWindow.of(T0, new Rollback("", null, 120, 5))).isEmpty();
		assertThat(RollbackWindow.of(T0, null)).isEmpty();
	}

}
