package dev.tminus.cutover;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tminus.account.AccountService;
import dev.tminus.account.AccountView;
import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.live.LiveSignals;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunParameterException;
import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.runbook.RunbookCatalog.StoredTemplate;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Role;
import dev.tminus.runbook.RunbookTemplate.Step;
import dev.tminus.shared.web.NotFoundException;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import dev.tminus.timeline.TimelineService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating cutovers, their roles, starting them and recording their steps. Every change
 * writes a timeline entry and a live signal in the same transaction.
 */
@Service
public class CutoverService {

	private final CutoverRepository cutovers;

	private final RoleAssignmentRepository assignments;

	private final StepStateRepository steps;

	private final RunbookCatalog catalog;

	private final AccountService accounts;

	private final TimelineService timeline;

	private final LiveSignals live;

	private final StepEvidence stepEvidence;

	private final SignOffsGiven signOffsGiven;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CutoverService(CutoverRepository cutovers, RoleAssignmentRepository assignments, StepStateRepository steps,
			RunbookCatalog catalog, AccountService accounts, TimelineService timeline, LiveSignals live,
			StepEvidence stepEvidence, SignOffsGiven signOffsGiven, ApplicationEventPublisher events, Clock clock) {
		this.stepEvidence = stepEvidence;
		this.signOffsGiven = signOffsGiven;
		this.events = events;
		this.cutovers = cutovers;
		this.assignments = assignments;
		this.steps = steps;
		this.catalog = catalog;
		this.accounts = accounts;
		this.timeline = timeline;
		this.live = live;
		this.clock = clock;
	}

	@Transactional
	public long create(NewCutover command, CurrentUser actor) {
		return create(command, actor, null);
	}

	private long create(NewCutover command, CurrentUser actor, Long retryOf) {
		if (actor.role() != GlobalRole.MEMBER) {
			throw new AccessDeniedException("Only members create cutovers.");
		}
		StoredTemplate stored = this.catalog.current(command.templateKey())
			.orElseThrow(() -> new CutoverException("templateKey", "Choose one of the listed runbook templates."));
		Instant now = this.clock.instant();
		Instant t0 = UtcInstants.parse("t0", command.t0());
		if (!t0.isAfter(now)) {
			throw new CutoverException("t0",
					"T-0 must be in the future for a new cutover (now is " + ParameterResolver.format(now) + ").");
		}
		Map<String, String> parameters;
		try {
			parameters = ParameterResolver.resolve(stored.template(), t0, now, command.inputs(),
					Map.of(ParameterResolver.RELEASE, command.releaseRef().strip(), ParameterResolver.ENVIRONMENT,
							command.environment().strip(), ParameterResolver.CUTOVER_NAME, command.name().strip()));
		}
		catch (RunParameterException ex) {
			// a problem with the release, environment or name is shown at its own field
			String field = ex.keys().stream().map((key) -> switch (key) {
				case ParameterResolver.RELEASE -> "releaseRef";
				case ParameterResolver.ENVIRONMENT -> "environment";
				case ParameterResolver.CUTOVER_NAME -> "name";
				default -> "inputs";
			}).filter((name) -> !name.equals("inputs")).findFirst().orElse("inputs");
			throw new CutoverException(field, ex.getMessage() + ".");
		}
		Cutover cutover = this.cutovers
			.save(new Cutover(stored.id(), command.name().strip(), command.environment().strip(),
					command.releaseRef().strip(), command.kind(), t0, retryOf, parameters, actor.id(), now));
		for (Step step : stored.template().steps()) {
			this.steps.save(new StepState(cutover.getId(), step.key()));
		}
		append(cutover.getId(), TimelineKind.STATUS, actor, null, TimelineResult.INFO, null,
				"Cutover created (" + command.kind() + ")"
						+ ((retryOf != null) ? " as a retry of cutover #" + retryOf : "") + " from template '"
						+ stored.template().name() + "' version " + stored.shortHash() + ", T-0 "
						+ ParameterResolver.format(t0) + ", release " + cutover.getReleaseRef() + ", environment "
						+ cutover.getEnvironment() + ".",
				Map.of("template_hash", stored.contentHash(), "parameters", parameters));
		return cutover.getId();
	}

