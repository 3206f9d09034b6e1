package dev.tminus.risk;

import java.util.List;
import java.util.Set;

import dev.tminus.runbook.RunbookTemplate.Role;

/**
 * What the risks fragment of a board shows.
 *
 * @param canAdd whether the viewer may add a risk
 * @param changeable the risk keys whose status the viewer may change
 */
public record RiskBoard(long cutoverId, List<RiskView> risks, boolean canAdd, Set<String> changeable,
		List<Role> roles) {

	public boolean canChange(String key) {
		return this.changeable.contains(key);
	}

}
