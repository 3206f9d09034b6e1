package dev.tminus.timeline;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NewTimelineEntryTests {

	@Test
	void aPersonsEntryCarriesWhatWasAdded() {
		NewTimelineEntry entry = NewTimelineEntry.by(5, 7, "Sam Scribe (sam)", TimelineKind.STEP, "Snapshot taken")
			.withResult(TimelineResult.PASS)
			.withSubject("t30-snapshot")
			.withOnBehalfOf("Deployer")
			.withDetails(Map.of("snapshot_id", "snap-0815"));

		assertThat(entry).isEqualTo(new NewTimelineEntry(5, TimelineKind.STEP, 7L, "Sam Scribe (sam)", "Deployer",
				TimelineResult.PASS, "t30-snapshot", "Snapshot taken", Map.of("snapshot_id", "snap-0815")));
	}

	@Test
	void aSystemEntryHasNoActorButTheSystemLabel() {
		NewTimelineEntry entry = NewTimelineEntry.system(5, TimelineKind.TRIGGER, "Decision clock breached");

		assertThat(entry.actorId()).isNull();
		assertThat(entry.actorLabel()).isEqualTo("T-Minus (system)");
		assertThat(entry.details()).isEmpty();
	}

	@Test
	void refusesEmptyOrBlankText() {
		assertThatIllegalArgumentException().isThrownBy(() -> note(null))
			.withMessage("The timeline text must not be empty.");
		assertThatIllegalArgumentException().isThrownBy(() -> note(""))
			.withMessage("The timeline text must not be empty.");
		assertThatIllegalArgumentException().isThrownBy(() -> note(" \n\t "))
			.withMessage("The timeline text must not be empty.");
	}

	@Test
	void refusesTextLongerThan4000Characters() {
		assertThatIllegalArgumentException().isThrownBy(() -> note("x".repeat(4001)))
			.withMessage("The timeline text is 4001 characters long; at most 4000 are allowed.");
	}

	@Test
	void countsCharactersAsPostgresqlDoesSoAnEmojiIsOne() {
		assertThat(note("🚀".repeat(4000)).text()).hasSize(8000);
		assertThatIllegalArgumentException().isThrownBy(() -> note("🚀".repeat(4001)))
			.withMessageContaining("4001 characters");
	}

	@Test
	void refusesTextPostgresqlWouldNotStoreAsGiven() {
		assertThatIllegalArgumentException().isThrownBy(() -> note("before\u0000after"))
			.withMessageContaining("NUL character");
		assertThatIllegalArgumentException().isThrownBy(() -> note("half an emoji \uD83D"))
			.withMessageContaining("unpaired surrogate");
	}

	@Test
	void onlyAPersonRecordsOnBehalfOfARole() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NewTimelineEntry.system(5, TimelineKind.STEP, "Deployed").withOnBehalfOf("Deployer"))
			.withMessage("Only a person can record on behalf of Deployer.");
	}

	@Test
	void refusesBlankOptionalFieldsAndAMissingKindOrCutover() {
		assertThatIllegalArgumentException().isThrownBy(() -> note("Deployed").withSubject(" "))
			.withMessage("The subject key must not be blank; leave it out instead.");
		assertThatIllegalArgumentException().isThrownBy(() -> note("Deployed").withSubject("k".repeat(101)))
			.withMessage("The subject key is 101 characters long; at most 100 are allowed.");
		assertThatIllegalArgumentException().isThrownBy(() -> NewTimelineEntry.by(5, 7, "Sam (sam)", null, "Deployed"))
			.withMessage("A timeline entry needs a kind.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NewTimelineEntry.by(0, 7, "Sam (sam)", TimelineKind.NOTE, "Deployed"))
			.withMessage("A timeline entry needs the id of its cutover, not 0.");
		assertThatIllegalArgumentException().isThrownBy(() -> NewTimelineEntry.by(5, 7, "", TimelineKind.NOTE, "x"))
			.withMessage("The actor label must not be empty.");
	}

	@Test
	void detailsAreCopiedSoLaterChangesByTheCallerDoNotLeakIn() {
		Map<String, Object> details = new HashMap<>();
		details.put("exit_code", 0);
		NewTimelineEntry entry = note("Smoke test").withDetails(details);

		details.put("exit_code", 1);

		assertThat(entry.details()).containsEntry("exit_code", 0);
	}

	private static NewTimelineEntry note(String text) {
		return NewTimelineEntry.by(5, 7, "Sam Scribe (sam)", TimelineKind.NOTE, text);
	}

}
