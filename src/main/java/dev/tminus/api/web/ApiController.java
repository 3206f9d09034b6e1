package dev.tminus.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.tminus.account.CurrentUser;
import dev.tminus.api.internal.ApiRequestException;
import dev.tminus.api.internal.Idempotency;
import dev.tminus.cutover.BoardView;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.RecordStep;
import dev.tminus.cutover.StepStatus;
import dev.tminus.decision.DecisionQueries;
import dev.tminus.decision.DecisionService;
import dev.tminus.evidence.EvidenceContract;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.evidence.EvidenceTarget;
import dev.tminus.evidence.NewEvidenceFile;
import dev.tminus.gate.GateQueries;
import dev.tminus.gate.GateService;
import dev.tminus.gate.RecordGate;
import dev.tminus.runbook.RunbookTemplate.TriggerAction;
import dev.tminus.runbook.Verdict;
import dev.tminus.shared.web.NotFoundException;
import dev.tminus.trigger.ReportTrigger;
import dev.tminus.trigger.TriggerQueries;
import dev.tminus.trigger.TriggerService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The automation API: what scripts and pipelines read and record. Writes take form or
 * multipart parameters (so {@code curl -F} posts a log file with its result in one
 * request) and honour {@code Idempotency-Key}. Every call acts with the token owner's
 * rights on the cutover, checked by the same services as the pages.
 */
@RestController
@Tag(name = "Cutovers", description = "Read a cutover and record step and gate results, notes and triggers")
@SecurityRequirement(name = "bearer")
class ApiController {

	private final CutoverQueries cutovers;

	private final CutoverService cutoverService;

	private final GateQueries gateQueries;

	private final GateService gates;

	private final EvidenceService evidence;

	private final TriggerQueries triggerQueries;

	private final TriggerService triggers;

	private final DecisionQueries decisions;

	private final DecisionService decisionService;

	private final Idempotency idempotency;

	private final Clock clock;

	ApiController(CutoverQueries cutovers, CutoverService cutoverService, GateQueries gateQueries, GateService gates,
			EvidenceService evidence, TriggerQueries triggerQueries, TriggerService triggers, DecisionQueries decisions,
			DecisionService decisionService, Idempotency idempotency, Clock clock) {
		this.decisionService = decisionService;
		this.clock = clock;
		this.cutovers = cutovers;
		this.cutoverService = cutoverService;
		this.gateQueries = gateQueries;
		this.gates = gates;
		this.evidence = evidence;
		this.triggerQueries = triggerQueries;
		this.triggers = triggers;
		this.decisions = decisions;
		this.idempotency = idempotency;
	}

	@Operation(summary = "A cutover's state: phases, steps, gates, triggers, decisions and why GO would be refused now")
	@GetMapping(path = "/api/v1/cutovers/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	CutoverState state(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
		BoardView board = this.cutovers.board(id, me, Set.of(), false);
		return CutoverState.of(board, this.gateQueries.statuses(id), this.triggerQueries.forCutover(id),
				this.decisions.forCutover(id), this.decisionService.reasonsToRefuseGo(id, me));
	}

	@Operation(summary = "Record a step result, with evidence files and their seed 003 contract",
			description = "Parameters: status (PASS, FAIL or NA), field.<key> for each field the step asks for, "
					+ "note (required for NA), version (the step's version you last saw, or the header If-Match: "
					+ "\"<version>\"; required once the step has a result, 409 otherwise, so that nobody overwrites "
					+ "a result they have not seen), files (evidence), command, exit_code, timestamp (UTC), owner, "
					+ "result. The answer carries the step's new version.")
	@PostMapping(path = "/api/v1/cutovers/{id}/steps/{stepKey}",
			consumes = { MediaType.MULTIPART_FORM_DATA_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE })
	ResponseEntity<Object> recordStep(@PathVariable long id, @PathVariable String stepKey,
			@RequestParam(required = false) String status, @RequestParam(required = false) String note,
			@RequestParam(required = false) Long version,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@Parameter(hidden = true) @RequestParam Map<String, String> params,
			@RequestHeader(name = Idempotency.HEADER, required = false) String key,
			@AuthenticationPrincipal CurrentUser me, HttpServletRequest request) {
		StepStatus parsed = enumValue("status", status, StepStatus.class, true);
		Long seen = StepVersions.seen(version, ifMatch);
		return this.idempotency.once(me.id(), key, requestHash(request, params, files), () -> {
			long expected = (seen != null) ? seen : versionOfAPendingStep(id, stepKey, me);
			List<Long> attached = attach(id, EvidenceTarget.step(stepKey), files, params, me);
			this.cutoverService.recordStep(id, stepKey,
					new RecordStep(parsed, prefixed(params, "field."), note, expected), me);
			return created(Map.of("cutover", id, "step", stepKey, "status", parsed.name(), "evidence", attached,
					"version", step(id, stepKey, me).version()));
		});
	}

