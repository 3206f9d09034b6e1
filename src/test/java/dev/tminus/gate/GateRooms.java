package dev.tminus.gate;

import java.util.Map;

import dev.tminus.account.AccountView;
import dev.tminus.cutover.CutoverService;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;

/**
 * Started pilot (seed 004) and E2-3 (seed 003) cutovers with the gate owners staffed.
 */
public final class GateRooms {

	private final TestCutovers cutovers;

	private final TestAccounts accounts;

	private final CutoverService service;

	public GateRooms(TestCutovers cutovers, TestAccounts accounts, CutoverService service) {
		this.cutovers = cutovers;
		this.accounts = accounts;
		this.service = service;
	}

	/**
	 * @param owner holds {@code ownerRole}
	 */
	public record Room(long cutoverId, AccountView ic, AccountView owner) {
	}

	public Room pilot() {
		return started("pilot-go-no-go", "DEVOPS");
	}

	public Room e23() {
		return started("e2-3-reload-cutover-rehearsal", "OPERATOR");
	}

	private Room started(String template, String ownerRole) {
		AccountView creator = this.accounts.member("creator");
		long id = this.cutovers.create(template, creator, Map.of());
		AccountView ic = this.accounts.member("ic");
		AccountView owner = this.accounts.member("owner");
		this.cutovers.assign(id, "IC", ic, creator);
		this.cutovers.assign(id, ownerRole, owner, creator);
		this.service.start(id, this.cutovers.user(creator));
		return new Room(id, ic, owner);
	}

}
