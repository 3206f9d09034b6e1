package dev.tminus.audit.stats;

import java.util.List;

import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;
import dev.tminus.audit.stats.StatsRooms.Room;
import dev.tminus.audit.stats.StatsView.ClassificationRow;
import dev.tminus.audit.stats.StatsView.DecisionFigure;
import dev.tminus.audit.stats.StatsView.MonthRow;
import dev.tminus.cutover.CutoverKind;
import dev.tminus.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The "Across cutovers" page over real cutovers: decisions per month, NO-GO rankings, who
 * sees which figures, and filters that cannot be used.
 */
@IntegrationTest
class StatsPageTests extends StatsTestSupport {

	@Test
	void countsDecisionsPerMonthAndOutcomeWithRehearsalsAndLiveRunsApart() throws Exception {
		at("01-10T08:00:00");
		this.rooms.noGo(this.rooms.started(StatsRooms.E23, CutoverKind.REHEARSAL), "ENVIRONMENT_BLOCKED");
		at("02-05T08:00:00");
		this.rooms.go(this.rooms.started(StatsRooms.E23, CutoverKind.REHEARSAL));
		this.rooms.rollback(this.rooms.started(StatsRooms.PILOT, CutoverKind.LIVE));
		this.rooms.noGo(this.rooms.started(StatsRooms.E23, CutoverKind.LIVE), "SYNC_FAILED");
		at("04-20T08:00:00");
		this.rooms.noGo(this.rooms.started(StatsRooms.PILOT, CutoverKind.LIVE), "SMOKE_FAILED");

		StatsView apart = stats(this.auditor);

		assertThat(apart.decisions()).extracting(DecisionFigure::series)
			.containsExactly(StatsSeries.REHEARSAL, StatsSeries.LIVE);
		// months run from the first to the last decision; March had none
		assertThat(apart.decisions().get(0).months()).containsExactly(month("01", 0, 1, 0), month("02", 1, 0, 0),
				month("03", 0, 0, 0), month("04", 0, 0, 0));
		assertThat(apart.decisions().get(1).months()).containsExactly(month("01", 0, 0, 0), month("02", 0, 1, 1),
				month("03", 0, 0, 0), month("04", 0, 1, 0));
		assertThat(apart.cutovers()).extracting(StatsView.SeriesCount::cutovers).containsExactly(2L, 3L);

		StatsView mixed = stats(this.auditor, "combine", "true");

		assertThat(mixed.decisions()).singleElement().satisfies((figure) -> {
			assertThat(figure.series()).isEqualTo(StatsSeries.ALL);
			assertThat(figure.months()).containsExactly(month("01", 0, 1, 0), month("02", 1, 1, 1),
					month("03", 0, 0, 0), month("04", 0, 1, 0));
		});

		StatsView live = stats(this.auditor, "kind", "LIVE");

		assertThat(live.decisions()).singleElement().satisfies((figure) -> {
			assertThat(figure.series()).isEqualTo(StatsSeries.LIVE);
			assertThat(figure.months()).containsExactly(month("02", 0, 1, 1), month("03", 0, 0, 0),
					month("04", 0, 1, 0));
		});
	}