	@Operation(summary = "Record a gate result: measured values (T-Minus computes the verdict) and evidence",
			description = "Parameters: measure.<KEY> for the gate's measures, verdict (PASS or FAIL; FAIL can always "
					+ "be recorded, PASS only when the values pass), note, files (evidence), command, exit_code, "
					+ "timestamp (UTC), owner, result.")
	@PostMapping(path = "/api/v1/cutovers/{id}/gates/{gateKey}",
			consumes = { MediaType.MULTIPART_FORM_DATA_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE })
	ResponseEntity<Object> recordGate(@PathVariable long id, @PathVariable String gateKey,
			@RequestParam(required = false) String verdict, @RequestParam(required = false) String note,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@Parameter(hidden = true) @RequestParam Map<String, String> params,
			@RequestHeader(name = Idempotency.HEADER, required = false) String key,
			@AuthenticationPrincipal CurrentUser me, HttpServletRequest request) {
		Verdict claimed = enumValue("verdict", verdict, Verdict.class, false);
		return this.idempotency.once(me.id(), key, requestHash(request, params, files), () -> {
			List<Long> attached = attach(id, EvidenceTarget.gate(gateKey), files, params, me);
			Verdict result = this.gates.record(id, gateKey, new RecordGate(claimed, prefixed(params, "measure."), note),
					me);
			return created(Map.of("cutover", id, "gate", gateKey, "verdict", result.name(), "evidence", attached));
		});
	}

	@Operation(summary = "Add a note to the timeline (the Scribe or the IC)",
			description = "Parameters: text, tag (PASS, FAIL or INFO).")
	@PostMapping(path = "/api/v1/cutovers/{id}/notes",
			consumes = { MediaType.MULTIPART_FORM_DATA_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE })
	ResponseEntity<Object> addNote(@PathVariable long id, @RequestParam(required = false) String text,
			@RequestParam(required = false) String tag,
			@Parameter(hidden = true) @RequestParam Map<String, String> params,
			@RequestHeader(name = Idempotency.HEADER, required = false) String key,
			@AuthenticationPrincipal CurrentUser me, HttpServletRequest request) {
		return this.idempotency.once(me.id(), key, requestHash(request, params, null), () -> {
			this.cutoverService.addNote(id, text, tag, me);
			return created(Map.of("cutover", id, "note", "recorded"));
		});
	}

	@Operation(summary = "Report a rollback trigger (starts the IC's decision clock)",
			description = "Parameters: key (a trigger of the runbook) or title, action (IMMEDIATE_ROLLBACK or MONITOR, "
					+ "for a free-text trigger), note.")
	@PostMapping(path = "/api/v1/cutovers/{id}/triggers",
			consumes = { MediaType.MULTIPART_FORM_DATA_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE })
	ResponseEntity<Object> reportTrigger(@PathVariable long id,
			@RequestParam(name = "key", required = false) String triggerKey,
			@RequestParam(required = false) String title, @RequestParam(required = false) String action,
			@RequestParam(required = false) String note,
			@Parameter(hidden = true) @RequestParam Map<String, String> params,
			@RequestHeader(name = Idempotency.HEADER, required = false) String key,
			@AuthenticationPrincipal CurrentUser me, HttpServletRequest request) {
		TriggerAction parsed = enumValue("action", action, TriggerAction.class, false);
		return this.idempotency.once(me.id(), key, requestHash(request, params, null), () -> {
			long trigger = this.triggers.report(id, new ReportTrigger(triggerKey, title, parsed, note), me);
			return created(Map.of("cutover", id, "trigger", trigger));
		});
	}

