package dev.tminus.audit.stats;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;
import dev.tminus.cutover.CutoverService;
import dev.tminus.decision.DecisionService;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.gate.GateService;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.trigger.TriggerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the statistics integration tests share: the services to build cutovers, a year of
 * their own (the clock is set in it and put back afterwards), an auditor, and the page
 * filtered on that year.
 */
abstract class StatsTestSupport {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	MutableClock clock;

	@Autowired
	CutoverService cutoverService;

	@Autowired
	DecisionService decisions;

	@Autowired
	TriggerService triggers;

	@Autowired
	GateService gates;

	@Autowired
	EvidenceService evidence;

	StatsRooms rooms;

	Instant realTime;

	int year;

	AccountView auditor;

	@BeforeEach
	void inAYearOfItsOwn() {
		this.rooms = new StatsRooms(this.cutoverService, this.decisions, this.triggers, this.gates, this.evidence,
				this.accounts, this.cutovers, this.clock);
		this.realTime = this.clock.instant();
		this.year = StatsRooms.freshYear();
		this.auditor = this.accounts.create("auditor", GlobalRole.AUDITOR);
	}

	@AfterEach
	void backToRealTime() {
		this.clock.set(this.realTime);
	}

	/** Sets the clock in this test's year: {@code at("02-05T08:00:00")}. */
	void at(String monthDayTime) {
		this.clock.set(Instant.parse(this.year + "-" + monthDayTime + "Z"));
	}

	StatsView stats(AccountView who, String... params) throws Exception {
		return (StatsView) page(who, params).andExpect(status().isOk())
			.andReturn()
			.getModelAndView()
			.getModel()
			.get("stats");
	}

	/** The page over this test's year, with (other) parameters as name, value pairs. */
	ResultActions page(AccountView who, String... params) throws Exception {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("from", this.year + "-01-01");
		values.put("to", this.year + "-12-31");
		for (int i = 0; i < params.length; i += 2) {
			values.put(params[i], params[i + 1]);
		}
		MockHttpServletRequestBuilder request = get("/audit/stats").with(this.accounts.as(who));
		values.forEach(request::param);
		return this.mvc.perform(request);
	}

}