	@Test
	void showsEachSeriesAsAChartAndATableOfTheSameNumbers() throws Exception {
		at("06-01T08:00:00");
		this.rooms.noGo(this.rooms.started(StatsRooms.PILOT, CutoverKind.REHEARSAL), "SMOKE_FAILED");

		page(this.auditor).andExpect(status().isOk())
			.andExpect(content().string(containsString("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"")))
			.andExpect(content().string(containsString("<title>" + this.year + "-06 · NO-GO: 1</title>")))
			.andExpect(content().string(containsString("id=\"decisions-REHEARSAL\"")))
			.andExpect(content().string(containsString("data-month=\"" + this.year + "-06\"")))
			.andExpect(content().string(containsString("How this is computed")))
			.andExpect(content().string(containsString("Rehearsals and live runs are never mixed")))
			.andExpect(content().string(not(containsString("style="))));
		page(this.auditor, "combine", "true")
			.andExpect(content().string(containsString("Rehearsals and live runs are mixed, as asked.")))
			.andExpect(content().string(containsString("id=\"decisions-ALL\"")));
	}

	@Test
	void ranksNoGoClassificationsMostFrequentFirstPerSeries() throws Exception {
		at("03-01T08:00:00");
		for (String classification : List.of("METRICS_FAILED", "SMOKE_FAILED", "ENVIRONMENT_BLOCKED", "SMOKE_FAILED",
				"METRICS_FAILED", "SMOKE_FAILED")) {
			this.rooms.noGo(this.rooms.started(StatsRooms.PILOT, CutoverKind.REHEARSAL), classification);
		}
		this.rooms.noGo(this.rooms.started(StatsRooms.PILOT, CutoverKind.LIVE), "PREFLIGHT_FAILED");

		StatsView stats = stats(this.auditor);

		assertThat(stats.classifications().get(0).rows()).containsExactly(new ClassificationRow(1, "SMOKE_FAILED", 3),
				new ClassificationRow(2, "METRICS_FAILED", 2), new ClassificationRow(3, "ENVIRONMENT_BLOCKED", 1));
		assertThat(stats.classifications().get(1).rows())
			.containsExactly(new ClassificationRow(1, "PREFLIGHT_FAILED", 1));
		assertThat(stats(this.auditor, "combine", "true").classifications().get(0).rows())
			.extracting(ClassificationRow::rank, ClassificationRow::classification)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, "SMOKE_FAILED"),
					org.assertj.core.groups.Tuple.tuple(2, "METRICS_FAILED"),
					org.assertj.core.groups.Tuple.tuple(3, "ENVIRONMENT_BLOCKED"),
					org.assertj.core.groups.Tuple.tuple(3, "PREFLIGHT_FAILED"));
	}

	@Test
	void aMemberSeesOnlyTheFiguresOfCutoversTheyCreatedOrHoldARoleIn() throws Exception {
		at("05-01T08:00:00");
		AccountView member = this.accounts.member("member");
		this.rooms.noGo(this.rooms.started(StatsRooms.PILOT, CutoverKind.REHEARSAL, member, this.accounts.member("ic")),
				"SMOKE_FAILED");
		Room withARole = this.rooms.started(StatsRooms.PILOT, CutoverKind.REHEARSAL);
		this.cutovers.assign(withARole.id(), "SCRIBE", member, withARole.creator());
		this.rooms.noGo(withARole, "ENVIRONMENT_BLOCKED");
		this.rooms.noGo(this.rooms.started(StatsRooms.PILOT, CutoverKind.REHEARSAL), "METRICS_FAILED");

		StatsView mine = stats(member);
		StatsView all = stats(this.auditor);

		assertThat(mine.everything()).isFalse();
		assertThat(mine.cutovers().get(0).cutovers()).isEqualTo(2);
		assertThat(mine.classifications().get(0).rows()).extracting(ClassificationRow::classification)
			.containsExactlyInAnyOrder("SMOKE_FAILED", "ENVIRONMENT_BLOCKED");
		assertThat(all.everything()).isTrue();
		assertThat(all.cutovers().get(0).cutovers()).isEqualTo(3);
		assertThat(all.classifications().get(0).rows()).extracting(ClassificationRow::classification)
			.contains("METRICS_FAILED");
		page(member).andExpect(content().string(not(containsString("METRICS_FAILED"))))
			.andExpect(content().string(containsString("Only the cutovers you created or hold a role in")));
		assertThat(stats(this.accounts.member("stranger")).classifications().get(0).rows()).isEmpty();
	}

	@Test
	void unusableFiltersAreA400WithTheReasonOnThePage() throws Exception {
		this.mvc.perform(get("/audit/stats").param("kind", "SOMETIMES").with(this.accounts.as(this.auditor)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Kind: &#39;SOMETIMES&#39; is not a kind")))
			.andExpect(content().string(containsString("id=\"stats-filter\"")))
			.andExpect(content().string(containsString(this.auditor.displayName())));
		this.mvc.perform(get("/audit/stats").param("from", "2026-13-01").with(this.accounts.as(this.auditor)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("use YYYY-MM-DD")))
			.andExpect(content().string(containsString("value=\"2026-13-01\"")));
		this.mvc
			.perform(get("/audit/stats").param("from", "2026-05-01")
				.param("to", "2026-04-01")
				.with(this.accounts.as(this.auditor)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("is after To")));
		this.mvc.perform(get("/audit/stats").param("combine", "maybe").with(this.accounts.as(this.auditor)))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(get("/audit/stats").param("template", "<No such runbook>").with(this.accounts.as(this.auditor)))
			.andExpect(status().isBadRequest())
			.andExpect(
					content().string(containsString("no runbook template is named &#39;&lt;No such runbook&gt;&#39;")))
			.andExpect(content().string(not(containsString("<No such runbook>"))));
	}

	@Test
	void anyoneSignedInMayOpenThePageAndAnonymousIsSentToSignIn() throws Exception {
		this.mvc.perform(get("/audit/stats")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		page(this.accounts.member("member")).andExpect(status().isOk())
			.andExpect(content().string(containsString("Choose a template above")));
		page(this.accounts.create("admin", GlobalRole.ADMIN)).andExpect(status().isOk());
	}

	private MonthRow month(String month, long go, long noGo, long rollback) {
		return new MonthRow(this.year + "-" + month, go, noGo, rollback);
	}

}
