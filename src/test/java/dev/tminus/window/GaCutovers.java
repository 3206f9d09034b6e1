package dev.tminus.window;

import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.cutover.CutoverService;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;

/**
 * GA cutovers (seed 002: window end T+2h, backout 60 min) built the way people do.
 */
final class GaCutovers {

	static final Map<String, String> INPUTS = Map.of("P95_LATENCY_MS_MAX", "300", "ERROR_RATE_PCT_MAX", "1", "TPS_MIN",
			"50", "ERROR_BUDGET_MIN", "99.9", "READ_P95_MS_MAX", "200", "WRITE_P95_MS_MAX", "400",
			"GRAPH_3HOP_P95_MS_MAX", "800");

	record GaRoom(long cutoverId, AccountView creator, AccountView ic, AccountView other) {
	}

	private GaCutovers() {
	}

	/** Created and staffed with an IC, not started. */
	static GaRoom planned(TestCutovers cutovers, TestAccounts accounts) {
		AccountView creator = accounts.member("window-creator");
		long id = cutovers.create("ga-cutover", creator, INPUTS);
		GaRoom room = new GaRoom(id, creator, accounts.member("window-ic"), accounts.member("window-other"));
		cutovers.assign(id, "IC", room.ic(), creator);
		return room;
	}

	/** Created, staffed with an IC and started. */
	static GaRoom started(TestCutovers cutovers, TestAccounts accounts, CutoverService service) {
		GaRoom room = planned(cutovers, accounts);
		service.start(room.cutoverId(), cutovers.user(room.creator()));
		return room;
	}

}
