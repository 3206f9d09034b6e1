package dev.tminus.cutover;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Role;
import dev.tminus.runbook.RunbookTemplate.SignOff;

/**
 * Segregation of duties, the one rule for role assignment, handover and the decision:
 * nobody approves what they decide. The Incident Commander alone signs GO, so the person
 * who holds IC on a cutover may neither hold an approver role on it nor have given one of
 * its sign-offs (given at any time: a sign-off stays given when its role is handed on).
 * The IC role itself is never an approver role (the runbook parser refuses
 * {@code approver: true} on it).
 */
public final class SegregationOfDuties {

	private SegregationOfDuties() {
	}

	/**
	 * @param person "Dana Diaz (dana)"
	 * @param roles every role the person would hold on the cutover
	 * @param signOffsGiven keys of the sign-offs the person gave on it
	 * @return what makes it a conflict, or empty when there is none
	 */
	public static Optional<Conflict> check(RunbookTemplate template, String person, Set<String> roles,
			List<String> signOffsGiven) {
		if (!roles.contains(CutoverAccess.IC)) {
			return Optional.empty();
		}
		List<String> approverRoles = template.roles()
			.stream()
			.filter((role) -> role.approver() && !role.key().equals(CutoverAccess.IC) && roles.contains(role.key()))
			.map(Role::title)
			.toList();
		List<String> signOffs = template.signOffs()
			.stream()
			.filter((signOff) -> signOffsGiven.contains(signOff.key()))
			.map(SignOff::title)
			.toList();
		if (approverRoles.isEmpty() && signOffs.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Conflict(person, approverRoles, signOffs));
	}

	/**
	 * One person who would decide what they approve.
	 *
	 * @param approverRoles the titles of the approver roles they hold
	 * @param signOffs the titles of the sign-offs they gave
	 */
	public record Conflict(String person, List<String> approverRoles, List<String> signOffs) {

		public Conflict {
			approverRoles = List.copyOf(approverRoles);
			signOffs = List.copyOf(signOffs);
		}

		/**
		 * "holds Payments Owner (an approver role) and gave the sign-off 'RC Sign-off'".
		 */
		public String what() {
			String roles = this.approverRoles.isEmpty() ? "" : "holds " + String.join(", ", this.approverRoles)
					+ ((this.approverRoles.size() == 1) ? " (an approver role)" : " (approver roles)");
			String given = this.signOffs.isEmpty() ? "" : "gave the sign-off"
					+ ((this.signOffs.size() == 1) ? " '" : "s '") + String.join("', '", this.signOffs) + "'";
			return roles + ((!roles.isEmpty() && !given.isEmpty()) ? " and " : "") + given;
		}

		/** Why the person may not become (or stay) the IC of the cutover. */
		public String message() {
			return "Segregation of duties: " + this.person + " " + what()
					+ " on this cutover, and the Incident Commander alone signs its GO. Nobody approves what they"
					+ " decide: choose someone else.";
		}

	}

}
