package dev.tminus.cutover;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class CutoverCreationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	CutoverService service;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aMemberCreatesACutoverWhoseCommandsCarryThisRunsParameters() throws Exception {
		AccountView creator = this.accounts.member("creator");
		Instant t0 = this.clock.instant().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		this.mvc
			.perform(post("/cutovers").with(this.accounts.as(creator))
				.with(csrf())
				.param("templateKey", "e2-3-reload-cutover-rehearsal")
				.param("name", "E2-3 rehearsal #1")
				.param("environment", "dev")
				.param("releaseRef", "v1.2.3")
				.param("kind", "REHEARSAL")
				.param("t0", ParameterResolver.format(t0)))
			.andExpect(redirectedUrlPattern("/cutovers/*"));
		long id = this.jdbc.sql("select id from cutover where name = 'E2-3 rehearsal #1'").query(Long.class).single();
		Map<String, String> parameters = dev.tminus.cutover.internal.JsonMapConverter
			.read(this.jdbc.sql("select parameters::text from cutover where id = ?")
				.param(id)
				.query(String.class)
				.single());
		assertThat(parameters.get("RUN_ID")).startsWith("e2-3-").hasSize("e2-3-20261122030000".length());
		assertThat(parameters.get("BACKFILL_SINCE"))
			.isEqualTo(ParameterResolver.format(t0.minus(Duration.ofHours(24))));
		assertThat(parameters.get("BACKFILL_UNTIL")).isEqualTo(ParameterResolver.format(t0.minusSeconds(1)));
		assertThat(parameters.get("T_CUTOVER")).isEqualTo(ParameterResolver.format(t0));
		this.mvc.perform(get("/cutovers/{id}", id).with(this.accounts.as(creator)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("--since " + parameters.get("BACKFILL_SINCE"))))
			.andExpect(content().string(containsString(parameters.get("RUN_ID"))));
		assertThat(this.jdbc.sql("select count(*) from step_state where cutover_id = ? and status = 'PENDING'")
			.param(id)
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void refusesABadT0WithAMessageAndWritesNothing() throws Exception {
		AccountView creator = this.accounts.member("creator");
		long before = this.jdbc.sql("select count(*) from cutover").query(Long.class).single();
		String[][] cases = { { "2020-01-01T00:00:00Z", "must be in the future" }, { "2030-01-01T09:00", "has no zone" },
				{ "2030-01-01T09:00:00+02:00", "Give the time in UTC" }, { "tomorrow", "Enter a UTC time" },
				{ "", "Enter T-0" }, { "9".repeat(5000), "Enter" } };
		for (String[] c : cases) {
			this.mvc
				.perform(post("/cutovers").with(this.accounts.as(creator))
					.with(csrf())
					.param("templateKey", "go-live-canary-money-loop")
					.param("name", "Go-live")
					.param("environment", "prod")
					.param("releaseRef", "8e28d6c3")
					.param("kind", "LIVE")
					.param("t0", c[0])
					.param("input.CANARY_TENANT", "t-1"))
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().string(containsString(c[1])));
		}
		assertThat(this.jdbc.sql("select count(*) from cutover").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void refusesMissingInputsUnknownTemplatesAndOversizeFields() throws Exception {
		AccountView creator = this.accounts.member("creator");
		String t0 = ParameterResolver.format(this.clock.instant().plus(Duration.ofHours(1)));
		this.mvc
			.perform(post("/cutovers").with(this.accounts.as(creator))
				.with(csrf())
				.param("templateKey", "go-live-canary-money-loop")
				.param("name", "Go-live")
				.param("environment", "prod")
				.param("releaseRef", "8e28d6c3")
				.param("kind", "LIVE")
				.param("t0", t0))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("CANARY_TENANT")));
		this.mvc
			.perform(post("/cutovers").with(this.accounts.as(creator))
				.with(csrf())
				.param("templateKey", "no-such-template")
				.param("name", "x")
				.param("environment", "prod")
				.param("releaseRef", "1")
				.param("kind", "LIVE")
				.param("t0", t0))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Choose one of the listed runbook templates.")));
		this.mvc
			.perform(post("/cutovers").with(this.accounts.as(creator))
				.with(csrf())
				.param("templateKey", "go-live-canary-money-loop")
				.param("name", "n".repeat(10_000))
				.param("environment", "prod")
				.param("releaseRef", "1")
				.param("kind", "SOMETIMES")
				.param("t0", t0))
			.andExpect(status().isUnprocessableContent());
	}

	@Test
	void onlyMembersCreateCutovers() throws Exception {
		for (GlobalRole role : new GlobalRole[] { GlobalRole.ADMIN, GlobalRole.AUDITOR }) {
			AccountView someone = this.accounts.create("not-member", role);
			this.mvc
				.perform(post("/cutovers").with(this.accounts.as(someone))
					.with(csrf())
					.param("templateKey", "pilot-go-no-go")
					.param("name", "sneaky")
					.param("environment", "prod")
					.param("releaseRef", "1")
					.param("kind", "LIVE")
					.param("t0", ParameterResolver.format(this.clock.instant().plus(Duration.ofHours(1)))))
				.andExpect(status().isForbidden());
		}
		assertThat(this.jdbc.sql("select count(*) from cutover where name = 'sneaky'").query(Long.class).single())
			.isZero();
	}

	@Test
	void aCutoverCannotStartWithoutExactlyOneIc() {
		AccountView creator = this.accounts.member("creator");
		long id = this.cutovers.create("pilot-go-no-go", creator, Map.of());
		assertThatExceptionOfType(CutoverException.class)
			.isThrownBy(() -> this.service.start(id, this.cutovers.user(creator)))
			.withMessageContaining("exactly one Incident Commander");
		AccountView ic = this.accounts.member("ic");
		this.cutovers.assign(id, "IC", ic, creator);
		assertThatExceptionOfType(CutoverException.class)
			.isThrownBy(() -> this.cutovers.assign(id, "IC", this.accounts.member("ic2"), creator))
			.withMessageContaining("exactly one");
		this.service.start(id, this.cutovers.user(creator));
		assertThat(this.jdbc.sql("select status from cutover where id = ?").param(id).query(String.class).single())
			.isEqualTo("IN_PROGRESS");
	}

	@Test
	void onlyMemberAccountsTakeWarRoomRoles() {
		AccountView creator = this.accounts.member("creator");
		long id = this.cutovers.create("pilot-go-no-go", creator, Map.of());
		for (GlobalRole role : new GlobalRole[] { GlobalRole.ADMIN, GlobalRole.AUDITOR }) {
			AccountView someone = this.accounts.create("x", role);
			assertThatExceptionOfType(CutoverException.class)
				.isThrownBy(() -> this.cutovers.assign(id, "IC", someone, creator))
				.withMessageContaining("Only MEMBER accounts take war-room roles");
		}
	}

	@Test
	void theBoardIsHiddenFromMembersWhoTakeNoPartButOpenToAuditorsAndAdmins() throws Exception {
		TestCutovers.WarRoom room = this.cutovers.goLive();
		this.mvc
			.perform(get("/cutovers/{id}", room.cutoverId()).with(this.accounts.as(this.accounts.member("outsider"))))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(get("/cutovers/{id}", room.cutoverId())
				.with(this.accounts.as(this.accounts.create("auditor", GlobalRole.AUDITOR))))
			.andExpect(status().isOk());
		this.mvc
			.perform(get("/cutovers/{id}", room.cutoverId())
				.with(this.accounts.as(this.accounts.create("admin", GlobalRole.ADMIN))))
			.andExpect(status().isOk());
		this.mvc.perform(get("/cutovers/{id}", 987_654_321L).with(this.accounts.as(room.ic())))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/cutovers/not-a-number").with(this.accounts.as(room.ic())))
			.andExpect(status().isBadRequest());
	}

	@Test
	void theHomePageListsMyCutovers() throws Exception {
		TestCutovers.WarRoom room = this.cutovers.goLive();
		this.mvc.perform(get("/").with(this.accounts.as(room.deployer())))
			.andExpect(content().string(containsString("Test go-live-canary-money-loop")))
			.andExpect(content().string(containsString("DEPLOYER")));
	}

}