	@Transactional
	public void assignRole(long cutoverId, String roleKey, String username, CurrentUser actor) {
		Cutover cutover = lockedCutover(cutoverId);
		RunbookTemplate template = template(cutover);
		requireManager(cutover, actor);
		cutover.requireRolesChangeable();
		Role role = template.role(roleKey)
			.orElseThrow(() -> new CutoverException("roleKey", "Choose one of the template's roles."));
		AccountView account = assignable(username);
		if (this.assignments.existsByCutoverIdAndRoleKeyAndAccountId(cutoverId, roleKey, account.id())) {
			throw new CutoverException("username", account.label() + " already holds " + role.title() + ".");
		}
		if (CutoverAccess.IC.equals(roleKey) && this.assignments.countByCutoverIdAndRoleKey(cutoverId, roleKey) > 0) {
			throw new CutoverException("roleKey",
					"This cutover already has an Incident Commander; there is exactly one. Hand the role over instead.");
		}
		requireSegregated(cutoverId, template, account, roleKey, "username");
		this.assignments.save(new RoleAssignment(cutoverId, roleKey, account.id(), actor.id(), this.clock.instant()));
		append(cutoverId, TimelineKind.ROLE, actor, null, TimelineResult.INFO, roleKey,
				account.label() + " assigned as " + role.title() + ".", Map.of("account", account.username()));
		this.live.signal(cutoverId, "roles");
	}

	@Transactional
	public void removeRole(long cutoverId, long assignmentId, CurrentUser actor) {
		Cutover cutover = lockedCutover(cutoverId);
		RunbookTemplate template = template(cutover);
		requireManager(cutover, actor);
		cutover.requireRolesChangeable();
		RoleAssignment assignment = this.assignments.findById(assignmentId)
			.filter((a) -> a.getCutoverId() == cutoverId)
			.orElseThrow(() -> new NotFoundException("No such role assignment"));
		if (CutoverAccess.IC.equals(assignment.getRoleKey()) && cutover.getStatus() != CutoverStatus.PLANNED) {
			throw new CutoverException("A running cutover always has its IC: hand the role over instead.");
		}
		AccountView account = this.accounts.get(assignment.getAccountId());
		this.assignments.delete(assignment);
		append(cutoverId, TimelineKind.ROLE, actor, null, TimelineResult.INFO, assignment.getRoleKey(),
				account.label() + " no longer holds " + roleTitle(template, assignment.getRoleKey()) + ".",
				Map.of("account", account.username()));
		this.live.signal(cutoverId, "roles");
	}

	/**
	 * Hands a role from its holder to another account (the IC hands over at 3 a.m., a
	 * Deployer falls sick). The previous holder loses the rights at once.
	 */
	@Transactional
	public void handOver(long cutoverId, long assignmentId, String toUsername, String reason, CurrentUser actor) {
		Cutover cutover = lockedCutover(cutoverId);
		RunbookTemplate template = template(cutover);
		RoleAssignment from = this.assignments.findById(assignmentId)
			.filter((a) -> a.getCutoverId() == cutoverId)
			.orElseThrow(() -> new NotFoundException("No such role assignment"));
		CutoverAccess access = access(cutover, actor);
		if (!access.canManageRoles() && from.getAccountId() != actor.id()) {
			throw new AccessDeniedException("Only the creator, the IC or the holder hands a role over.");
		}
		cutover.requireRolesChangeable();
		AccountView to = assignable(toUsername);
		if (to.id() == from.getAccountId()) {
			throw new CutoverException("toUsername", "Choose someone else to hand the role to.");
		}
		if (this.assignments.existsByCutoverIdAndRoleKeyAndAccountId(cutoverId, from.getRoleKey(), to.id())) {
			throw new CutoverException("toUsername", to.label() + " already holds this role.");
		}
		requireSegregated(cutoverId, template, to, from.getRoleKey(), "toUsername");
		AccountView previous = this.accounts.get(from.getAccountId());
		this.assignments.delete(from);
		this.assignments.flush();
		this.assignments
			.save(new RoleAssignment(cutoverId, from.getRoleKey(), to.id(), actor.id(), this.clock.instant()));
		String why = (reason != null && !reason.isBlank()) ? " Reason: " + reason.strip() : "";
		append(cutoverId, TimelineKind.ROLE, actor, null, TimelineResult.INFO, from.getRoleKey(),
				roleTitle(template, from.getRoleKey()) + " handed over from " + previous.label() + " to " + to.label()
						+ "." + why,
				Map.of("from", previous.username(), "to", to.username()));
		this.live.signal(cutoverId, "roles");
	}

