package dev.tminus.shared.db;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries shipped in zonky's binaries jar, unpacked once per version into
 * the temporary directory. They are unpacked into a fresh folder and renamed into place,
 * so a half-unpacked folder is never used; files are world-readable (the server may run
 * as another OS user) and writable only by their owner.
 */
final class PostgresBinaries {

	private static Path installed;

	private PostgresBinaries() {
	}

	/**
	 * The folder holding {@code bin/postgres}, {@code bin/initdb} and {@code bin/pg_ctl}.
	 */
	static synchronized Path installed() {
		if (installed == null) {
			try {
				installed = install();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not unpack the embedded PostgreSQL binaries", ex);
			}
		}
		return installed;
	}

	private static Path install() throws IOException {
		String arch = System.getProperty("os.arch");
		byte[] archive;
		try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux",
				"amd64".equals(arch) ? "x86_64" : arch)) {
			archive = in.readAllBytes();
		}
		String digest = sha256(archive).substring(0, 16);
		Path root = Path.of(System.getProperty("java.io.tmpdir"));
		Path target = root.resolve("tminus-postgres-" + digest);
		if (Files.isRegularFile(target.resolve(".complete"))) {
			return target;
		}
		Path staging = Files.createTempDirectory(root, "tminus-postgres-unpacking-");
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new XZInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path file = staging.resolve(entry.getName()).normalize();
				if (!file.startsWith(staging)) {
					throw new IOException("Archive entry outside its folder: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(file);
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(file.getParent());
					Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
				}
				else {
					Files.createDirectories(file.getParent());
					Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
					boolean executable = entry.getName().replaceFirst("^\\./", "").startsWith("bin/")
							|| (entry.getMode() & 0100) != 0;
					Files.setPosixFilePermissions(file,
							PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
				}
			}
		}
		try (var dirs = Files.walk(staging)) {
			for (Path dir : dirs.filter(Files::isDirectory).toList()) {
				Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
		}
		Files.createFile(staging.resolve(".complete"));
		try {
			Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException alreadyThere) {
			// another JVM unpacked the same version first
			if (!Files.isRegularFile(target.resolve(".complete"))) {
				throw alreadyThere;
			}
			deleteQuietly(staging);
		}
		return target;
	}

	private static void deleteQuietly(Path dir) {
		try (var files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover in the temporary directory
		}
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
