package dev.tminus.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The file outside the database that every checkpoint is appended to (and synced), one
 * JSON object a line with the installation it belongs to. A database superuser can delete
 * checkpoint rows; not these lines.
 */
final class CheckpointAnchor {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final Path file;

	CheckpointAnchor(Path file) {
		this.file = file.toAbsolutePath();
	}

	Path file() {
		return this.file;
	}

	synchronized void append(String installation, Checkpoint checkpoint) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("installation", installation);
		line.putAll(checkpoint.toJson());
		try {
			Files.createDirectories(this.file.getParent());
			if (!Files.exists(this.file)) {
				Files.createFile(this.file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			try (FileChannel channel = FileChannel.open(this.file, StandardOpenOption.APPEND,
					StandardOpenOption.WRITE)) {
				channel.write(ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8)));
				channel.force(true);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not append a checkpoint to " + this.file, ex);
		}
	}

	/** What the file holds for one cutover of this installation. */
	synchronized Anchored read(String installation, long cutoverId) {
		List<Checkpoint> checkpoints = new ArrayList<>();
		boolean ours = false;
		boolean any = false;
		if (Files.exists(this.file)) {
			try (var lines = Files.lines(this.file, StandardCharsets.UTF_8)) {
				for (String text : (Iterable<String>) lines::iterator) {
					if (text.isBlank()) {
						continue;
					}
					any = true;
					Map<String, Object> line = JSON.readValue(text, MAP);
					if (!installation.equals(line.get("installation"))) {
						continue;
					}
					ours = true;
					if (((Number) line.get("cutover_id")).longValue() == cutoverId) {
						checkpoints.add(Checkpoint.fromJson(line));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read the checkpoint anchor file " + this.file, ex);
			}
		}
		return new Anchored(checkpoints, any && !ours);
	}

	/**
	 * @param checkpoints the cutover's anchored checkpoints
	 * @param foreign whether the file holds checkpoints of other installations only
	 */
	record Anchored(List<Checkpoint> checkpoints, boolean foreign) {
	}

}
