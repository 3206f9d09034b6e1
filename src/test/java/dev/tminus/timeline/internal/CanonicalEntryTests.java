package dev.tminus.timeline.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CanonicalEntryTests {

	static final String PREV = "ab".repeat(32);

	@Test
	void theCanonicalFormIsCompactJsonWithSortedKeysAndMicrosecondUtcTime() {
		assertThat(aStep().canonicalForm()).isEqualTo("{\"actor_id\":7,\"actor_label\":\"Dana Diaz (dana)\","
				+ "\"cutover_id\":42,\"details\":{\"exit_code\":0,\"snapshot_id\":\"snap-0815\"},\"kind\":\"STEP\","
				+ "\"on_behalf_of\":\"Deployer\",\"prev_hash\":\"" + PREV + "\","
				+ "\"recorded_at\":\"2030-05-01T09:30:00.123456Z\",\"result\":\"PASS\",\"seq\":3,"
				+ "\"subject_key\":\"t30-snapshot\",\"text\":\"Snapshot taken\"}");
	}

	@Test
	void theHashIsTheSha256OfTheUtf8CanonicalFormInLowerCaseHex() {
		// computed independently: printf '%s' '<canonical form>' | sha256sum
		assertThat(aStep().sha256()).isEqualTo("307f42f80a2e7252acd12db81f11fdd11d3fe165fb29c88c604e61e9fcd6c02b");
		CanonicalEntry system = new CanonicalEntry(1, 1, Instant.parse("2030-01-01T00:00:00Z"), TimelineKind.SYSTEM,
				null, "T-Minus (system)", null, null, null, "Zoë ✓", Map.of(), CanonicalEntry.GENESIS_HASH);
		assertThat(system.canonicalForm()).contains("\"actor_id\":null", "\"result\":null", "\"details\":{}",
				"\"recorded_at\":\"2030-01-01T00:00:00.000000Z\"");
		assertThat(system.sha256()).isEqualTo("9bbc3247adcfd2e62606bb84b08f98196442ee6a28c853c99e8c32f620a01eb6");
	}

	@Test
	void missingDetailsHashLikeEmptyDetails() {
		assertThat(with((e) -> new CanonicalEntry(e.cutoverId(), e.seq(), e.recordedAt(), e.kind(), e.actorId(),
				e.actorLabel(), e.onBehalfOf(), e.result(), e.subjectKey(), e.text(), null, e.prevHash()))
			.sha256())
			.isEqualTo(with((e) -> new CanonicalEntry(e.cutoverId(), e.seq(), e.recordedAt(), e.kind(), e.actorId(),
					e.actorLabel(), e.onBehalfOf(), e.result(), e.subjectKey(), e.text(), Map.of(), e.prevHash()))
				.sha256());
	}

	@Test
	void theOrderInWhichDetailsWereBuiltDoesNotMatter() {
		Map<String, Object> one = new LinkedHashMap<>();
		one.put("snapshot_id", "snap-0815");
		one.put("exit_code", 0);
		Map<String, Object> other = new LinkedHashMap<>();
		other.put("exit_code", 0L);
		other.put("snapshot_id", "snap-0815");

		assertThat(withDetails(one).sha256()).isEqualTo(withDetails(other).sha256()).isEqualTo(aStep().sha256());
	}

	@Test
	void everyHashedFieldChangesTheHash() {
		String original = aStep().sha256();
		Instant later = Instant.parse("2030-05-01T09:30:00.123457Z");

		assertThat(new String[] { changed((e) -> copy(e, 43, e.seq(), e.recordedAt(), e.text(), e.prevHash())),
				changed((e) -> copy(e, e.cutoverId(), 4, e.recordedAt(), e.text(), e.prevHash())),
				changed((e) -> copy(e, e.cutoverId(), e.seq(), later, e.text(), e.prevHash())),
				changed((e) -> copy(e, e.cutoverId(), e.seq(), e.recordedAt(), "Snapshot taken.", e.prevHash())),
				changed((e) -> copy(e, e.cutoverId(), e.seq(), e.recordedAt(), e.text(), "ac" + PREV.substring(2))),
				changed((e) -> new CanonicalEntry(e.cutoverId(), e.seq(), e.recordedAt(), TimelineKind.GATE,
						e.actorId(), e.actorLabel(), e.onBehalfOf(), e.result(), e.subjectKey(), e.text(), e.details(),
						e.prevHash())),
				changed((e) -> new CanonicalEntry(e.cutoverId(), e.seq(), e.recordedAt(), e.kind(), 8L, e.actorLabel(),
						e.onBehalfOf(), e.result(), e.subjectKey(), e.text(), e.details(), e.prevHash())),
				changed((e) -> new CanonicalEntry(e.cutoverId(), e.seq(), e.recordedAt(), e.kind(), e.actorId(),
						"Dana Diaz (dana2)", e.onBehalfOf(), e.result(), e.subjectKey(), e.text(), e.details(),
						e.prevHash())),
				changed((e) -> new CanonicalEntry(e.cutoverId(), e.seq(), e.recordedAt(), e.kind(), e.actorId(),
						e.actorLabel(), null, e.result(), e.subjectKey(), e.text(), e.details(), e.prevHash())),
				changed((e) -> new CanonicalEntry(e.cutoverId(), e.seq(), e.recordedAt(), e.kind(), e.actorId(),
						e.actorLabel(), e.onBehalfOf(), TimelineResult.FAIL, e.subjectKey(), e.text(), e.details(),
						e.prevHash())),
				changed((e) -> new CanonicalEntry(e.cutoverId(), e.seq(), e.recordedAt(), e.kind(), e.actorId(),
						e.actorLabel(), e.onBehalfOf(), e.result(), "t15-snapshot", e.text(), e.details(),
						e.prevHash())),
				changed((e) -> new CanonicalEntry(e.cutoverId(), e.seq(), e.recordedAt(), e.kind(), e.actorId(),
						e.actorLabel(), e.onBehalfOf(), e.result(), e.subjectKey(), e.text(),
						Map.of("exit_code", 1, "snapshot_id", "snap-0815"), e.prevHash())) })
			.doesNotHaveDuplicates()
			.doesNotContain(original);
	}

	@Test
	void refusesATimeFinerThanPostgresqlStores() {
		CanonicalEntry nanos = with((e) -> copy(e, e.cutoverId(), e.seq(),
				Instant.parse("2030-05-01T09:30:00.123456789Z"), e.text(), e.prevHash()));

		assertThatIllegalArgumentException().isThrownBy(nanos::sha256).withMessageContaining("microseconds");
	}

	private static CanonicalEntry aStep() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("snapshot_id", "snap-0815");
		details.put("exit_code", 0);
		return new CanonicalEntry(42, 3, Instant.parse("2030-05-01T09:30:00.123456Z"), TimelineKind.STEP, 7L,
				"Dana Diaz (dana)", "Deployer", TimelineResult.PASS, "t30-snapshot", "Snapshot taken", details, PREV);
	}

	private static CanonicalEntry with(UnaryOperator<CanonicalEntry> change) {
		return change.apply(aStep());
	}

	private static String changed(UnaryOperator<CanonicalEntry> change) {
		return with(change).sha256();
	}

	private static CanonicalEntry withDetails(Map<String, Object> details) {
		CanonicalEntry e = aStep();
		return new CanonicalEntry(e.cutoverId(), e.seq(), e.recordedAt(), e.kind(), e.actorId(), e.actorLabel(),
				e.onBehalfOf(), e.result(), e.subjectKey(), e.text(), details, e.prevHash());
	}

	private static CanonicalEntry copy(CanonicalEntry e, long cutoverId, long seq, Instant recordedAt, String text,
			String prevHash) {
		return new CanonicalEntry(cutoverId, seq, recordedAt, e.kind(), e.actorId(), e.actorLabel(), e.onBehalfOf(),
				e.result(), e.subjectKey(), text, e.details(), prevHash);
	}

}
