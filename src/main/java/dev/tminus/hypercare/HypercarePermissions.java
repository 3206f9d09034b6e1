package dev.tminus.hypercare;

import dev.tminus.account.GlobalRole;
import dev.tminus.cutover.CutoverAccess;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.CompletionCriterion;

/**
 * Who does what in hypercare, in one place for the service and the pages.
 * <ul>
 * <li>Checks: anyone holding a role on the cutover (the On-call, the IC, the Scribe...):
 * whoever looked records what they saw.</li>
 * <li>The 24-hour control report: the On-call (seed 001 gives the hypercare step and the
 * report to the on-call rotation; seed 002 staffs "SRE On-Call" for 24h) and the IC.</li>
 * <li>A completion criterion: only a holder of its owner role. The IC ticks the criteria
 * the IC owns and no others: seed 001 makes the IC the sole decider, not the verifier of
 * everyone's facts (the same rule as "no self-approval" for sign-offs). An owner who is
 * away hands the role over, which the timeline records.</li>
 * </ul>
 * Admins and auditors hold no roles and do none of it.
 */
final class HypercarePermissions {

	private HypercarePermissions() {
	}

	static boolean canRecordChecks(CutoverAccess access) {
		return member(access) && !access.roles().isEmpty();
	}

	static boolean canFileReport(CutoverAccess access) {
		return member(access) && (access.isIc() || access.roles().stream().anyMatch(HypercarePermissions::onCall));
	}

	static boolean canTick(CutoverAccess access, CompletionCriterion criterion) {
		return member(access) && access.roles().contains(criterion.owner());
	}

	/** "On-call" or "On-call and IC", for refusals. */
	static String reporters(RunbookTemplate template) {
		return template.roles()
			.stream()
			.filter((role) -> onCall(role.key()))
			.map(RunbookTemplate.Role::title)
			.findFirst()
			.map((title) -> "the " + title + " or the IC")
			.orElse("the IC");
	}

	/**
	 * The template's on-call role: {@code ONCALL} (seed 001), {@code SRE_ONCALL} (seed
	 * 002).
	 */
	static boolean onCall(String roleKey) {
		return roleKey.equals("ONCALL") || roleKey.endsWith("_ONCALL") || roleKey.equals("ON_CALL")
				|| roleKey.endsWith("_ON_CALL");
	}

	private static boolean member(CutoverAccess access) {
		return access.user().role() == GlobalRole.MEMBER;
	}

}
