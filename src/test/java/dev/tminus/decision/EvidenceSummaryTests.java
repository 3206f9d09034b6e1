package dev.tminus.decision;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceSummaryTests {

	@Test
	void rendersAGoExactlyInTheSeedFormat() {
		assertThat(EvidenceSummary.render("GO", null, Instant.parse("2026-03-01T12:00:00Z"), "Ingrid Commander (ic)",
				null, null, "5/5 gates PASS"))
			.isEqualTo("""
					decision=GO
					failure_classification=NONE
					t_cutover_utc=2026-03-01T12:00:00Z
					owner=Ingrid Commander (ic)
					retry_at_utc=N/A
					unblock_criteria=N/A
					notes=5/5 gates PASS
					""");
	}

	@Test
	void rendersANoGoWithItsClassificationRetryAndCriteriaOnOneLineEach() {
		assertThat(EvidenceSummary.render("NO_GO", "IDEMPOTENCY_FAILED", Instant.parse("2026-03-01T12:00:00.500Z"),
				"dora", Instant.parse("2026-03-02T09:00:00Z"), "canonical hash equal\nafter replay",
				"Idempotency FAIL"))
			.isEqualTo("""
					decision=NO_GO
					failure_classification=IDEMPOTENCY_FAILED
					t_cutover_utc=2026-03-01T12:00:00Z
					owner=dora
					retry_at_utc=2026-03-02T09:00:00Z
					unblock_criteria=canonical hash equal after replay
					notes=Idempotency FAIL
					""");
	}

}
