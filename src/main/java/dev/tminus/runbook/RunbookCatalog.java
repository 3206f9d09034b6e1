package dev.tminus.runbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.tminus.shared.web.NotFoundException;

/**
 * The runbook templates: read from {@code config/runbooks/*.yml} at start-up (a broken
 * file stops the start, naming file, line and field) and stored in PostgreSQL by content
 * hash. A cutover keeps the id of the exact version it was created from, so editing a
 * file later never changes a past cutover.
 */
@Service
public class RunbookCatalog {

	private static final Logger log = LoggerFactory.getLogger(RunbookCatalog.class);

	/** A template version as stored: its row id, hash and parsed content. */
	public record StoredTemplate(long id, String fileName, String contentHash, RunbookTemplate template) {

		public String key() {
			return this.template.key();
		}

		public String shortHash() {
			return this.contentHash.substring(0, 12);
		}

	}

	private final JdbcClient jdbc;

	private final RunbookParser parser = new RunbookParser();

	private final Map<String, StoredTemplate> current;

	private final Map<Long, StoredTemplate> byId = new ConcurrentHashMap<>();

	RunbookCatalog(JdbcClient jdbc, RunbookProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.current = load(Path.of(properties.location()), clock);
	}

	private Map<String, StoredTemplate> load(Path directory, Clock clock) {
		if (!Files.isDirectory(directory)) {
			throw new IllegalStateException("Runbook template folder " + directory.toAbsolutePath()
					+ " does not exist (tminus.runbook.location)");
		}
		List<Path> files;
		try (Stream<Path> listing = Files.list(directory)) {
			files = listing.filter((file) -> file.getFileName().toString().endsWith(".yml"))
				.sorted(Comparator.comparing(Path::getFileName))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, StoredTemplate> loaded = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		for (Path file : files) {
			String fileName = file.getFileName().toString();
			try {
				String content = Files.readString(file, StandardCharsets.UTF_8);
				RunbookTemplate template = this.parser.parse(fileName, content);
				StoredTemplate stored = store(fileName, content, template, clock);
				loaded.put(template.key(), stored);
				this.byId.put(stored.id(), stored);
			}
			catch (RunbookTemplateException ex) {
				problems.add(ex.getMessage());
			}
			catch (IOException ex) {
				problems.add(fileName + ": cannot be read: " + ex.getMessage());
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException(
					"Broken runbook template(s) in " + directory + ":\n" + String.join("\n", problems));
		}
		log.info("Loaded {} runbook template(s) from {}: {}", loaded.size(), directory, loaded.keySet());
		return Map.copyOf(loaded);
	}

	private StoredTemplate store(String fileName, String content, RunbookTemplate template, Clock clock) {
		String hash = sha256(content);
		this.jdbc.sql("""
				insert into runbook_template (file_name, name, content_hash, content, loaded_at)
				values (?, ?, ?, ?, ?) on conflict (content_hash) do nothing
				""")
			.params(fileName, template.name(), hash, content, java.sql.Timestamp.from(clock.instant()))
			.update();
		long id = this.jdbc.sql("select id from runbook_template where content_hash = ?")
			.param(hash)
			.query(Long.class)
			.single();
		return new StoredTemplate(id, fileName, hash, template);
	}

	/** The templates as the files are now, by name. */
	public List<StoredTemplate> current() {
		return this.current.values().stream().sorted(Comparator.comparing((t) -> t.template().name())).toList();
	}

	public Optional<StoredTemplate> current(String key) {
		return Optional.ofNullable(this.current.get(key));
	}

	/** One stored version of a template file, for the list of versions. */
	public record TemplateVersion(long id, String fileName, String name, String contentHash, Instant loadedAt,
			boolean current) {

		public String shortHash() {
			return this.contentHash.substring(0, 12);
		}

		public String loadedAtUtc() {
			return this.loadedAt.truncatedTo(ChronoUnit.SECONDS).toString();
		}

	}

	/** Every version ever loaded (cutovers keep theirs), by file, newest first. */
	public List<TemplateVersion> versions() {
		return this.jdbc
			.sql("select id, file_name, name, content_hash, loaded_at from runbook_template"
					+ " order by file_name, loaded_at desc, id desc")
			.query((rs, row) -> new TemplateVersion(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(), isCurrent(rs.getLong(1))))
			.list();
	}

	/** Whether this stored version is what its file holds now. */
	public boolean isCurrent(long id) {
		return this.current.values().stream().anyMatch((t) -> t.id() == id);
	}

	/** The YAML of one stored version, exactly as it was loaded. */
	public String source(long id) {
		return this.jdbc.sql("select content from runbook_template where id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("No runbook template version " + id));
	}

	/** The exact version a cutover was created from, also when the file changed since. */
	public StoredTemplate byId(long id) {
		return this.byId.computeIfAbsent(id,
				(missing) -> this.jdbc.sql("select file_name, content_hash, content from runbook_template where id = ?")
					.param(missing)
					.query((rs, row) -> new StoredTemplate(missing, rs.getString(1), rs.getString(2),
							this.parser.parse(rs.getString(1), rs.getString(3))))
					.optional()
					.orElseThrow(() -> new NotFoundException("No runbook template version " + missing)));
	}

	static String sha256(String content) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
