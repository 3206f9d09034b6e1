package dev.tminus.cutover;

import java.util.Set;

import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;

/**
 * What one person may do on one cutover, decided in one place for pages, fragments, the
 * live stream and (later) the API alike.
 *
 * @param user who is asking
 * @param creator whether they created the cutover
 * @param roles the war-room roles they hold on it now
 */
public record CutoverAccess(CurrentUser user, boolean creator, Set<String> roles) {

	public static final String IC = "IC";

	public static final String SCRIBE = "SCRIBE";

	public CutoverAccess {
		roles = Set.copyOf(roles);
	}

	private boolean memberAccount() {
		return this.user.role() == GlobalRole.MEMBER;
	}

	/**
	 * Admins and auditors read every cutover; members the ones they created or take part
	 * in.
	 */
	public boolean canRead() {
		return this.user.role() != GlobalRole.MEMBER || this.creator || !this.roles.isEmpty();
	}

	public boolean isIc() {
		return memberAccount() && this.roles.contains(IC);
	}

	public boolean isScribe() {
		return memberAccount() && this.roles.contains(SCRIBE);
	}

	/**
	 * The creator assigns roles; once there is an IC, the IC may too (handoffs at 3
	 * a.m.).
	 */
	public boolean canManageRoles() {
		return memberAccount() && (this.creator || isIc());
	}

	public boolean canStart() {
		return canManageRoles();
	}

	/** The Scribe keeps the timeline; the IC may add to it too. */
	public boolean canAddNote() {
		return isScribe() || isIc();
	}

	/** The step's owner, the Scribe (on the owner's behalf) or the IC. */
	public boolean canRecordStepOwnedBy(String ownerRole) {
		return memberAccount() && (this.roles.contains(ownerRole) || isScribe() || isIc());
	}

	/**
	 * The role a record is made on behalf of, or {@code null} when the person holds the
	 * owner role themselves.
	 */
	public String onBehalfOf(String ownerRole) {
		return this.roles.contains(ownerRole) ? null : ownerRole;
	}

	/** The role the person acts in when not the owner: Scribe before IC. */
	public String actingAs(String ownerRole) {
		if (this.roles.contains(ownerRole)) {
			return ownerRole;
		}
		return isScribe() ? SCRIBE : IC;
	}

}
