package dev.tminus.runbook;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tminus.runbook.MeasureEvaluation.MeasureResult;
import dev.tminus.runbook.RunbookTemplate.Comparator;
import dev.tminus.runbook.RunbookTemplate.Measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MeasureEvaluatorTests {

	static final Measure P95 = new Measure("P95_MS", "p95 latency", "ms", Comparator.LE, "${P95_MAX_MS}", null);

	static final Measure ERROR_RATE = new Measure("ERR_PCT", "err rate", "%", Comparator.LE, "0.5", null);

	static final Measure TPS = new Measure("TPS", "TPS", null, Comparator.GE, "${TPS_MIN}", null);

	static final Measure HTTP_200 = new Measure("HTTP_CODE", "HTTP status", "HTTP status", Comparator.EQ, "200", null);

	static final Measure BEFORE_HASH = new Measure("BEFORE_CANON_HASH", "before", "sha256", null, null, null);

	static final Measure AFTER_HASH = new Measure("AFTER_CANON_HASH", "after", "sha256", Comparator.EQ, null,
			"BEFORE_CANON_HASH");

	static final Map<String, String> PARAMETERS = Map.of("P95_MAX_MS", "300", "TPS_MIN", "1200");

	@Test
	void passesAGateWhenEveryMeasureMeetsItsThreshold() {
		MeasureEvaluation evaluation = MeasureEvaluator.evaluate(List.of(P95, ERROR_RATE, TPS),
				Map.of("P95_MS", "300", "ERR_PCT", "0.12", "TPS", "1500"), PARAMETERS);

		assertThat(evaluation.verdict()).isEqualTo(Verdict.PASS);
		assertThat(evaluation.results()).extracting(MeasureResult::reason)
			.containsExactly("p95 latency: 300 ms ≤ 300 ms", "err rate: 0.12% ≤ 0.5%", "TPS: 1500 ≥ 1200");
		assertThat(evaluation.failures()).isEmpty();
	}

	@Test
	void failsAGateOnOneFailingNumberAndSaysWhy() {
		MeasureEvaluation evaluation = MeasureEvaluator.evaluate(List.of(P95, TPS),
				Map.of("P95_MS", "320", "TPS", "1500"), PARAMETERS);

		assertThat(evaluation.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(evaluation.failures()).containsExactly("p95 latency: 320 ms is not ≤ 300 ms");
		assertThat(evaluation.results().get(0).expected()).isEqualTo("300");
	}

	@Test
	void comparesNumbersByValueNotByText() {
		MeasureEvaluation evaluation = MeasureEvaluator.evaluate(List.of(HTTP_200), Map.of("HTTP_CODE", "200.0"),
				Map.of());

		assertThat(evaluation.verdict()).isEqualTo(Verdict.PASS);
	}

	@Test
	void comparesTheHashesBeforeAndAfterTheDuplicateReplay() {
		String hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

		MeasureEvaluation same = MeasureEvaluator.evaluate(List.of(BEFORE_HASH, AFTER_HASH),
				Map.of("BEFORE_CANON_HASH", hash, "AFTER_CANON_HASH", hash.toUpperCase()), Map.of());
		MeasureEvaluation changed = MeasureEvaluator.evaluate(List.of(BEFORE_HASH, AFTER_HASH),
				Map.of("BEFORE_CANON_HASH", hash, "AFTER_CANON_HASH", "0" + hash.substring(1)), Map.of());

		assertThat(same.verdict()).isEqualTo(Verdict.PASS);
		assertThat(same.results().get(0).reason()).isEqualTo("before: " + hash + " recorded");
		assertThat(changed.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(changed.failures()).singleElement().asString().startsWith("after: 0").contains(" is not == ");
	}

	@Test
	void failsAMeasureThatWasNotMeasured() {
		MeasureEvaluation evaluation = MeasureEvaluator.evaluate(List.of(HTTP_200, BEFORE_HASH, AFTER_HASH),
				Map.of("HTTP_CODE", "200", "AFTER_CANON_HASH", "abc"), Map.of());

		assertThat(evaluation.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(evaluation.failures()).containsExactly("before: no value measured",
				"after: cannot compare, BEFORE_CANON_HASH has no value measured");
	}

	@Test
	void comparesTextIgnoringCaseForEqualAndNotEqual() {
		Measure pass = new Measure("POLICY", "policy passes", null, Comparator.EQ, "PASS", null);
		Measure notFailed = new Measure("STATE", "state", null, Comparator.NE, "failed", null);

		MeasureEvaluation evaluation = MeasureEvaluator.evaluate(List.of(pass, notFailed),
				Map.of("POLICY", " pass ", "STATE", "FAILED"), Map.of());

		assertThat(evaluation.results()).extracting(MeasureResult::verdict).containsExactly(Verdict.PASS, Verdict.FAIL);
	}

	@Test
	void refusesTextWhereAnOrderingComparatorNeedsANumber() {
		assertThatExceptionOfType(MeasureValueException.class)
			.isThrownBy(() -> MeasureEvaluator.evaluate(List.of(P95, TPS), Map.of("P95_MS", "fast", "TPS", "1,500"),
					PARAMETERS))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					"p95 latency (P95_MS): 'fast' is not a number; ≤ compares numbers only",
					"TPS (TPS): '1,500' is not a number; ≥ compares numbers only"));
	}

	@Test
	void refusesAThresholdParameterThatIsNotANumber() {
		assertThatExceptionOfType(MeasureValueException.class)
			.isThrownBy(() -> MeasureEvaluator.evaluate(List.of(TPS), Map.of("TPS", "1500"), Map.of("TPS_MIN", "lots")))
			.withMessage("TPS (TPS): the threshold 'lots' is not a number; ≥ compares numbers only");
	}

	@Test
	void refusesAThresholdParameterMissingFromTheCutover() {
		assertThatExceptionOfType(MeasureValueException.class)
			.isThrownBy(() -> MeasureEvaluator.evaluate(List.of(TPS), Map.of("TPS", "1500"), Map.of()))
			.withMessage("TPS (TPS): the threshold parameter TPS_MIN has no value in this cutover");
	}

	@Test
	void refusesAValueForAMeasureTheGateDoesNotHave() {
		assertThatExceptionOfType(MeasureValueException.class).isThrownBy(
				() -> MeasureEvaluator.evaluate(List.of(HTTP_200), Map.of("HTTP_CODE", "200", "P99", "5"), Map.of()))
			.withMessage("P99 is not a measure of this gate");
	}

	@Test
	void judgesTheSeed004PackageHashAgainstItsParameter() {
		RunbookTemplate pilot = RunbookTemplates.load(Path.of("config/runbooks")).find("pilot-go-no-go").orElseThrow();
		Map<String, String> parameters = ParameterResolver.resolve(pilot.parameters(),
				Instant.parse("2025-09-26T10:00:00Z"), Instant.parse("2025-09-26T09:00:00Z"), Map.of(), Map.of());
		List<Measure> measures = pilot.gate("IMAGES_BUILT_WITH_DIGESTS").orElseThrow().measures();

		assertThat(
				MeasureEvaluator
					.evaluate(measures,
							Map.of("PACKAGE_SHA256",
									"ceb56f73837a9c775e2b7f2c870628c89f5a110db8801f80e6dae43533bd6b32"),
							parameters)
					.verdict())
			.isEqualTo(Verdict.PASS);
		assertThat(MeasureEvaluator.evaluate(measures, Map.of("PACKAGE_SHA256", "deadbeef"), parameters).verdict())
			.isEqualTo(Verdict.FAIL);
	}

}
