package dev.tminus.risk;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.cutover.CutoverAccess;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.CutoverService;
import dev.tminus.live.LiveSignals;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.shared.web.NotFoundException;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import dev.tminus.timeline.TimelineService;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The risk log of a cutover: members add risks; the IC, the Scribe or the risk's owner
 * role change its status. Every change is a RISK timeline entry.
 */
@Service
public class RiskService {

	private static final Set<String> LEVELS = Set.of("L", "M", "H");

	private final JdbcClient jdbc;

	private final CutoverService cutovers;

	private final RiskRuns runs;

	private final RiskQueries queries;

	private final TimelineService timeline;

	private final LiveSignals live;

	private final Clock clock;

	RiskService(JdbcClient jdbc, CutoverService cutovers, RiskRuns runs, RiskQueries queries, TimelineService timeline,
			LiveSignals live, Clock clock) {
		this.jdbc = jdbc;
		this.cutovers = cutovers;
		this.runs = runs;
		this.queries = queries;
		this.timeline = timeline;
		this.live = live;
		this.clock = clock;
	}

	/**
	 * @return the new risk's key ({@code R-04})
	 */
	@Transactional
	public String add(long cutoverId, NewRisk risk, CurrentUser actor) {
		CutoverAccess access = this.cutovers.access(cutoverId, actor);
		if (!mayAdd(access)) {
			throw new AccessDeniedException("Only people assigned to this cutover add risks.");
		}
		RunbookTemplate template = this.runs.get(cutoverId).template();
		String description = required(risk.description(), "description", 1000, "Describe the risk.");
		String likelihood = level(risk.likelihood(), "likelihood");
		String impact = level(risk.impact(), "impact");
		String owner = (risk.ownerRole() != null) ? risk.ownerRole().strip() : "";
		if (template.role(owner).isEmpty()) {
			throw new CutoverException("ownerRole", "Choose one of the runbook's roles as the owner.");
		}
		String mitigation = (risk.mitigation() == null || risk.mitigation().isBlank()) ? null
				: required(risk.mitigation(), "mitigation", 2000, null);
		this.queries.ensurePrefilled(cutoverId);
		String key = nextKey(cutoverId);
		this.jdbc.sql("""
				insert into risk (cutover_id, risk_key, description, likelihood, impact, owner_role, mitigation,
				    created_by, created_at)
				values (:cutoverId, :key, :description, :likelihood, :impact, :owner, :mitigation, :by, :now)""")
			.param("cutoverId", cutoverId)
			.param("key", key)
			.param("description", description)
			.param("likelihood", likelihood)
			.param("impact", impact)
			.param("owner", owner)
			.param("mitigation", mitigation, java.sql.Types.VARCHAR)
			.param("by", actor.id())
			.param("now", now())
			.update();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("likelihood", likelihood);
		details.put("impact", impact);
		details.put("owner", owner);
		if (mitigation != null) {
			details.put("mitigation", mitigation);
		}
		append(cutoverId, actor, key, "Risk " + key + " added: " + description + " (likelihood " + likelihood
				+ ", impact " + impact + ", owner " + owner + ").", details);
		return key;
	}

	@Transactional
	public void changeStatus(long cutoverId, String key, RiskStatus status, String note, CurrentUser actor) {
		CutoverAccess access = this.cutovers.access(cutoverId, actor);
		this.queries.ensurePrefilled(cutoverId);
		RiskView risk = this.jdbc.sql("""
				select id, risk_key, description, likelihood, impact, owner_role, mitigation, status, created_by
				from risk where cutover_id = ? and risk_key = ? for update""")
			.params(cutoverId, key)
			.query((rs, row) -> new RiskView(rs.getLong("id"), rs.getString("risk_key"), rs.getString("description"),
					rs.getString("likelihood"), rs.getString("impact"), rs.getString("owner_role"),
					rs.getString("mitigation"), rs.getString("status"), rs.getObject("created_by") == null))
			.optional()
			.orElseThrow(() -> new NotFoundException("No risk " + key));
		if (!mayChange(access, risk.ownerRole())) {
			throw new AccessDeniedException(
					"Only the IC, the Scribe or the " + risk.ownerRole() + " changes the status of " + key + ".");
		}
		if (status == null) {
			throw new CutoverException("status", "Choose OPEN, MITIGATED or CLOSED.");
		}
		if (status.name().equals(risk.status())) {
			throw new CutoverException("status", key + " is already " + status + ".");
		}
		String text = (note == null || note.isBlank()) ? null : required(note, "note", 2000, null);
		this.jdbc.sql("update risk set status = ?, version = version + 1 where id = ?")
			.params(status.name(), risk.id())
			.update();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("from", risk.status());
		details.put("to", status.name());
		if (text != null) {
			details.put("note", text);
		}
		append(cutoverId, actor, key, "Risk " + key + " (" + risk.description() + "): " + risk.status() + " → " + status
				+ ((text != null) ? ". " + text : "."), details);
	}

	static boolean mayAdd(CutoverAccess access) {
		return access.user().role() == GlobalRole.MEMBER && !access.roles().isEmpty();
	}

	static boolean mayChange(CutoverAccess access, String ownerRole) {
		return access.user().role() == GlobalRole.MEMBER
				&& (access.isIc() || access.isScribe() || access.roles().contains(ownerRole));
	}

	private String nextKey(long cutoverId) {
		int max = this.jdbc.sql("""
				select coalesce(max(cast(substring(risk_key from 3) as integer)), 0) from risk
				where cutover_id = ? and risk_key ~ '^R-[0-9]{1,6}$'""").param(cutoverId).query(Integer.class).single();
		return String.format(Locale.ROOT, "R-%02d", max + 1);
	}

	private void append(long cutoverId, CurrentUser actor, String key, String text, Map<String, Object> details) {
		this.timeline.append(new NewTimelineEntry(cutoverId, TimelineKind.RISK, actor.id(),
				actor.displayName() + " (" + actor.getUsername() + ")", null, TimelineResult.INFO, key, text, details));
		this.live.signal(cutoverId, "risks");
		this.live.signal(cutoverId, "timeline");
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
	}

	private static String level(String value, String field) {
		String level = (value != null) ? value.strip().toUpperCase(Locale.ROOT) : "";
		if (!LEVELS.contains(level)) {
			throw new CutoverException(field, "Choose L, M or H for the " + field + ".");
		}
		return level;
	}

	private static String required(String value, String field, int max, String missing) {
		if (value == null || value.isBlank()) {
			throw new CutoverException(field, missing);
		}
		String text = value.strip();
		if (text.length() > max) {
			throw new CutoverException(field, "Use at most " + max + " characters for the " + field + ".");
		}
		return text;
	}

}
