package dev.tminus.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverAccess;
import dev.tminus.cutover.CutoverFacts;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.CutoverStatus;
import dev.tminus.live.LiveSignals;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.shared.time.StorableTimes;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Role;
import dev.tminus.shared.web.NotFoundException;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineResult;
import dev.tminus.timeline.TimelineService;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Attaches evidence (files and links) to a step or a gate. Only the people who may record
 * that step or gate attach evidence to it; every file is checked before anything is
 * written, so a refused upload writes nothing. Each piece of evidence is an EVIDENCE
 * timeline entry with its hash.
 */
@Service
public class EvidenceService {

	static final int MAX_NAME_LENGTH = 255;

	static final int MAX_URL_LENGTH = 2000;

	private static final Pattern CONTENT_TYPE = Pattern.compile("[A-Za-z0-9][\\w.+-]*/[A-Za-z0-9][\\w.+-]*");

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final CutoverService cutovers;

	private final CutoverQueries cutoverQueries;

	private final TimelineService timeline;

	private final LiveSignals live;

	private final EvidenceProperties properties;

	private final Clock clock;

	EvidenceService(JdbcClient jdbc, JdbcTemplate jdbcTemplate, CutoverService cutovers, CutoverQueries cutoverQueries,
			TimelineService timeline, LiveSignals live, EvidenceProperties properties, Clock clock) {
		this.cutoverQueries = cutoverQueries;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.cutovers = cutovers;
		this.timeline = timeline;
		this.live = live;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Stores several files at once: all of them or, when one is refused, none.
	 * @return the ids of the new evidence rows, in the order given
	 */
	@Transactional
	public List<Long> upload(long cutoverId, EvidenceTarget target, List<NewEvidenceFile> files,
			EvidenceContract contract, CurrentUser actor) {
		Writer writer = writer(cutoverId, target, actor);
		List<NewEvidenceFile> given = (files != null) ? files.stream()
			.filter((f) -> f != null && !(f.size() == 0 && (f.fileName() == null || f.fileName().isBlank())))
			.toList() : List.of();
		if (given.isEmpty()) {
			throw new EvidenceException("Choose at least one file to upload.");
		}
		Contract checked = contract(contract, actor);
		long max = this.properties.maxFileSize().toBytes();
		List<String> names = new ArrayList<>();
		for (NewEvidenceFile file : given) {
			String name = fileName(file.fileName());
			if (file.size() > max) {
				throw new EvidenceTooLargeException("'" + name + "' is " + sizeText(file.size())
						+ ": evidence files may be at most " + sizeText(max) + ". Nothing was uploaded.");
			}
			if (file.size() <= 0) {
				throw new EvidenceException("'" + name + "' is empty. Nothing was uploaded.");
			}
			names.add(name);
		}
		Instant now = now();
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < given.size(); i++) {
			NewEvidenceFile file = given.get(i);
			String name = names.get(i);
			Hashed hashed = hash(file, max, name);
			long id = insert(cutoverId, target, "FILE", name, null, hashed.sha256(), hashed.size(),
					contentType(file.contentType()), checked, actor, now);
			store(id, file, hashed.size(), name);
			Map<String, Object> details = details(target, name, checked);
			// the upload's hash in the hash chain: a row or blob swapped later no longer
			// matches it
			details.put("evidence_id", id);
			details.put("sha256", hashed.sha256());
			details.put("size_bytes", hashed.size());
			append(writer, actor, checked.result(), target, "Evidence " + name + " (" + sizeText(hashed.size())
					+ ", sha256 " + hashed.sha256() + ") attached to " + writer.subjectTitle() + ".", details);
			ids.add(id);
		}
		this.live.signal(cutoverId, "evidence");
		this.live.signal(cutoverId, "timeline");
		return ids;
	}

	/** Records a link (an SLO board, a K6 report) with who added it and when. */
	@Transactional
	public long addLink(long cutoverId, EvidenceTarget target, String name, String url, EvidenceContract contract,
			CurrentUser actor) {
		Writer writer = writer(cutoverId, target, actor);
		String checkedName = linkName(name);
		String checkedUrl = url(url);
		Contract checked = contract(contract, actor);
		long id = insert(cutoverId, target, "LINK", checkedName, checkedUrl, null, null, null, checked, actor, now());
		Map<String, Object> details = details(target, checkedName, checked);
		details.put("url", checkedUrl);
		append(writer, actor, checked.result(), target,
				"Evidence link " + checkedName + " (" + checkedUrl + ") attached to " + writer.subjectTitle() + ".",
				details);
		this.live.signal(cutoverId, "evidence");
		this.live.signal(cutoverId, "timeline");
		return id;
	}

