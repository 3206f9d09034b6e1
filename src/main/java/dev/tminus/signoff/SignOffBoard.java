package dev.tminus.signoff;

import java.util.List;
import java.util.Set;

/**
 * What the sign-offs fragment of a board shows.
 *
 * @param signable the sign-off keys the viewer may give or refuse now
 * @param items the checklist of each sign-off, by key
 * @param history every record, newest first
 */
public record SignOffBoard(long cutoverId, List<SignOffStatus> statuses, Set<String> signable,
		java.util.Map<String, List<String>> items, List<SignOffStatus> history) {

	public boolean canSign(String key) {
		return this.signable.contains(key);
	}

}