	@Transactional
	public void start(long cutoverId, CurrentUser actor) {
		Cutover cutover = lockedCutover(cutoverId);
		if (!access(cutover, actor).canStart()) {
			requireReadable(cutover, actor);
			throw new AccessDeniedException("Only the creator or the IC starts the cutover.");
		}
		cutover.start(this.clock.instant(), this.assignments.countByCutoverIdAndRoleKey(cutoverId, CutoverAccess.IC));
		append(cutoverId, TimelineKind.STATUS, actor, null, TimelineResult.INFO, null,
				"Cutover started: war room open.", Map.of());
		this.live.signal(cutoverId, "status");
	}

	/**
	 * Records PASS, FAIL or N/A for a step. Refused unless the person owns the step, is
	 * the Scribe or the IC; PASS is refused while a step it waits for is not done; a
	 * stale form is refused with who recorded what in the meantime.
	 */
	@Transactional
	public void recordStep(long cutoverId, String stepKey, RecordStep command, CurrentUser actor) {
		Cutover cutover = this.cutovers.findById(cutoverId).orElseThrow(() -> notFound(cutoverId));
		CutoverAccess access = access(cutover, actor);
		if (!access.canRead()) {
			throw notFound(cutoverId);
		}
		RunbookTemplate template = template(cutover);
		Step step = template.step(stepKey).orElseThrow(() -> new NotFoundException("No step " + stepKey));
		if (!access.canRecordStepOwnedBy(step.owner())) {
			throw new AccessDeniedException(
					"Only the " + roleTitle(template, step.owner()) + ", the Scribe or the IC may record this step.");
		}
		if (!cutover.getStatus().acceptsStepRecords()) {
			throw new CutoverException(cutover.getStatus() == CutoverStatus.PLANNED
					? "The cutover has not started yet: the creator or the IC starts it first."
					: "This cutover is " + cutover.getStatus() + ": its steps are closed.");
		}
		if (command.status() == null || command.status() == StepStatus.PENDING) {
			throw new CutoverException("status", "Choose PASS, FAIL or N/A.");
		}
		if (command.status() == StepStatus.NA && command.note() == null) {
			throw new CutoverException("note", "N/A needs a reason.");
		}
		if (command.note() != null && command.note().length() > 2000) {
			throw new CutoverException("note", "Use at most 2000 characters for the note.");
		}
		Map<String, String> values = StepFields.check(step, command.status(), command.fields());
		StepState state = this.steps.findForUpdate(cutoverId, stepKey)
			.orElseThrow(() -> new NotFoundException("No step " + stepKey));
		if (state.sameAs(command.status(), values, command.note(), actor.id())) {
			return; // the same result again from the same person: a double submit
		}
		if (state.getVersion() != command.expectedVersion()) {
			throw conflict(cutoverId, state);
		}
		if (command.status() == StepStatus.PASS) {
			requirePredecessorsDone(cutoverId, template, step);
			requireEvidence(cutoverId, template, step);
		}
		String onBehalfOf = access.onBehalfOf(step.owner());
		Instant now = this.clock.instant();
		state.record(command.status(), values, command.note(), actor.id(), onBehalfOf, now);
		this.steps.saveAndFlush(state);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("phase", step.phase());
		details.put("fields", values);
		if (command.note() != null) {
			details.put("note", command.note());
		}
		String text = step.title() + ": " + command.status().label()
				+ (values.isEmpty() ? ""
						: " (" + values.entrySet()
							.stream()
							.map((e) -> e.getKey() + "=" + e.getValue())
							.collect(Collectors.joining(", ")) + ")")
				+ ((command.note() != null) ? ". " + command.note() : "");
		append(cutoverId, TimelineKind.STEP, actor, (onBehalfOf != null)
				? roleTitle(template, access.actingAs(step.owner())) + " for " + roleTitle(template, step.owner())
				: null, switch (command.status()) {
					case PASS -> TimelineResult.PASS;
					case FAIL -> TimelineResult.FAIL;
					default -> TimelineResult.INFO;
				}, stepKey, text, details);
		this.events.publishEvent(new StepRecorded(cutoverId, template, stepKey, command.status(), actor.id(),
				actor.displayName() + " (" + actor.getUsername() + ")", now));
		this.live.signal(cutoverId, "steps");
	}

