package dev.tminus.cutover;

import java.util.List;
import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.api.ApiScope;
import dev.tminus.api.ApiTokenService;
import dev.tminus.hypercare.GoLives;
import dev.tminus.support.IntegrationTest;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Segregation of duties on the seed 001 go-live: whoever gave a sign-off or holds an
 * approver role on a cutover cannot sign its GO. Refused at assignment and handover, and
 * at GO (page and API) when the state arose some other way.
 */
@IntegrationTest
class SegregationOfDutiesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	ApiTokenService tokens;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	GoLives goLives;

	@BeforeEach
	void goLives() {
		this.goLives = new GoLives(this.context);
	}

	@Test
	void thePaymentsOwnerWhoSignedTheRcOffCannotTakeTheIcRoleByHandoverEvenAfterGivingUpTheirRole() throws Exception {
		WarRoom room = this.cutovers.goLive();
		this.mvc
			.perform(post("/cutovers/{id}/signoffs/RC_SIGN_OFF", room.cutoverId()).param("state", "GIVEN")
				.param("comment", "RC criteria met")
				.with(this.accounts.as(room.payments()))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());

		handOverIc(room, room.payments()).andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Segregation of duties: " + label(room.payments())
					+ " holds Payments Owner (an approver role) and gave the sign-off &#39;RC Sign-off Criteria (Met)&#39;")));

		this.mvc
			.perform(post("/cutovers/{id}/roles/{a}/remove", room.cutoverId(),
					assignment(room.cutoverId(), "PAYMENTS_OWNER", room.payments()))
				.with(this.accounts.as(room.creator()))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		handOverIc(room, room.payments()).andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("gave the sign-off &#39;RC Sign-off Criteria (Met)&#39;")));
		assertThat(holders(room.cutoverId(), "IC")).containsExactly(room.ic().id());

		AccountView fresh = this.accounts.member("fresh-ic");
		handOverIc(room, fresh).andExpect(status().is3xxRedirection());
		assertThat(holders(room.cutoverId(), "IC")).containsExactly(fresh.id());
	}

	@Test
	void anApproverCannotBeAssignedIcAndTheIcCannotBeAssignedAnApproverRole() throws Exception {
		AccountView creator = this.accounts.member("creator");
		long id = this.cutovers.create("go-live-canary-money-loop", creator, Map.of("CANARY_TENANT", "t-1"));
		AccountView pat = this.accounts.member("pat");
		AccountView ida = this.accounts.member("ida");
		assign(id, "PAYMENTS_OWNER", pat, creator).andExpect(status().is3xxRedirection());
		assign(id, "IC", pat, creator).andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("holds Payments Owner (an approver role)")));
		assign(id, "IC", ida, creator).andExpect(status().is3xxRedirection());
		assign(id, "PAYMENTS_OWNER", ida, creator).andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString(label(ida)
					+ " is the Incident Commander of this cutover, who alone signs its GO, and cannot also hold Payments Owner")));
		assertThat(holders(id, "IC")).containsExactly(ida.id());
		assertThat(holders(id, "PAYMENTS_OWNER")).containsExactly(pat.id());
		// a role that approves nothing is fine
		assign(id, "SCRIBE", ida, creator).andExpect(status().is3xxRedirection());
	}

	@Test
	void goIsRefusedOnThePageAndTheApiWhenTheStateAroseAnotherWay() throws Exception {
		WarRoom room = this.goLives.ready();
		// a role row written before the rule, or copied into a retry
		this.jdbc.sql("""
				insert into cutover_role (cutover_id, role_key, account_id, assigned_at, assigned_by)
				values (?, 'PAYMENTS_OWNER', ?, now(), ?)""")
			.params(room.cutoverId(), room.ic().id(), room.creator().id())
			.update();
		String reason = "Segregation of duties: the Incident Commander " + label(room.ic())
				+ " holds Payments Owner (an approver role) on this cutover.";

		this.mvc.perform(get("/cutovers/{id}/decision", room.cutoverId()).with(this.accounts.as(room.ic())))
			.andExpect(content().string(containsString(reason)));
		this.mvc
			.perform(post("/cutovers/{id}/decision", room.cutoverId()).param("outcome", "GO")
				.param("password", TestAccounts.PASSWORD)
				.with(this.accounts.as(room.ic()))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString(reason)));
		String token = this.tokens.create("ci", 1, List.of(ApiScope.CUTOVER_READ), this.cutovers.user(room.ic()))
			.token();
		this.mvc.perform(get("/api/v1/cutovers/{id}", room.cutoverId()).header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.goRefusals", hasItem(containsString(reason))));
		assertThat(this.goLives.status(room.cutoverId())).isEqualTo("IN_PROGRESS");

		this.mvc
			.perform(post("/cutovers/{id}/roles/{a}/remove", room.cutoverId(),
					assignment(room.cutoverId(), "PAYMENTS_OWNER", room.ic()))
				.with(this.accounts.as(room.ic()))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/api/v1/cutovers/{id}", room.cutoverId()).header("Authorization", "Bearer " + token))
			.andExpect(jsonPath("$.goRefusals").isEmpty());
		this.mvc
			.perform(post("/cutovers/{id}/decision", room.cutoverId()).param("outcome", "GO")
				.param("password", TestAccounts.PASSWORD)
				.with(this.accounts.as(room.ic()))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.goLives.status(room.cutoverId())).isEqualTo("GO");
	}

	private ResultActions handOverIc(WarRoom room, AccountView to) throws Exception {
		return this.mvc.perform(post("/cutovers/{id}/roles/{a}/handover", room.cutoverId(),
				assignment(room.cutoverId(), "IC", room.ic()))
			.param("toUsername", to.username())
			.param("reason", "going off shift")
			.with(this.accounts.as(room.ic()))
			.with(csrf()));
	}

	private ResultActions assign(long id, String role, AccountView who, AccountView by) throws Exception {
		return this.mvc.perform(post("/cutovers/{id}/roles", id).param("roleKey", role)
			.param("username", who.username())
			.with(this.accounts.as(by))
			.with(csrf()));
	}

	private long assignment(long cutoverId, String role, AccountView holder) {
		return this.jdbc.sql("select id from cutover_role where cutover_id = ? and role_key = ? and account_id = ?")
			.params(cutoverId, role, holder.id())
			.query(Long.class)
			.single();
	}

	private List<Long> holders(long cutoverId, String role) {
		return this.jdbc.sql("select account_id from cutover_role where cutover_id = ? and role_key = ? order by id")
			.params(cutoverId, role)
			.query(Long.class)
			.list();
	}

	private static String label(AccountView account) {
		return account.displayName() + " (" + account.username() + ")";
	}

}
