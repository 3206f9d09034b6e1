package dev.tminus.signoff;

import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.cutover.CutoverService;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;

/**
 * A started GA cutover (seed 002) with an IC, a Scribe, a PM approver and the owners of
 * the risk log's roles.
 */
public final class GaWarRooms {

	public static final Map<String, String> INPUTS = Map.of("P95_LATENCY_MS_MAX", "300", "ERROR_RATE_PCT_MAX", "1",
			"TPS_MIN", "50", "ERROR_BUDGET_MIN", "99.9", "READ_P95_MS_MAX", "200", "WRITE_P95_MS_MAX", "400",
			"GRAPH_3HOP_P95_MS_MAX", "800");

	public record GaRoom(long cutoverId, AccountView creator, AccountView ic, AccountView scribe, AccountView pm,
			AccountView perf, AccountView finops, AccountView other) {
	}

	private GaWarRooms() {
	}

	public static GaRoom start(TestCutovers cutovers, TestAccounts accounts, CutoverService service) {
		AccountView creator = accounts.member("ga-creator");
		long id = cutovers.create("ga-cutover", creator, INPUTS);
		GaRoom room = new GaRoom(id, creator, accounts.member("ga-ic"), accounts.member("ga-scribe"),
				accounts.member("ga-pm"), accounts.member("ga-perf"), accounts.member("ga-finops"),
				accounts.member("ga-other"));
		cutovers.assign(id, "IC", room.ic(), creator);
		cutovers.assign(id, "SCRIBE", room.scribe(), creator);
		cutovers.assign(id, "PM", room.pm(), creator);
		cutovers.assign(id, "PERF_ENG", room.perf(), creator);
		cutovers.assign(id, "FINOPS", room.finops(), creator);
		service.start(id, cutovers.user(creator));
		return room;
	}

}
