package dev.tminus.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.tminus.timeline.Checkpoint;
import dev.tminus.timeline.CheckpointKey;
import dev.tminus.timeline.RecordVerifier;
import dev.tminus.timeline.RecordVerifier.EvidenceRecord;
import dev.tminus.timeline.RecordVerifier.Finding;
import dev.tminus.timeline.TimelineJsonLines;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The offline verifier: checks an exported evidence bundle with the installation's public
 * key, without the app or its database, exactly as the in-app integrity check does (same
 * {@link RecordVerifier}), plus every file against the bundle's manifest and every
 * evidence file's bytes against its recorded SHA-256.
 *
 * <pre>
 * java -Dloader.main=dev.tminus.audit.VerifyBundle -cp t-minus.jar \
 *     org.springframework.boot.loader.launch.PropertiesLauncher bundle.zip checkpoint-key.pub.pem
 * </pre> Exit status 0: intact; 1: not intact (each finding printed); 2: cannot read the
 * input. Use the public key you obtained from T-Minus directly (for example
 * {@code /audit/checkpoint-key.pem}), not the copy inside the bundle.
 */
public final class VerifyBundle {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private VerifyBundle() {
	}

	public static void main(String[] args) {
		if (args.length != 2) {
			System.err.println("usage: VerifyBundle <bundle.zip> <checkpoint-key.pub.pem>");
			System.exit(2);
		}
		try {
			Report report = verify(Path.of(args[0]), Files.readString(Path.of(args[1]), StandardCharsets.US_ASCII));
			report.print(System.out);
			System.exit(report.intact() ? 0 : 1);
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("Cannot verify " + args[0] + ": " + ex.getMessage());
			System.exit(2);
		}
	}