	private List<Long> attach(long cutoverId, EvidenceTarget target, List<MultipartFile> files,
			Map<String, String> params, CurrentUser me) {
		List<MultipartFile> given = (files != null) ? files.stream()
			.filter((f) -> !f.isEmpty() || f.getOriginalFilename() != null && !f.getOriginalFilename().isBlank())
			.toList() : List.of();
		if (given.isEmpty()) {
			return List.of();
		}
		List<NewEvidenceFile> uploads = given.stream()
			.map((file) -> new NewEvidenceFile(file.getOriginalFilename(), file.getContentType(), file.getSize(),
					file::getInputStream))
			.toList();
		return this.evidence.upload(cutoverId, target, uploads, new EvidenceContract(params.get("command"),
				params.get("exit_code"), params.get("timestamp"), params.get("owner"), params.get("result")), me);
	}

	/**
	 * Without a version a script may only record a step nobody has recorded yet; a result
	 * is replaced only by someone who says which one they saw (as the board's form does).
	 */
	private long versionOfAPendingStep(long cutoverId, String stepKey, CurrentUser me) {
		BoardView.StepView step = step(cutoverId, stepKey, me);
		if (step.recorded()) {
			throw new ApiRequestException(HttpStatus.CONFLICT,
					"This step already has a result: " + step.status().label() + " by " + step.recordedBy() + " at "
							+ step.recordedAtUtc() + " (version " + step.version() + "). To replace it, send version="
							+ step.version() + " (or the header If-Match: \"" + step.version()
							+ "\"). Nothing was recorded.");
		}
		return step.version();
	}

	private BoardView.StepView step(long cutoverId, String stepKey, CurrentUser me) {
		return this.cutovers.board(cutoverId, me, Set.of(), false)
			.phases()
			.stream()
			.flatMap((phase) -> phase.steps().stream())
			.filter((step) -> step.key().equals(stepKey))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No step " + stepKey));
	}

	private ResponseEntity<Object> created(Map<String, Object> body) {
		Map<String, Object> ordered = new LinkedHashMap<>(new TreeMap<>(body));
		ordered.put("recorded_at", this.clock.instant().toString());
		return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(ordered);
	}

	private static Map<String, String> prefixed(Map<String, String> params, String prefix) {
		Map<String, String> values = new LinkedHashMap<>();
		params.forEach((name, value) -> {
			if (name.startsWith(prefix) && name.length() > prefix.length()) {
				values.put(name.substring(prefix.length()), value);
			}
		});
		return values;
	}

	private static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type, boolean required) {
		if (value == null || value.isBlank()) {
			if (required) {
				throw new ApiRequestException(HttpStatus.BAD_REQUEST, name + " is required.");
			}
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			List<String> names = new ArrayList<>();
			for (E constant : type.getEnumConstants()) {
				names.add(constant.name());
			}
			throw new ApiRequestException(HttpStatus.BAD_REQUEST, name + " must be one of " + String.join(", ", names)
					+ ", not \"" + ((value.length() > 40) ? value.substring(0, 40) + "…" : value) + "\".");
		}
	}

	/** Method, path, every parameter and every file's name and SHA-256. */
	static String requestHash(HttpServletRequest request, Map<String, String> params, List<MultipartFile> files) {
		MessageDigest digest = sha256();
		update(digest, request.getMethod() + " " + request.getRequestURI() + "\n");
		new TreeMap<>(params).forEach((name, value) -> update(digest, name + "=" + value + "\n"));
		if (files != null) {
			for (MultipartFile file : files) {
				update(digest, "file " + file.getOriginalFilename() + " ");
				try (InputStream in = new DigestInputStream(file.getInputStream(), digest)) {
					in.transferTo(java.io.OutputStream.nullOutputStream());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static void update(MessageDigest digest, String text) {
		digest.update(text.getBytes(StandardCharsets.UTF_8));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
