package dev.tminus.signoff;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.cutover.CutoverAccess;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.CutoverService;
import dev.tminus.live.LiveSignals;
import dev.tminus.runbook.RunbookTemplate.SignOff;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import dev.tminus.timeline.TimelineService;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Named approvals: a required sign-off is given or refused only by someone holding its
 * approver role on the cutover, and never by the cutover's IC (the decider does not
 * approve). Every record is kept; the latest counts.
 */
@Service
public class SignOffService {

	static final int MAX_COMMENT = 2000;

	private final JdbcClient jdbc;

	private final CutoverService cutovers;

	private final SignOffRuns runs;

	private final TimelineService timeline;

	private final LiveSignals live;

	private final Clock clock;

	SignOffService(JdbcClient jdbc, CutoverService cutovers, SignOffRuns runs, TimelineService timeline,
			LiveSignals live, Clock clock) {
		this.jdbc = jdbc;
		this.cutovers = cutovers;
		this.runs = runs;
		this.timeline = timeline;
		this.live = live;
		this.clock = clock;
	}

	@Transactional
	public void sign(long cutoverId, String signOffKey, SignOffState state, String comment, CurrentUser actor) {
		CutoverAccess access = this.cutovers.access(cutoverId, actor);
		SignOffRuns.Run run = this.runs.get(cutoverId);
		SignOff signOff = run.template()
			.signOffs()
			.stream()
			.filter((s) -> s.key().equals(signOffKey))
			.findFirst()
			.orElseThrow(() -> new CutoverException("key", "This runbook requires no sign-off '" + signOffKey + "'."));
		if (access.isIc()) {
			throw new AccessDeniedException(
					"No self-approval: the IC decides and does not sign off, even when holding the approver role.");
		}
		if (!mayApprove(access, signOff)) {
			throw new AccessDeniedException("Only a holder of the " + signOff.role() + " role on this cutover signs '"
					+ signOff.title() + "'.");
		}
		if (!run.open()) {
			throw new CutoverException("This cutover is " + run.status() + ": sign-offs are closed.");
		}
		if (state == null) {
			throw new CutoverException("state", "Choose GIVEN or REFUSED.");
		}
		String text = (comment == null || comment.isBlank()) ? null : comment.strip();
		if (state == SignOffState.REFUSED && text == null) {
			throw new CutoverException("comment", "A refusal needs a comment: say what is missing.");
		}
		if (text != null && text.length() > MAX_COMMENT) {
			throw new CutoverException("comment", "Use at most " + MAX_COMMENT + " characters for the comment.");
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		String label = actor.displayName() + " (" + actor.getUsername() + ")";
		this.jdbc.sql("""
				insert into sign_off (cutover_id, sign_off_key, state, comment, signed_by, signed_by_label, signed_at)
				values (:cutoverId, :key, :state, :comment, :by, :label, :at)""")
			.param("cutoverId", cutoverId)
			.param("key", signOffKey)
			.param("state", state.name())
			.param("comment", text, java.sql.Types.VARCHAR)
			.param("by", actor.id())
			.param("label", label)
			.param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.update();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", state.name());
		details.put("role", signOff.role());
		if (text != null) {
			details.put("comment", text);
		}
		this.timeline.append(new NewTimelineEntry(cutoverId, TimelineKind.SIGN_OFF, actor.id(), label, null,
				(state == SignOffState.GIVEN) ? TimelineResult.PASS : TimelineResult.FAIL, signOffKey,
				signOff.title() + ": " + state.name() + ((text != null) ? ". " + text : "."), details));
		this.live.signal(cutoverId, "signoffs");
		this.live.signal(cutoverId, "timeline");
	}

	/** Holds the approver role and is not the IC of this cutover. */
	static boolean mayApprove(CutoverAccess access, SignOff signOff) {
		return access.user().role() == GlobalRole.MEMBER && access.roles().contains(signOff.role()) && !access.isIc();
	}

}