	/** Verifies a bundle with a public key in PEM form. */
	public static Report verify(Path bundle, String publicKeyPem) throws IOException {
		PublicKey key = CheckpointKey.readPublicKey(publicKeyPem);
		List<String> problems = new ArrayList<>();
		try (ZipFile zip = new ZipFile(bundle.toFile())) {
			String folder = folder(zip);
			manifest(zip, folder, problems);
			List<Map<String, Object>> evidence = jsonLines(zip, folder + EvidenceBundle.EVIDENCE_INDEX);
			List<EvidenceRecord> records = new ArrayList<>();
			for (Map<String, Object> row : evidence) {
				long id = ((Number) row.get("id")).longValue();
				String sha256 = (String) row.get("sha256");
				records.add(new EvidenceRecord(id, (String) row.get("name"), sha256));
				if ("FILE".equals(row.get("kind"))) {
					String actual = content(zip, folder, row);
					if (actual == null) {
						problems
							.add("Evidence #" + id + " \"" + row.get("name") + "\": its bytes are not in the bundle.");
					}
					else if (!actual.equals(sha256)) {
						problems.add("Evidence #" + id + " \"" + row.get("name") + "\": its bytes hash to " + actual
								+ ", not to its recorded SHA-256 " + sha256 + ": the file was changed.");
					}
				}
			}
			List<Checkpoint> stored = checkpoints(zip, folder + EvidenceBundle.CHECKPOINTS);
			List<Checkpoint> anchored = checkpoints(zip, folder + EvidenceBundle.CHECKPOINTS_ANCHORED);
			ZipEntry timeline = zip.getEntry(folder + "timeline.jsonl");
			if (timeline == null) {
				throw new IOException("the bundle has no timeline.jsonl");
			}
			long cutoverId = stored.isEmpty() ? (anchored.isEmpty() ? 0 : anchored.get(0).cutoverId())
					: stored.get(0).cutoverId();
			RecordVerifier verifier = new RecordVerifier(cutoverId, key, stored, anchored, records);
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(zip.getInputStream(timeline), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					if (!line.isBlank()) {
						verifier.accept(TimelineJsonLines.parse(line));
					}
				}
			}
			RecordVerifier.Result result = verifier.finish();
			if (!result.chain().intact()) {
				problems.add("Timeline: " + result.chain().summary());
			}
			for (Finding finding : result.findings()) {
				problems.add(finding.check() + ": " + finding.text());
			}
			return new Report(bundle.getFileName().toString(), result.chain().verified(), stored.size(),
					anchored.size(), evidence.size(), CheckpointKey.keyId(key), problems);
		}
	}

	private static String folder(ZipFile zip) throws IOException {
		return zip.stream()
			.map(ZipEntry::getName)
			.filter((name) -> name.endsWith("/timeline.jsonl"))
			.findFirst()
			.map((name) -> name.substring(0, name.length() - "timeline.jsonl".length()))
			.orElseThrow(() -> new IOException("not a T-Minus evidence bundle (no timeline.jsonl)"));
	}

	/** Every file against {@code manifest.sha256}, and no file outside it. */
	private static void manifest(ZipFile zip, String folder, List<String> problems) throws IOException {
		ZipEntry manifest = zip.getEntry(folder + "manifest.sha256");
		if (manifest == null) {
			problems.add("The bundle has no manifest.sha256.");
			return;
		}
		Map<String, String> listed = new LinkedHashMap<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(zip.getInputStream(manifest), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.length() > 66) {
					listed.put(line.substring(66), line.substring(0, 64));
				}
			}
		}
		for (Map.Entry<String, String> file : listed.entrySet()) {
			ZipEntry entry = zip.getEntry(folder + file.getKey());
			if (entry == null) {
				problems.add("Manifest: " + file.getKey() + " is listed but missing.");
				continue;
			}
			try (InputStream in = zip.getInputStream(entry)) {
				String actual = sha256(in, Long.MAX_VALUE);
				if (!actual.equals(file.getValue())) {
					problems
						.add("Manifest: " + file.getKey() + " hashes to " + actual + ", not " + file.getValue() + ".");
				}
			}
		}
		zip.stream()
			.filter((e) -> !e.isDirectory() && e.getName().startsWith(folder))
			.map((e) -> e.getName().substring(folder.length()))
			.filter((name) -> !name.equals("manifest.sha256") && !listed.containsKey(name))
			.forEach((name) -> problems.add("Manifest: " + name + " is in the bundle but not in the manifest."));
	}

	/** The SHA-256 of an evidence file's bytes where the bundle placed them. */
	private static String content(ZipFile zip, String folder, Map<String, Object> row) throws IOException {
		Object path = row.get("path");
		ZipEntry entry = (path != null) ? zip.getEntry(folder + path) : null;
		if (entry == null) {
			return null;
		}
		long offset = ((Number) row.get("offset")).longValue();
		long size = ((Number) row.get("size_bytes")).longValue();
		try (InputStream in = zip.getInputStream(entry)) {
			in.skipNBytes(offset);
			return sha256(in, size);
		}
	}

	private static String sha256(InputStream in, long limit) throws IOException {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[64 * 1024];
			long left = limit;
			while (left > 0) {
				int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
				if (read < 0) {
					break;
				}
				digest.update(buffer, 0, read);
				left -= read;
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static List<Map<String, Object>> jsonLines(ZipFile zip, String name) throws IOException {
		ZipEntry entry = zip.getEntry(name);
		List<Map<String, Object>> lines = new ArrayList<>();
		if (entry == null) {
			return lines;
		}
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank()) {
					lines.add(JSON.readValue(line, MAP));
				}
			}
		}
		return lines;
	}

	private static List<Checkpoint> checkpoints(ZipFile zip, String name) throws IOException {
		return jsonLines(zip, name).stream().map(Checkpoint::fromJson).toList();
	}

	/**
	 * @param problems everything that does not hold; empty when intact
	 */
	public record Report(String bundle, long entries, int checkpoints, int anchoredCheckpoints, int evidence,
			String keyId, List<String> problems) {

		public boolean intact() {
			return this.problems.isEmpty();
		}

		void print(PrintStream out) {
			out.println(this.bundle + ": " + (intact() ? "INTACT" : "NOT INTACT"));
			out.println("  timeline: " + this.entries + " entries verified; checkpoints: " + this.checkpoints
					+ " in the database, " + this.anchoredCheckpoints + " anchored outside it; evidence rows: "
					+ this.evidence + "; key " + this.keyId);
			this.problems.forEach((problem) -> out.println("  - " + problem));
		}

	}

}