	/**
	 * Moves the cutover to the decided state, inside the decision's transaction; the row
	 * is locked so two decisions cannot both pass the check.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public void recordDecision(long cutoverId, String outcome) {
		Cutover cutover = lockedCutover(cutoverId);
		cutover.decide(outcome);
		this.cutovers.flush();
		this.live.signal(cutoverId, "status");
	}

	/**
	 * Moves a GO cutover to COMPLETE, inside the caller's transaction (the hypercare
	 * module, once every completion criterion is ticked and no trigger is open). The row
	 * is locked; the cutover refuses unless it is GO.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public void recordCompletion(long cutoverId) {
		Cutover cutover = lockedCutover(cutoverId);
		cutover.complete();
		this.cutovers.flush();
		this.live.signal(cutoverId, "status");
	}

	/**
	 * A retry after NO-GO (or ROLLBACK) is a new cutover linked to the failed one, with
	 * its roles, from the template as it is now; its T-0 must be later than the failed
	 * one's (seed 000 §4).
	 */
	@Transactional
	public long retry(long failedId, String t0Text, CurrentUser actor) {
		Cutover failed = lockedCutover(failedId);
		CutoverAccess access = access(failed, actor);
		if (!access.canRead()) {
			throw notFound(failedId);
		}
		if (!access.isIc() && !(access.creator() && actor.role() == GlobalRole.MEMBER)) {
			throw new AccessDeniedException("Only the IC or the creator starts a retry.");
		}
		if (failed.getStatus() != CutoverStatus.NO_GO && failed.getStatus() != CutoverStatus.ROLLED_BACK) {
			throw new CutoverException(
					"Only a NO-GO or rolled-back cutover is retried; this one is " + failed.getStatus() + ".");
		}
		Instant t0 = UtcInstants.parse("t0", t0Text);
		if (!t0.isAfter(failed.getT0())) {
			throw new CutoverException("t0", "A retry needs a new T-0 later than the failed one ("
					+ ParameterResolver.format(failed.getT0()) + ").");
		}
		RunbookTemplate previous = template(failed);
		Map<String, String> inputs = new LinkedHashMap<>();
		previous.parameters()
			.stream()
			.filter((p) -> p.source() == RunbookTemplate.Parameter.Source.INPUT)
			.forEach((p) -> inputs.put(p.key(), failed.getParameters().get(p.key())));
		String templateKey = this.catalog.byId(failed.getTemplateId()).key();
		long id = create(new NewCutover(templateKey, retryName(failed.getName()), failed.getEnvironment(),
				failed.getReleaseRef(), failed.getKind(), t0Text, inputs), actor, failed.getId());
		for (RoleAssignment role : this.assignments.findByCutoverId(failedId)) {
			this.assignments
				.save(new RoleAssignment(id, role.getRoleKey(), role.getAccountId(), actor.id(), this.clock.instant()));
		}
		append(id, TimelineKind.ROLE, actor, null, TimelineResult.INFO, null,
				"Roles copied from the failed cutover #" + failedId + ".", Map.of("retry_of", failedId));
		append(failedId, TimelineKind.STATUS, actor, null, TimelineResult.INFO, null,
				"Retry created as cutover #" + id + " with T-0 " + ParameterResolver.format(t0) + ".",
				Map.of("retry", id));
		return id;
	}

	private static String retryName(String name) {
		String base = name.replaceAll(" \\(retry( \\d+)?\\)$", "");
		return (base.length() > 190 ? base.substring(0, 190) : base) + " (retry)";
	}

