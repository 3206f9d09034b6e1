package dev.tminus.trigger;

import java.util.List;

import dev.tminus.runbook.RunbookTemplate.RollbackTrigger;

/**
 * What the triggers fragment of a board shows.
 *
 * @param canReport whether the viewer may report a trigger now
 * @param choices the runbook's rollback triggers
 * @param decideWithinMinutes the IC's decision clock
 */
public record TriggerBoard(long cutoverId, boolean canReport, List<RollbackTrigger> choices, int decideWithinMinutes,
		List<TriggerView> open, List<TriggerView> history) {

}
