package dev.tminus.window;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.CutoverStatus;
import dev.tminus.runbook.ParameterResolver;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read side of the rollback window: where a cutover's point of no return lies.
 */
@Service
public class WindowQueries {

	private final CutoverService cutovers;

	private final CutoverQueries cutoverQueries;

	private final JdbcClient jdbc;

	private final Clock clock;

	WindowQueries(CutoverService cutovers, CutoverQueries cutoverQueries, JdbcClient jdbc, Clock clock) {
		this.cutovers = cutovers;
		this.cutoverQueries = cutoverQueries;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The window fragment of a cutover, for someone who may read it.
	 * @throws dev.tminus.shared.web.NotFoundException when the cutover does not exist or
	 * the viewer may not see it
	 */
	@Transactional(readOnly = true)
	public WindowView view(long cutoverId, CurrentUser viewer) {
		this.cutovers.access(cutoverId, viewer);
		Moment moment = moment(cutoverId);
		Optional<RollbackWindow> window = window(cutoverId, moment.t0());
		Instant now = this.clock.instant();
		return window
			.map((w) -> new WindowView(cutoverId, w, ParameterResolver.format(w.windowEnd()),
					ParameterResolver.format(w.pointOfNoReturn()), w.passed(now), moment.status().decided(), now))
			.orElseGet(() -> new WindowView(cutoverId, null, null, null, false, moment.status().decided(), now));
	}

	/** The window of a cutover, whoever asks (for the scheduled job). */
	@Transactional(readOnly = true)
	public Optional<RollbackWindow> window(long cutoverId) {
		return window(cutoverId, moment(cutoverId).t0());
	}

	private Optional<RollbackWindow> window(long cutoverId, Instant t0) {
		return RollbackWindow.of(t0, this.cutoverQueries.template(cutoverId).rollback());
	}

	private Moment moment(long cutoverId) {
		return this.jdbc.sql("select t0, status from cutover where id = ?")
			.param(cutoverId)
			.query((rs, row) -> new Moment(rs.getTimestamp(1).toInstant(), CutoverStatus.valueOf(rs.getString(2))))
			.single();
	}

	private record Moment(Instant t0, CutoverStatus status) {
	}

}