	/**
	 * Whoever holds the IC role and also holds an approver role or gave a sign-off: how
	 * each would decide what they approve ({@link SegregationOfDuties}). Empty when none.
	 * Assignment and handover refuse such a state; this finds it however it arose (roles
	 * copied into a retry, records from before the rule).
	 */
	@Transactional(readOnly = true)
	public List<SegregationOfDuties.Conflict> dutyConflicts(long cutoverId) {
		Cutover cutover = this.cutovers.findById(cutoverId).orElseThrow(() -> notFound(cutoverId));
		RunbookTemplate template = template(cutover);
		List<RoleAssignment> roles = this.assignments.findByCutoverId(cutoverId);
		Map<Long, List<String>> given = null;
		List<SegregationOfDuties.Conflict> conflicts = new ArrayList<>();
		for (RoleAssignment ic : roles) {
			if (!CutoverAccess.IC.equals(ic.getRoleKey())) {
				continue;
			}
			given = (given != null) ? given : this.signOffsGiven.all(cutoverId);
			Set<String> held = roles.stream()
				.filter((a) -> a.getAccountId() == ic.getAccountId())
				.map(RoleAssignment::getRoleKey)
				.collect(Collectors.toSet());
			SegregationOfDuties
				.check(template, this.accounts.get(ic.getAccountId()).label(), held,
						given.getOrDefault(ic.getAccountId(), List.of()))
				.ifPresent(conflicts::add);
		}
		return conflicts;
	}

	/** Refuses a role that would let this person decide what they approve. */
	private void requireSegregated(long cutoverId, RunbookTemplate template, AccountView account, String roleKey,
			String field) {
		Set<String> held = this.assignments.findByCutoverId(cutoverId)
			.stream()
			.filter((a) -> a.getAccountId() == account.id())
			.map(RoleAssignment::getRoleKey)
			.collect(Collectors.toCollection(java.util.HashSet::new));
		held.add(roleKey);
		if (!held.contains(CutoverAccess.IC)) {
			return;
		}
		SegregationOfDuties.check(template, account.label(), held, this.signOffsGiven.by(cutoverId, account.id()))
			.ifPresent((conflict) -> {
				throw new CutoverException(field, CutoverAccess.IC.equals(roleKey) ? conflict.message()
						: "Segregation of duties: " + account.label() + " is the Incident Commander of this cutover,"
								+ " who alone signs its GO, and cannot also hold "
								+ template.role(roleKey).map(Role::title).orElse(roleKey)
								+ " (an approver role). Nobody approves what they decide: choose someone else.");
			});
	}

	/** A free timeline note by the Scribe or the IC, tagged PASS, FAIL or INFO. */
	@Transactional
	public void addNote(long cutoverId, String text, String tag, CurrentUser actor) {
		CutoverAccess access = access(cutoverId, actor);
		if (!access.canAddNote()) {
			throw new AccessDeniedException("Only the Scribe or the IC adds notes to the timeline.");
		}
		String note = (text != null) ? text.strip() : "";
		if (note.isEmpty()) {
			throw new CutoverException("text", "Write the note.");
		}
		if (note.length() > 4000) {
			throw new CutoverException("text", "Use at most 4000 characters for a note.");
		}
		TimelineResult result;
		try {
			result = TimelineResult.valueOf((tag != null && !tag.isBlank()) ? tag.strip() : "INFO");
		}
		catch (IllegalArgumentException ex) {
			throw new CutoverException("tag", "Tag the note PASS, FAIL or INFO.");
		}
		append(cutoverId, TimelineKind.NOTE, actor, null, result, null, note, Map.of());
	}

	/** The access of a person to a cutover, for pages and other modules. */
	@Transactional(readOnly = true)
	public CutoverAccess access(long cutoverId, CurrentUser user) {
		Cutover cutover = this.cutovers.findById(cutoverId).orElseThrow(() -> notFound(cutoverId));
		CutoverAccess access = access(cutover, user);
		if (!access.canRead()) {
			throw notFound(cutoverId);
		}
		return access;
	}

	private void requirePredecessorsDone(long cutoverId, RunbookTemplate template, Step step) {
		if (step.dependsOn().isEmpty()) {
			return;
		}
		Map<String, StepStatus> status = this.steps.findByCutoverId(cutoverId)
			.stream()
			.collect(Collectors.toMap(StepState::getStepKey, StepState::getStatus));
		List<String> open = new ArrayList<>();
		for (String key : step.dependsOn()) {
			if (!status.getOrDefault(key, StepStatus.PENDING).done()) {
				open.add(template.step(key).map(Step::title).orElse(key).replaceAll("[.]+$", ""));
			}
		}
		if (!open.isEmpty()) {
			throw new CutoverException("status",
					"No skipping: '" + step.title() + "' waits for: " + String.join("; ", open) + ".");
		}
	}

