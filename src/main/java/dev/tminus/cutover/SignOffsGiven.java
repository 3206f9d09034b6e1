package dev.tminus.cutover;

import java.util.List;
import java.util.Map;

/**
 * Who gave which sign-off on a cutover, answered by the module that keeps sign-offs, for
 * {@link SegregationOfDuties}.
 */
public interface SignOffsGiven {

	/** The keys of the sign-offs this account recorded as GIVEN on the cutover, ever. */
	List<String> by(long cutoverId, long accountId);

	/** The same for every account that gave one, by account id. */
	Map<Long, List<String>> all(long cutoverId);

}
