package dev.tminus.live;

import org.springframework.security.core.Authentication;

/**
 * Who may watch a cutover's live events. The module that owns cutovers implements it with
 * the same rule as for reading the board; without an implementation nobody may watch.
 */
public interface LiveAccess {

	/**
	 * Returns normally when {@code who} may read the cutover.
	 * @param cutoverId the cutover whose events are asked for
	 * @param who the signed-in person
	 * @throws dev.tminus.shared.web.NotFoundException when the cutover does not exist, or
	 * the person may not know that it does (404)
	 * @throws org.springframework.security.access.AccessDeniedException when the person
	 * may not read it (403)
	 */
	void checkCanWatch(long cutoverId, Authentication who);

}
