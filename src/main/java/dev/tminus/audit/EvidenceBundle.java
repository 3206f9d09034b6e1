package dev.tminus.audit;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.tminus.audit.IntegrityVerdict.BadFile;
import dev.tminus.audit.internal.ManifestZip;
import dev.tminus.cutover.BoardView.Header;
import dev.tminus.cutover.CutoverFacts;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.decision.DecisionQueries;
import dev.tminus.decision.DecisionView;
import dev.tminus.evidence.EvidenceQueries;
import dev.tminus.evidence.EvidenceView;
import dev.tminus.evidence.RequiredEvidence;
import dev.tminus.gate.GateQueries;
import dev.tminus.gate.GateStatus;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Gate;
import dev.tminus.runbook.RunbookTemplate.Step;
import dev.tminus.timeline.IntegrityReport;
import dev.tminus.timeline.TimelineEntryView;
import dev.tminus.timeline.Checkpoint;
import dev.tminus.timeline.RecordVerifier;
import dev.tminus.timeline.TimelineCheckpoints;
import dev.tminus.timeline.TimelineJsonLines;
import dev.tminus.timeline.TimelineQueries;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The evidence bundle of a cutover as a ZIP, laid out like seed 003 §7: one folder named
 * {@code <T-0>_<template>}, the log files the template names ({@code 01_precheck.log}
 * ...) each carrying command, exit_code, UTC timestamp, owner and result before the
 * output, one folder per step or gate for evidence the template does not name,
 * {@code 99_summary.md}, {@code timeline.jsonl}, {@code integrity.txt} and a
 * {@code manifest.sha256} over every file.
 * <p>
 * Written straight to the response: files are copied a chunk at a time and the timeline a
 * page of rows at a time, so memory does not grow with the bundle. Every file's SHA-256
 * is recomputed on the way, and the timeline chain checked, so each bundle carries its
 * own integrity verdict.
 */
@Service
public class EvidenceBundle {

	/**
	 * A template entry that is a file name ({@code 01_precheck.log}), not a description.
	 */
	static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.[A-Za-z0-9]{1,8}");

	static final String SUMMARY = "99_summary.md";

	/** One line per evidence row: its hash, and where its bytes are in the bundle. */
	public static final String EVIDENCE_INDEX = "evidence.jsonl";

	/** The cutover's checkpoints as the database holds them. */
	public static final String CHECKPOINTS = "checkpoints.jsonl";

	/** The same as the anchor file outside the database holds them. */
	public static final String CHECKPOINTS_ANCHORED = "checkpoints-anchored.jsonl";

	/** The public key the checkpoints verify with (also at /audit/checkpoint-key.pem). */
	public static final String PUBLIC_KEY = "checkpoint-key.pub.pem";

	private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CutoverQueries cutovers;

	private final EvidenceQueries evidence;

	private final GateQueries gates;

	private final DecisionQueries decisions;

	private final TimelineQueries timeline;

	private final AuditIntegrity integrity;

	private final TimelineCheckpoints checkpoints;

	private final Clock clock;

	EvidenceBundle(CutoverQueries cutovers, EvidenceQueries evidence, GateQueries gates, DecisionQueries decisions,
			TimelineQueries timeline, AuditIntegrity integrity, TimelineCheckpoints checkpoints, Clock clock) {
		this.cutovers = cutovers;
		this.evidence = evidence;
		this.gates = gates;
		this.decisions = decisions;
		this.timeline = timeline;
		this.integrity = integrity;
		this.checkpoints = checkpoints;
		this.clock = clock;
	}

	/** {@code 20261122T210000Z_e2_3_reload_cutover_rehearsal}: the bundle's folder. */
	public String folderName(long cutoverId) {
		CutoverFacts facts = this.cutovers.facts(cutoverId);
		return folder(facts);
	}

	private static String folder(CutoverFacts facts) {
		return FOLDER_TIME.format(facts.t0()) + "_" + facts.template().key().replaceAll("[^A-Za-z0-9]+", "_");
	}

