package dev.tminus.signoff;

import dev.tminus.cutover.CutoverService;
import dev.tminus.signoff.GaWarRooms.GaRoom;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class SignOffTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	CutoverService cutoverService;

	@Autowired
	SignOffQueries queries;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyRequiredSignOffStartsPending() {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		assertThat(this.queries.statuses(room.cutoverId())).extracting(SignOffStatus::key)
			.containsExactly("PM", "ENG_MGR", "SRE", "SEC", "FINOPS", "SUPPORT");
		assertThat(this.queries.statuses(room.cutoverId())).allSatisfy((s) -> assertThat(s.pending()).isTrue());
	}

	@Test
	void theApproverRoleHolderGivesTheSignOffAndTheLatestRecordCounts() throws Exception {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		sign(room, room.pm(), "PM", "REFUSED", "G5 not reviewed yet").andExpect(status().is3xxRedirection());
		sign(room, room.pm(), "PM", "GIVEN", "G1-G8 reviewed").andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/cutovers/" + room.cutoverId() + "#signoffs"));

		SignOffStatus pm = this.queries.statuses(room.cutoverId()).get(0);
		assertThat(pm.key()).isEqualTo("PM");
		assertThat(pm.state()).isEqualTo("GIVEN");
		assertThat(pm.by()).contains(room.pm().username());
		assertThat(pm.comment()).isEqualTo("G1-G8 reviewed");
		assertThat(rows(room.cutoverId())).isEqualTo(2);
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "SIGN_OFF")).isEqualTo(2);
		assertThat(this.jdbc.sql("select count(*) from live_signal where cutover_id = ? and topic = 'signoffs'")
			.param(room.cutoverId())
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void anotherMemberMayNotSignAndNothingIsWritten() throws Exception {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		sign(room, room.scribe(), "PM", "GIVEN", "ok").andExpect(status().isForbidden())
			.andExpect(content().string(containsString("Only a holder of the PM role")));
		sign(room, room.finops(), "PM", "GIVEN", "ok").andExpect(status().isForbidden());
		sign(room, room.other(), "PM", "GIVEN", "ok").andExpect(status().isNotFound());
		assertThat(rows(room.cutoverId())).isZero();
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "SIGN_OFF")).isZero();
	}

	@Test
	void theIcMayNotSignOffEvenHoldingTheApproverRole() throws Exception {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.cutovers.assign(room.cutoverId(), "PM", room.ic(), room.creator()))
			.hasMessageContaining("Segregation of duties");
		// the state arises another way: a role row written before the rule
		this.jdbc.sql("""
				insert into cutover_role (cutover_id, role_key, account_id, assigned_at, assigned_by)
				values (?, 'PM', ?, now(), ?)""")
			.params(room.cutoverId(), room.ic().id(), room.creator().id())
			.update();
		sign(room, room.ic(), "PM", "GIVEN", "self").andExpect(status().isForbidden())
			.andExpect(content().string(containsString("No self-approval")));
		assertThat(rows(room.cutoverId())).isZero();
		assertThat(this.cutovers.timelineRows(room.cutoverId(), "SIGN_OFF")).isZero();
		assertThat(this.queries.statuses(room.cutoverId()).get(0).pending()).isTrue();
	}

	@Test
	void aRefusalWithoutACommentIsRefused() throws Exception {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		sign(room, room.pm(), "PM", "REFUSED", " ").andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("A refusal needs a comment")));
		assertThat(rows(room.cutoverId())).isZero();
	}

	@Test
	void theFragmentOffersTheFormOnlyToTheApprover() throws Exception {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		String action = "/cutovers/" + room.cutoverId() + "/signoffs/PM";
		this.mvc.perform(get("/cutovers/{id}/signoffs", room.cutoverId()).with(this.accounts.as(room.pm())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("hx-trigger=\"live:signoffs from:body\"")))
			.andExpect(content().string(containsString(action)))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
		this.mvc.perform(get("/cutovers/{id}/signoffs", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString(action))));
	}

	@Test
	void aSignOffRecordCannotBeChangedNorDeleted() throws Exception {
		GaRoom room = GaWarRooms.start(this.cutovers, this.accounts, this.cutoverService);
		sign(room, room.pm(), "PM", "GIVEN", "fine");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("update sign_off set state = 'REFUSED', comment = 'x' where cutover_id = ?")
				.param(room.cutoverId())
				.update())
			.withMessageContaining("append-only");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(
					() -> this.jdbc.sql("delete from sign_off where cutover_id = ?").param(room.cutoverId()).update())
			.withMessageContaining("append-only");
	}

	private ResultActions sign(GaRoom room, dev.tminus.account.AccountView as, String key, String state, String comment)
			throws Exception {
		return this.mvc.perform(post("/cutovers/{id}/signoffs/{key}", room.cutoverId(), key).with(this.accounts.as(as))
			.with(csrf())
			.param("state", state)
			.param("comment", comment));
	}

	private long rows(long cutoverId) {
		return this.jdbc.sql("select count(*) from sign_off where cutover_id = ?")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

}