	private Writer writer(long cutoverId, EvidenceTarget target, CurrentUser actor) {
		CutoverAccess access = this.cutovers.access(cutoverId, actor);
		CutoverFacts facts = this.cutoverQueries.facts(cutoverId);
		RunbookTemplate template = facts.template();
		if (target == null || target.kind() == null || target.key() == null) {
			throw new NotFoundException("No such step or gate");
		}
		String owner;
		String title;
		if (target.kind() == EvidenceTarget.Kind.GATE) {
			RunbookTemplate.Gate gate = template.gate(target.key())
				.orElseThrow(() -> new NotFoundException("No gate " + target.key()));
			owner = gate.owner();
			title = "gate " + gate.title();
		}
		else {
			RunbookTemplate.Step step = template.step(target.key())
				.orElseThrow(() -> new NotFoundException("No step " + target.key()));
			owner = step.owner();
			title = "step " + step.title();
		}
		if (!access.canRecordStepOwnedBy(owner)) {
			throw new AccessDeniedException(
					"Only the " + roleTitle(template, owner) + ", the Scribe or the IC may attach evidence to this "
							+ target.kind().name().toLowerCase(Locale.ROOT) + ".");
		}
		if (!facts.status().acceptsStepRecords()) {
			throw new EvidenceException((facts.status() == CutoverStatus.PLANNED)
					? "The cutover has not started yet: evidence is attached once it runs."
					: "This cutover is " + facts.status() + ": evidence is closed.");
		}
		String onBehalfOf = (access.onBehalfOf(owner) != null)
				? roleTitle(template, access.actingAs(owner)) + " for " + roleTitle(template, owner) : null;
		return new Writer(cutoverId, title, onBehalfOf);
	}

	/** Streams the content into the statement: the file is never held in memory whole. */
	private void store(long id, NewEvidenceFile file, long size, String name) {
		this.jdbcTemplate.execute("insert into evidence_blob (evidence_id, content) values (?, ?)",
				(PreparedStatementCallback<Integer>) (ps) -> {
					try (InputStream in = file.content().getInputStream()) {
						ps.setLong(1, id);
						ps.setBinaryStream(2, in, size);
						return ps.executeUpdate();
					}
					catch (IOException ex) {
						throw new EvidenceException("'" + name + "' could not be read: " + ex.getMessage());
					}
				});
	}

	private long insert(long cutoverId, EvidenceTarget target, String kind, String name, String url, String sha256,
			Long size, String contentType, Contract contract, CurrentUser actor, Instant now) {
		return this.jdbc.sql("""
				insert into evidence (cutover_id, step_key, gate_key, kind, name, url, sha256, size_bytes, content_type,
				    command, exit_code, measured_at, owner_label, result, uploaded_by, uploaded_at)
				values (:cutoverId, :stepKey, :gateKey, :kind, :name, :url, :sha256, :size, :contentType,
				    :command, :exitCode, :measuredAt, :owner, :result, :uploadedBy, :uploadedAt)
				returning id""")
			.param("cutoverId", cutoverId)
			.param("stepKey", (target.kind() == EvidenceTarget.Kind.STEP) ? target.key() : null, Types.VARCHAR)
			.param("gateKey", (target.kind() == EvidenceTarget.Kind.GATE) ? target.key() : null, Types.VARCHAR)
			.param("kind", kind)
			.param("name", name)
			.param("url", url, Types.VARCHAR)
			.param("sha256", sha256, Types.CHAR)
			.param("size", size, Types.BIGINT)
			.param("contentType", contentType, Types.VARCHAR)
			.param("command", contract.command(), Types.VARCHAR)
			.param("exitCode", contract.exitCode(), Types.INTEGER)
			.param("measuredAt", java.time.OffsetDateTime.ofInstant(contract.timestamp(), java.time.ZoneOffset.UTC))
			.param("owner", contract.owner())
			.param("result", contract.result(), Types.VARCHAR)
			.param("uploadedBy", actor.id())
			.param("uploadedAt", java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
			.query(Long.class)
			.single();
	}

	private void append(Writer writer, CurrentUser actor, String result, EvidenceTarget target, String text,
			Map<String, Object> details) {
		this.timeline.append(new NewTimelineEntry(writer.cutoverId(), TimelineKind.EVIDENCE, actor.id(),
				actor.displayName() + " (" + actor.getUsername() + ")", writer.onBehalfOf(),
				(result != null) ? TimelineResult.valueOf(result) : TimelineResult.INFO, target.key(), text, details));
	}

	private static Map<String, Object> details(EvidenceTarget target, String name, Contract contract) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put(target.kind().name().toLowerCase(Locale.ROOT), target.key());
		details.put("name", name);
		details.put("command", contract.command());
		details.put("exit_code", contract.exitCode());
		details.put("timestamp_utc", ParameterResolver.format(contract.timestamp()));
		details.put("owner", contract.owner());
		details.put("result", contract.result());
		details.values().removeIf(java.util.Objects::isNull);
		return details;
	}