	/**
	 * Writes the bundle. The caller has checked that the viewer may read the cutover.
	 * @return the integrity verdict written into the bundle
	 */
	@Transactional(readOnly = true)
	public IntegrityVerdict write(long cutoverId, OutputStream out) throws IOException {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		CutoverFacts facts = this.cutovers.facts(cutoverId);
		RunbookTemplate template = facts.template();
		List<EvidenceView> all = this.evidence.forCutover(cutoverId);
		Layout layout = Layout.of(template, all);
		FileCheck files = new FileCheck();
		Map<Long, Placement> placed = new HashMap<>();
		try (ManifestZip zip = new ManifestZip(out, folder(facts), now)) {
			for (Map.Entry<String, List<EvidenceView>> named : layout.named().entrySet()) {
				if (named.getKey().equals(SUMMARY)) {
					continue; // T-Minus writes the summary itself, from the decision
				}
				zip.entry(named.getKey(), (stream) -> writeLog(named.getKey(), named.getValue(), layout,
						new CountingOutputStream(stream), files, placed));
			}
			for (Map.Entry<String, List<EvidenceView>> folder : layout.folders().entrySet()) {
				for (EvidenceView item : folder.getValue()) {
					if (item.file()) {
						String path = zip.entry(folder.getKey() + "/" + item.name(),
								(stream) -> copy(item, stream, files));
						placed.put(item.id(), new Placement(path, 0));
					}
				}
				zip.entry(folder.getKey() + "/evidence.log", (stream) -> {
					for (EvidenceView item : folder.getValue()) {
						writeContract(item, stream);
						stream.write('\n');
					}
				});
			}
			zip.entry("timeline.jsonl", (stream) -> writeTimeline(cutoverId, stream));
			// what the offline verifier needs besides the timeline: where each file's
			// bytes are,
			// the checkpoints (as the database and as the anchor file hold them) and the
			// public key
			zip.entry(EVIDENCE_INDEX, (stream) -> {
				for (EvidenceView item : all) {
					stream.write(JSON.writeValueAsBytes(evidenceLine(item, placed.get(item.id()))));
					stream.write('\n');
				}
			});
			zip.entry(CHECKPOINTS, (stream) -> writeCheckpoints(this.checkpoints.stored(cutoverId), stream));
			zip.entry(CHECKPOINTS_ANCHORED, (stream) -> writeCheckpoints(this.checkpoints.anchored(cutoverId), stream));
			zip.entry(PUBLIC_KEY,
					(stream) -> stream.write(this.checkpoints.publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
			RecordVerifier.Result record = this.integrity.verifyRecord(cutoverId, all);
			IntegrityReport chain = record.chain();
			IntegrityVerdict verdict = new IntegrityVerdict(cutoverId, chain, files.checked, files.first, files.bad,
					record.findings(), this.checkpoints.keyId(), now);
			zip.entry(SUMMARY,
					(stream) -> stream.write(summary(cutoverId, facts, verdict).getBytes(StandardCharsets.UTF_8)));
			zip.entry("integrity.txt",
					(stream) -> stream.write((verdict.summary() + "\nchecked_at_utc=" + verdict.checkedAtUtc() + "\n")
						.getBytes(StandardCharsets.UTF_8)));
			return verdict;
		}
	}

	/** A named log: for each piece of evidence, its contract then its output. */
	private void writeLog(String fileName, List<EvidenceView> items, Layout layout, CountingOutputStream out,
			FileCheck files, Map<Long, Placement> placed) throws IOException {
		if (items.isEmpty()) {
			write(out,
					"# " + fileName + "\n" + "command=\nexit_code=\nutc_timestamp=\nowner=\nresult=MISSING\n"
							+ "note=no evidence was recorded for " + String.join(", ", layout.subjectsOf(fileName))
							+ " (missing evidence counts as failure)\n");
			return;
		}
		boolean first = true;
		for (EvidenceView item : items) {
			if (!first) {
				write(out, "\n");
			}
			first = false;
			writeContract(item, out);
			if (item.file()) {
				write(out, "----- output (" + item.name() + ", sha256 " + item.sha256() + ") -----\n");
				placed.put(item.id(), new Placement(fileName, out.count));
				copy(item, out, files);
				write(out, "\n----- end of output -----\n");
			}
		}
	}

	/** The five fields of seed 003 §7, then where the evidence came from. */
	private static void writeContract(EvidenceView item, OutputStream out) throws IOException {
		StringBuilder text = new StringBuilder();
		text.append("# ")
			.append(item.name())
			.append(" (evidence #")
			.append(item.id())
			.append(", ")
			.append(AuditIntegrity.subject(item))
			.append(")\n");
		text.append("command=").append(oneLine(item.command())).append('\n');
		text.append("exit_code=").append((item.exitCode() != null) ? item.exitCode() : "").append('\n');
		text.append("utc_timestamp=")
			.append(ParameterResolver.format((item.measuredAt() != null) ? item.measuredAt() : item.uploadedAt()))
			.append('\n');
		text.append("owner=").append(oneLine(item.owner())).append('\n');
		text.append("result=").append((item.result() != null) ? item.result() : "").append('\n');
		if (item.file()) {
			text.append("sha256=").append(item.sha256()).append('\n');
			text.append("size_bytes=").append(item.sizeBytes()).append('\n');
		}
		else {
			text.append("link=").append(item.url()).append('\n');
		}
		text.append("uploaded_by=").append(oneLine(item.uploadedBy())).append('\n');
		text.append("uploaded_at_utc=").append(ParameterResolver.format(item.uploadedAt())).append('\n');
		write(out, text.toString());
	}

	/** Copies a file's stored bytes, checking them against the recorded SHA-256. */
	private void copy(EvidenceView item, OutputStream out, FileCheck files) {
		MessageDigest digest = AuditIntegrity.newDigest();
		boolean stored = this.evidence.hasContent(item.id());
		this.evidence.streamContent(item.id(), new DigestOutputStream(out, digest));
		String actual = stored ? HexFormat.of().formatHex(digest.digest()) : null;
		files.checked++;
		if (!item.sha256().equals(actual)) {
			files.bad++;
			if (files.first == null) {
				files.first = new BadFile(item.id(), item.name(), AuditIntegrity.subject(item), item.sha256(), actual);
			}
		}
	}

	/** One JSON object per line, in seq order, with the hashes that chain them. */
	private void writeTimeline(long cutoverId, OutputStream out) {
		this.timeline.stream(cutoverId, (entry) -> {
			try {
				out.write(JSON.writeValueAsBytes(jsonLine(entry)));
				out.write('\n');
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	static Map<String, Object> jsonLine(TimelineEntryView entry) {
		return TimelineJsonLines.line(entry);
	}

	private String summary(long cutoverId, CutoverFacts facts, IntegrityVerdict verdict) {
		Header header = this.cutovers.header(cutoverId);
		List<DecisionView> decided = this.decisions.forCutover(cutoverId);
		List<GateStatus> gateStatuses = this.gates.statuses(cutoverId);
		StringBuilder md = new StringBuilder();
		md.append("# Evidence summary: ").append(markdown(header.name())).append("\n\n");
		md.append("- Cutover: #")
			.append(header.id())
			.append(", ")
			.append(header.kind())
			.append(", environment ")
			.append(markdown(header.environment()))
			.append(", release `")
			.append(header.release().replace("`", "'"))
			.append("`\n");
		md.append("- Template: ")
			.append(markdown(header.templateName()))
			.append(" (version ")
			.append(header.templateHash())
			.append(")\n");
		md.append("- T-0 (t_cutover_utc): ").append(header.t0Utc()).append("\n");
		md.append("- Status: ").append(header.status()).append("\n");
		md.append("- Exported at (UTC): ").append(verdict.checkedAtUtc()).append("\n\n");
		md.append("## Decision (seed 000 §5)\n\n");
		DecisionView goNoGo = decided.stream().filter((d) -> !d.outcome().equals("ROLLBACK")).findFirst().orElse(null);
		if (goNoGo != null) {
			md.append("```text\n").append(goNoGo.summary()).append("```\n\n");
		}
		else {
			md.append("No GO or NO-GO decision was recorded.\n\n");
		}
		if (!decided.isEmpty()) {
			md.append("## Decisions\n\n| Outcome | Decided by | Decided at (UTC) | Reason / notes | Timeline hash |\n")
				.append("|---|---|---|---|---|\n");
			for (DecisionView decision : decided) {
				md.append("| ")
					.append(decision.outcome())
					.append(" | ")
					.append(cell(decision.decidedBy()))
					.append(" | ")
					.append(decision.decidedAtUtc())
					.append(" | ")
					.append(cell((decision.reason() != null) ? decision.reason() : decision.notes()))
					.append(" | ")
					.append((decision.timelineHash() != null) ? decision.timelineHash() : "")
					.append(" |\n");
			}
			md.append("\n");
		}
		md.append("## Gates\n\n| Gate | Title | Hard | Status | Recorded at (UTC) | By | Reasons |\n")
			.append("|---|---|---|---|---|---|---|\n");
		for (GateStatus gate : gateStatuses) {
			md.append("| ")
				.append(gate.key())
				.append(" | ")
				.append(cell(gate.title()))
				.append(" | ")
				.append(gate.hard() ? "hard" : "")
				.append(" | ")
				.append(gate.effective())
				.append(" | ")
				.append((gate.recordedAt() != null) ? ParameterResolver.format(gate.recordedAt()) : "")
				.append(" | ")
				.append(cell(gate.recordedBy()))
				.append(" | ")
				.append(cell(String.join("; ", gate.reasons())))
				.append(" |\n");
		}
		md.append("\n## Integrity\n\n").append(verdict.summary()).append("\n\n");
		md.append("Every file of this bundle is listed with its SHA-256 in `manifest.sha256`;")
			.append(" check it with `sha256sum -c manifest.sha256` inside this folder.")
			.append(" `timeline.jsonl` holds the whole timeline, one entry per line, each with the hash of the one")
			.append(" before it.\n");
		return md.toString();
	}

	private static String markdown(String text) {
		return oneLine(text).replaceAll("([\\\\`*_\\[\\]<>#|])", "\\\\$1");
	}

	private static String cell(String text) {
		return (text == null) ? "" : oneLine(text).replace("|", "\\|");
	}

	private static String oneLine(String text) {
		return (text == null) ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
	}

	/** Files read so far and the first that did not match. */
	/** Where a file's bytes are in the bundle: an entry, from a byte offset on. */
	record Placement(String path, long offset) {
	}

	private static Map<String, Object> evidenceLine(EvidenceView item, Placement placement) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("id", item.id());
		line.put("kind", item.file() ? "FILE" : "LINK");
		line.put("name", item.name());
		line.put("subject", AuditIntegrity.subject(item));
		line.put("sha256", item.sha256());
		line.put("size_bytes", item.sizeBytes());
		line.put("url", item.url());
		line.put("path", (placement != null) ? placement.path() : null);
		line.put("offset", (placement != null) ? placement.offset() : null);
		return line;
	}

	private static void writeCheckpoints(List<Checkpoint> checkpoints, OutputStream out) throws IOException {
		for (Checkpoint checkpoint : checkpoints) {
			out.write(JSON.writeValueAsBytes(checkpoint.toJson()));
			out.write('\n');
		}
	}

	/** Counts what passes, so a file's offset inside a log is known. */
	static final class CountingOutputStream extends FilterOutputStream {

		long count;

		CountingOutputStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			this.out.write(b);
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.out.write(b, off, len);
			this.count += len;
		}

	}

	private static final class FileCheck {

		int checked;

		int bad;

		BadFile first;

	}

	/**
	 * Where each piece of evidence goes: into the log file the template names when it
	 * stands for that file by {@link RequiredEvidence} (the rule the gate board and the
	 * decision apply), or into the folder of the step or gate it is attached to.
	 *
	 * @param named file name → the evidence written into it, in template order
	 * @param folders {@code steps/KEY} or {@code gates/KEY} → its other evidence
	 * @param subjects file name → the steps and gates that name it
	 */
	record Layout(Map<String, List<EvidenceView>> named, Map<String, List<EvidenceView>> folders,
			Map<String, List<String>> subjects) {

		List<String> subjectsOf(String fileName) {
			return this.subjects.getOrDefault(fileName, List.of());
		}

		static Layout of(RunbookTemplate template, List<EvidenceView> evidence) {
			Map<String, List<String>> subjects = new LinkedHashMap<>();
			Map<String, List<RequiredEvidence.Scope>> scopes = new LinkedHashMap<>();
			Map<String, List<EvidenceView>> named = new LinkedHashMap<>();
			for (Step step : template.steps()) {
				collect("step " + step.key(), step.evidenceFiles(), RequiredEvidence.of(template, step), subjects,
						scopes, named);
			}
			for (Gate gate : template.gates()) {
				collect("gate " + gate.key(), gate.evidenceFiles(), RequiredEvidence.of(gate), subjects, scopes, named);
			}
			Map<String, List<EvidenceView>> folders = new LinkedHashMap<>();
			for (EvidenceView item : evidence) {
				String target = named.keySet()
					.stream()
					.filter((file) -> RequiredEvidence.matches(file, item.name())
							&& scopes.get(file).stream().anyMatch((scope) -> scope.covers(item)))
					.findFirst()
					.orElse(null);
				if (target != null && !target.equals(SUMMARY)) {
					named.get(target).add(item);
				}
				else {
					String folder = (item.gateKey() != null) ? "gates/" + item.gateKey() : "steps/" + item.stepKey();
					folders.computeIfAbsent(folder, (key) -> new ArrayList<>()).add(item);
				}
			}
			return new Layout(named, folders, subjects);
		}

		/** The named files of one step or gate, and where evidence counts for it. */
		private static void collect(String subject, List<String> evidenceFiles, RequiredEvidence.Scope scope,
				Map<String, List<String>> subjects, Map<String, List<RequiredEvidence.Scope>> scopes,
				Map<String, List<EvidenceView>> named) {
			for (String file : evidenceFiles) {
				if (FILE_NAME.matcher(file).matches()) {
					subjects.computeIfAbsent(file, (key) -> new ArrayList<>()).add(subject);
					scopes.computeIfAbsent(file, (key) -> new ArrayList<>()).add(scope);
					named.computeIfAbsent(file, (key) -> new ArrayList<>());
				}
			}
		}
	}

}