	/**
	 * An {@code evidence_required} step records PASS only with its evidence attached,
	 * earlier or in the same request; FAIL and N/A need none.
	 */
	private void requireEvidence(long cutoverId, RunbookTemplate template, Step step) {
		List<String> missing = this.stepEvidence.missing(cutoverId, template, step);
		if (missing.isEmpty()) {
			return;
		}
		List<String> gates = template.gates()
			.stream()
			.filter((gate) -> gate.steps().contains(step.key()))
			.map(RunbookTemplate.Gate::title)
			.toList();
		throw new CutoverException("status",
				"PASS needs the evidence this step requires: " + String.join(", ", missing)
						+ ((missing.size() == 1) ? " is" : " are") + " not attached yet. Attach "
						+ ((missing.size() == 1) ? "it" : "them") + " to '" + step.title().replaceAll("[.]+$", "") + "'"
						+ (gates.isEmpty() ? "" : " (or to gate " + String.join(" or ", gates) + ")")
						+ " first, or send it with the result. FAIL and N/A need no evidence.");
	}

	private StepConflictException conflict(long cutoverId, StepState state) {
		String who = (state.getRecordedBy() != null) ? this.accounts.get(state.getRecordedBy()).label() : "someone";
		String when = (state.getRecordedAt() != null) ? ParameterResolver.format(state.getRecordedAt()) : "just now";
		return new StepConflictException(cutoverId, state.getStepKey(), "Already recorded " + state.getStatus().label()
				+ " by " + who + " at " + when + ". Nothing was overwritten: here is the current state.");
	}

	private AccountView assignable(String username) {
		AccountView account = this.accounts.findByUsername(username)
			.orElseThrow(() -> new CutoverException("username", "There is no account '" + username + "'."));
		if (!account.enabled()) {
			throw new CutoverException("username", account.label() + " is disabled.");
		}
		if (account.role() != GlobalRole.MEMBER) {
			throw new CutoverException("username",
					"Only MEMBER accounts take war-room roles; " + account.label() + " is " + account.role() + ".");
		}
		return account;
	}

	private CutoverAccess access(Cutover cutover, CurrentUser user) {
		Set<String> roles = this.assignments.findByCutoverId(cutover.getId())
			.stream()
			.filter((a) -> a.getAccountId() == user.id())
			.map(RoleAssignment::getRoleKey)
			.collect(Collectors.toSet());
		return new CutoverAccess(user, cutover.getCreatedBy() == user.id(), roles);
	}

	private void requireManager(Cutover cutover, CurrentUser actor) {
		CutoverAccess access = access(cutover, actor);
		if (!access.canRead()) {
			throw notFound(cutover.getId());
		}
		if (!access.canManageRoles()) {
			throw new AccessDeniedException("Only the creator or the IC assigns roles.");
		}
	}

	private void requireReadable(Cutover cutover, CurrentUser actor) {
		if (!access(cutover, actor).canRead()) {
			throw notFound(cutover.getId());
		}
	}

	private Cutover lockedCutover(long cutoverId) {
		return this.cutovers.findForUpdate(cutoverId).orElseThrow(() -> notFound(cutoverId));
	}

	private RunbookTemplate template(Cutover cutover) {
		return this.catalog.byId(cutover.getTemplateId()).template();
	}

	private static String roleTitle(RunbookTemplate template, String roleKey) {
		return template.role(roleKey).map(Role::title).orElse(roleKey);
	}

	private static NotFoundException notFound(long cutoverId) {
		return new NotFoundException("No cutover " + cutoverId);
	}

	private void append(long cutoverId, TimelineKind kind, CurrentUser actor, String onBehalfOf, TimelineResult result,
			String subjectKey, String text, Map<String, Object> details) {
		this.timeline.append(new NewTimelineEntry(cutoverId, kind, actor.id(),
				actor.displayName() + " (" + actor.getUsername() + ")", onBehalfOf, result, subjectKey, text, details));
		this.live.signal(cutoverId, "timeline");
	}

}
