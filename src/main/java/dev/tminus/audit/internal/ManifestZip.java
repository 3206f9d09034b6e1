package dev.tminus.audit.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A ZIP written straight to a stream, one entry at a time, that remembers the SHA-256 of
 * every entry and ends with a {@code manifest.sha256} that {@code sha256sum -c} verifies
 * from inside the bundle's folder. Only the hashes are kept in memory.
 */
public final class ManifestZip implements AutoCloseable {

	public static final String MANIFEST = "manifest.sha256";

	private final ZipOutputStream zip;

	private final String folder;

	private final Instant modified;

	private final Map<String, String> hashes = new LinkedHashMap<>();

	private final Set<String> lowerCaseNames = new HashSet<>();

	/**
	 * @param folder the one top-level folder every entry is under
	 * @param modified the time stamped on every entry (the export's time, UTC)
	 */
	public ManifestZip(OutputStream out, String folder, Instant modified) {
		this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
		this.folder = safe(folder);
		this.modified = modified;
	}

	/**
	 * Writes one entry; {@code content} writes its bytes to the stream it is given.
	 * @return the entry's path in the folder (made unique when {@code path} was taken)
	 */
	public String entry(String path, Content content) throws IOException {
		String name = unique(path);
		ZipEntry entry = new ZipEntry(this.folder + "/" + name);
		entry.setTime(this.modified.toEpochMilli());
		this.zip.putNextEntry(entry);
		MessageDigest digest = sha256();
		// the content must not close the ZIP when it closes its stream
		OutputStream unclosable = new FilterOutputStream(this.zip) {
			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				this.out.write(b, off, len);
			}

			@Override
			public void close() throws IOException {
				flush();
			}
		};
		DigestOutputStream out = new DigestOutputStream(unclosable, digest);
		content.writeTo(out);
		out.flush();
		this.zip.closeEntry();
		this.hashes.put(name, java.util.HexFormat.of().formatHex(digest.digest()));
		return name;
	}

	/**
	 * Whether a path is taken already (case-insensitively, for the file systems that
	 * are).
	 */
	public boolean taken(String path) {
		return this.lowerCaseNames.contains(path.toLowerCase(java.util.Locale.ROOT));
	}

	/** Writes the manifest and finishes the ZIP (the underlying stream is closed). */
	@Override
	public void close() throws IOException {
		StringBuilder manifest = new StringBuilder();
		this.hashes.forEach((name, hash) -> manifest.append(hash).append("  ").append(name).append('\n'));
		ZipEntry entry = new ZipEntry(this.folder + "/" + MANIFEST);
		entry.setTime(this.modified.toEpochMilli());
		this.zip.putNextEntry(entry);
		this.zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
		this.zip.closeEntry();
		this.zip.close();
	}

	/**
	 * The path made safe for every unzip tool and for {@code sha256sum}: no control
	 * characters, no backslashes, no empty or dot segments; a clash gets " (2)".
	 */
	private String unique(String path) {
		String[] segments = path.split("/");
		StringBuilder safePath = new StringBuilder();
		for (String segment : segments) {
			String clean = safe(segment);
			if (!safePath.isEmpty()) {
				safePath.append('/');
			}
			safePath.append(clean);
		}
		String candidate = safePath.toString();
		int dot = candidate.lastIndexOf('.');
		int slash = candidate.lastIndexOf('/');
		String stem = (dot > slash + 1) ? candidate.substring(0, dot) : candidate;
		String extension = (dot > slash + 1) ? candidate.substring(dot) : "";
		for (int n = 2; taken(candidate) || candidate.equals(MANIFEST); n++) {
			candidate = stem + " (" + n + ")" + extension;
		}
		this.lowerCaseNames.add(candidate.toLowerCase(java.util.Locale.ROOT));
		return candidate;
	}

	private static String safe(String segment) {
		String clean = segment.replaceAll("[\\p{Cntrl}\\\\]", "_").strip();
		if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
			return "_";
		}
		return clean;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	/** Writes an entry's bytes. */
	@FunctionalInterface
	public interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

}