	private Contract contract(EvidenceContract contract, CurrentUser actor) {
		EvidenceContract given = (contract != null) ? contract : EvidenceContract.none();
		String command = blankToNull(given.command());
		if (command != null && command.length() > 2000) {
			throw new EvidenceException("Use at most 2000 characters for the command.");
		}
		Integer exitCode = null;
		String exit = blankToNull(given.exitCode());
		if (exit != null) {
			try {
				exitCode = Integer.valueOf(exit);
			}
			catch (NumberFormatException ex) {
				throw new EvidenceException("The exit code must be a whole number, not '" + exit + "'.");
			}
		}
		Instant timestamp = now();
		String time = blankToNull(given.timestamp());
		if (time != null) {
			try {
				timestamp = Instant.parse(time);
			}
			catch (DateTimeParseException ex) {
				throw new EvidenceException(
						"The timestamp must be UTC ISO-8601 like 2026-11-22T21:00:00Z, not '" + time + "'.");
			}
			if (!StorableTimes.storable(timestamp)) {
				throw new EvidenceException("The timestamp must be between the years 1 and 9999, not '" + time + "'.");
			}
		}
		String owner = blankToNull(given.owner());
		if (owner == null) {
			owner = actor.displayName() + " (" + actor.getUsername() + ")";
		}
		if (owner.length() > 200) {
			throw new EvidenceException("Use at most 200 characters for the owner.");
		}
		String result = blankToNull(given.result());
		if (result != null) {
			result = result.toUpperCase(Locale.ROOT);
			if (!List.of("PASS", "FAIL", "INFO").contains(result)) {
				throw new EvidenceException("The result is PASS, FAIL or INFO.");
			}
		}
		return new Contract(command, exitCode, timestamp, owner, result);
	}

	/** A plain file name: no folders, no "..", no control characters, at most 255. */
	static String fileName(String given) {
		String name = (given != null) ? given.strip() : "";
		if (name.isEmpty()) {
			throw new EvidenceException("Each file needs a name.");
		}
		if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
			throw new EvidenceException("The file name '" + name.substring(0, 40) + "…' is too long: at most "
					+ MAX_NAME_LENGTH + " characters. Nothing was uploaded.");
		}
		if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..") || name.startsWith("..")
				|| CONTROL.matcher(name).find()) {
			throw new EvidenceException("'" + CONTROL.matcher(name).replaceAll("?")
					+ "' is not a plain file name: no folders, no '..'. Nothing was uploaded.");
		}
		return name;
	}

	private static String linkName(String given) {
		String name = (given != null) ? given.strip() : "";
		if (name.isEmpty()) {
			throw new EvidenceException("Give the link a name (e.g. the evidence it stands for: 'SLO snapshots').");
		}
		if (name.length() > MAX_NAME_LENGTH || name.contains("/") || name.contains("\\")
				|| CONTROL.matcher(name).find()) {
			throw new EvidenceException("A link's name is at most " + MAX_NAME_LENGTH
					+ " characters without '/' or '\\' (the address goes into the URL field).");
		}
		return name;
	}

	static String url(String given) {
		String url = (given != null) ? given.strip() : "";
		if (url.isEmpty()) {
			throw new EvidenceException("Enter the link's URL.");
		}
		if (url.length() > MAX_URL_LENGTH) {
			throw new EvidenceException("The URL is too long: at most " + MAX_URL_LENGTH + " characters.");
		}
		try {
			URI uri = new URI(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
				throw new EvidenceException("Links must be http:// or https:// addresses with a host.");
			}
		}
		catch (URISyntaxException ex) {
			throw new EvidenceException("'" + url + "' is not a valid URL.");
		}
		return url;
	}

	private static String contentType(String given) {
		if (given == null || given.length() > 200) {
			return "application/octet-stream";
		}
		String type = given.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
		return CONTENT_TYPE.matcher(type).matches() ? type : "application/octet-stream";
	}

	private static Hashed hash(NewEvidenceFile file, long max, String name) {
		try (InputStream in = new DigestInputStream(file.content().getInputStream(),
				MessageDigest.getInstance("SHA-256"))) {
			byte[] buffer = new byte[64 * 1024];
			long size = 0;
			int read;
			while ((read = in.read(buffer)) != -1) {
				size += read;
				if (size > max) {
					throw new EvidenceTooLargeException("'" + name + "' is larger than " + sizeText(max)
							+ ", the most an evidence file may be. Nothing was uploaded.");
				}
			}
			if (size == 0) {
				throw new EvidenceException("'" + name + "' is empty. Nothing was uploaded.");
			}
			return new Hashed(HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()), size);
		}
		catch (IOException ex) {
			throw new EvidenceException("'" + name + "' could not be read: " + ex.getMessage());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String sizeText(long bytes) {
		if (bytes >= 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
		}
		if (bytes >= 1024) {
			return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
		}
		return bytes + " B";
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String roleTitle(RunbookTemplate template, String roleKey) {
		return template.role(roleKey).map(Role::title).orElse(roleKey);
	}

	private record Writer(long cutoverId, String subjectTitle, String onBehalfOf) {
	}

	private record Contract(String command, Integer exitCode, Instant timestamp, String owner, String result) {
	}

	private record Hashed(String sha256, long size) {
	}

}
