package dev.tminus.cutover;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class StepRecordingTests {

	/** Owned by the Deployer, no predecessors (seed 001 preconditions). */
	static final String DEPLOYER_STEP = "PRE_ARTIFACTS";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	CutoverService service;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theOwnerTheScribeAndTheIcMayRecordAStep() throws Exception {
		WarRoom owner = this.cutovers.goLive();
		tick(owner, owner.deployer(), status().is3xxRedirection());
		assertThat(onBehalfOf(owner)).isNull();

		WarRoom scribe = this.cutovers.goLive();
		tick(scribe, scribe.scribe(), status().is3xxRedirection());
		assertThat(onBehalfOf(scribe)).isEqualTo("DEPLOYER");
		assertThat(this.jdbc.sql("select on_behalf_of from timeline_entry where cutover_id = ? and kind = 'STEP'")
			.param(scribe.cutoverId())
			.query(String.class)
			.single()).isEqualTo("Scribe for Deployer");

		WarRoom ic = this.cutovers.goLive();
		tick(ic, ic.ic(), status().is3xxRedirection());
		assertThat(this.cutovers.status(ic.cutoverId(), DEPLOYER_STEP)).isEqualTo("PASS");
	}

	@Test
	void everyoneElseIsRefusedAndNothingIsWritten() throws Exception {
		WarRoom room = this.cutovers.goLive();
		this.cutovers.assign(room.cutoverId(), "ONCALL", room.other(), room.creator());
		AccountView approverLike = room.payments();
		long timelineBefore = this.jdbc.sql("select count(*) from timeline_entry where cutover_id = ?")
			.param(room.cutoverId())
			.query(Long.class)
			.single();
		tick(room, room.other(), status().isForbidden());
		tick(room, approverLike, status().isForbidden());
		tick(room, room.creator(), status().isForbidden());
		tick(room, this.accounts.create("auditor", GlobalRole.AUDITOR), status().isForbidden());
		tick(room, this.accounts.create("admin", GlobalRole.ADMIN), status().isForbidden());
		tick(room, this.accounts.member("stranger"), status().isNotFound());
		assertThat(this.cutovers.status(room.cutoverId(), DEPLOYER_STEP)).isEqualTo("PENDING");
		assertThat(this.jdbc.sql("select count(*) from timeline_entry where cutover_id = ?")
			.param(room.cutoverId())
			.query(Long.class)
			.single()).isEqualTo(timelineBefore);
		this.mvc
			.perform(post("/cutovers/{id}/steps/{key}", room.cutoverId(), DEPLOYER_STEP).param("status", "PASS")
				.param("version", "0")
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.cutovers.status(room.cutoverId(), DEPLOYER_STEP)).isEqualTo("PENDING");
	}

	@Test
	void passNeedsTheRequiredFieldsAndNaNeedsAReason() throws Exception {
		WarRoom room = this.cutovers.goLive();
		this.mvc
			.perform(post("/cutovers/{id}/steps/{key}", room.cutoverId(), DEPLOYER_STEP)
				.with(this.accounts.as(room.deployer()))
				.with(csrf())
				.param("status", "NA")
				.param("version", "0"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("N/A needs a reason.")));
		this.mvc
			.perform(post("/cutovers/{id}/steps/{key}", room.cutoverId(), DEPLOYER_STEP)
				.with(this.accounts.as(room.deployer()))
				.with(csrf())
				.param("status", "MAYBE")
				.param("version", "0"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Choose PASS, FAIL or N/A.")));
		completePreconditions(room);
		this.mvc
			.perform(post("/cutovers/{id}/steps/{key}", room.cutoverId(), "RELEASE_SHA_FIXED")
				.with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("status", "PASS")
				.param("version", "0"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Release SHA/Tag is required to record PASS.")));
		this.mvc
			.perform(post("/cutovers/{id}/steps/{key}", room.cutoverId(), "RELEASE_SHA_FIXED")
				.with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("status", "PASS")
				.param("version", "0")
				.param("field.release_sha", "8e28d6c3"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc
			.sql("select field_values->>'release_sha' from step_state where cutover_id = ? and step_key = ?")
			.params(room.cutoverId(), "RELEASE_SHA_FIXED")
			.query(String.class)
			.single()).isEqualTo("8e28d6c3");
	}

	@Test
	void noSkippingAPassWaitsForItsPredecessors() throws Exception {
		WarRoom room = this.cutovers.goLive();
		this.mvc
			.perform(post("/cutovers/{id}/steps/{key}", room.cutoverId(), "RELEASE_SHA_FIXED")
				.with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("status", "PASS")
				.param("version", "0")
				.param("field.release_sha", "8e28d6c3"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("No skipping")))
			.andExpect(content().string(containsString("Artifacts: RC Artifacts")));
		assertThat(this.cutovers.status(room.cutoverId(), "RELEASE_SHA_FIXED")).isEqualTo("PENDING");
		String board = this.mvc.perform(get("/cutovers/{id}", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(board).contains("class=\"step s-PENDING blocked\" id=\"step-RELEASE_SHA_FIXED\"")
			.contains("class=\"step s-PENDING\" id=\"step-PRE_ARTIFACTS\"")
			.doesNotContain("? &#39;blocked&#39;");
	}

	@Test
	void stepsWaitForTheStart() {
		AccountView creator = this.accounts.member("creator");
		long id = this.cutovers.create("go-live-canary-money-loop", creator, Map.of("CANARY_TENANT", "t"));
		AccountView deployer = this.accounts.member("deployer");
		this.cutovers.assign(id, "DEPLOYER", deployer, creator);
		assertThatExceptionOfType(CutoverException.class)
			.isThrownBy(() -> this.cutovers.record(id, DEPLOYER_STEP, StepStatus.PASS, deployer, Map.of()))
			.withMessageContaining("has not started yet");
	}

	@Test
	void aHandoffTakesTheRightsFromThePreviousHolderAtOnce() throws Exception {
		WarRoom room = this.cutovers.goLive();
		long assignment = this.jdbc.sql("select id from cutover_role where cutover_id = ? and role_key = 'DEPLOYER'")
			.param(room.cutoverId())
			.query(Long.class)
			.single();
		AccountView substitute = this.accounts.member("substitute");
		this.mvc
			.perform(post("/cutovers/{id}/roles/{a}/handover", room.cutoverId(), assignment)
				.with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("toUsername", substitute.username())
				.param("reason", "Deployer fell sick"))
			.andExpect(status().is3xxRedirection());
		// the previous holder takes no part any more: the cutover is not theirs to see
		tick(room, room.deployer(), status().isNotFound());
		tick(room, substitute, status().is3xxRedirection());
		String entry = this.jdbc
			.sql("select text from timeline_entry where cutover_id = ? and kind = 'ROLE' and text like '%handed over%'")
			.param(room.cutoverId())
			.query(String.class)
			.single();
		assertThat(entry).contains(room.deployer().label(), substitute.label(), "Deployer fell sick");
	}

	@Test
	void theIcHandsOverTheirOwnRoleAtThreeInTheMorning() throws Exception {
		WarRoom room = this.cutovers.goLive();
		long assignment = this.jdbc.sql("select id from cutover_role where cutover_id = ? and role_key = 'IC'")
			.param(room.cutoverId())
			.query(Long.class)
			.single();
		AccountView nightIc = this.accounts.member("night-ic");
		this.mvc
			.perform(post("/cutovers/{id}/roles/{a}/handover", room.cutoverId(), assignment)
				.with(this.accounts.as(room.ic()))
				.with(csrf())
				.param("toUsername", nightIc.username()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("select account_id from cutover_role where cutover_id = ? and role_key = 'IC'")
			.param(room.cutoverId())
			.query(Long.class)
			.single()).isEqualTo(nightIc.id());
		this.mvc
			.perform(post("/cutovers/{id}/roles/{a}/remove", room.cutoverId(), assignment + 1_000)
				.with(this.accounts.as(room.ic()))
				.with(csrf()))
			.andExpect(status().isNotFound());
	}

	@Test
	void twoPeopleRecordingTheSameStepAtOnceOneWinsTheOtherIsToldAndNothingIsLost() throws Exception {
		WarRoom room = this.cutovers.goLive();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<String>> results = new ArrayList<>();
		for (var who : List.of(Map.entry(room.deployer(), StepStatus.PASS),
				Map.entry(room.scribe(), StepStatus.FAIL))) {
			results.add(pool.submit(() -> {
				go.await();
				try {
					this.service.recordStep(room.cutoverId(), DEPLOYER_STEP,
							new RecordStep(who.getValue(), Map.of(), null, 0), this.cutovers.user(who.getKey()));
					return "won";
				}
				catch (StepConflictException | ObjectOptimisticLockingFailureException ex) {
					return "told";
				}
			}));
		}
		go.countDown();
		List<String> outcomes = new ArrayList<>();
		for (Future<String> result : results) {
			outcomes.add(result.get());
		}
		pool.shutdown();
		assertThat(outcomes).containsExactlyInAnyOrder("won", "told");
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "STEP")).isEqualTo(1);
		assertThat(this.cutovers.version(room.cutoverId(), DEPLOYER_STEP)).isEqualTo(1);
	}

	@Test
	void aStaleFormIsToldWhoRecordedWhatAndWhen() throws Exception {
		WarRoom room = this.cutovers.goLive();
		this.cutovers.record(room.cutoverId(), DEPLOYER_STEP, StepStatus.FAIL, room.deployer(), Map.of());
		this.mvc
			.perform(post("/cutovers/{id}/steps/{key}", room.cutoverId(), DEPLOYER_STEP)
				.with(this.accounts.as(room.scribe()))
				.with(csrf())
				.header("HX-Request", "true")
				.param("status", "PASS")
				.param("version", "0"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("Already recorded FAIL by " + room.deployer().displayName())))
			.andExpect(content().string(containsString("Nothing was overwritten")));
		assertThat(this.cutovers.status(room.cutoverId(), DEPLOYER_STEP)).isEqualTo("FAIL");
	}

	@Test
	void aDoubleSubmittedFormRecordsOnce() throws Exception {
		WarRoom room = this.cutovers.goLive();
		for (int i = 0; i < 2; i++) {
			this.mvc
				.perform(post("/cutovers/{id}/steps/{key}", room.cutoverId(), DEPLOYER_STEP)
					.with(this.accounts.as(room.deployer()))
					.with(csrf())
					.header("HX-Request", "true")
					.param("status", "PASS")
					.param("version", "0"))
				.andExpect(status().isOk());
		}
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "STEP")).isEqualTo(1);
	}

	private void tick(WarRoom room, AccountView who, ResultMatcher expected) throws Exception {
		this.mvc
			.perform(post("/cutovers/{id}/steps/{key}", room.cutoverId(), DEPLOYER_STEP).with(this.accounts.as(who))
				.with(csrf())
				.param("status", "PASS")
				.param("version", String.valueOf(this.cutovers.version(room.cutoverId(), DEPLOYER_STEP))))
			.andExpect(expected);
	}

	private String onBehalfOf(WarRoom room) {
		return this.jdbc.sql("select on_behalf_of from step_state where cutover_id = ? and step_key = ?")
			.params(room.cutoverId(), DEPLOYER_STEP)
			.query((rs, row) -> rs.getString(1))
			.list()
			.get(0);
	}

	private void completePreconditions(WarRoom room) {
		this.cutovers.record(room.cutoverId(), "PRE_RELEASE_PIN", StepStatus.PASS, room.ic(), Map.of());
		this.cutovers.record(room.cutoverId(), "PRE_ACCESS", StepStatus.PASS, room.ic(), Map.of());
		this.cutovers.record(room.cutoverId(), "PRE_ARTIFACTS", StepStatus.PASS, room.deployer(), Map.of());
		this.cutovers.record(room.cutoverId(), "PRE_ROLLBACK_OWNER", StepStatus.PASS, room.dbOwner(), Map.of());
		this.cutovers.record(room.cutoverId(), "PRE_CANARY_READY", StepStatus.PASS, room.payments(), Map.of());
		this.cutovers.record(room.cutoverId(), "PRE_HYPERCARE_READY", StepStatus.NA, room.scribe(), Map.of());
	}

}
