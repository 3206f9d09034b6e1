package dev.tminus.bench;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.tminus.account.AccountCredentials;
import dev.tminus.account.AccountService;
import dev.tminus.account.AccountView;
import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.cutover.CutoverKind;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.NewCutover;
import dev.tminus.cutover.RecordStep;
import dev.tminus.cutover.StepStatus;
import dev.tminus.evidence.EvidenceContract;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.evidence.EvidenceTarget;
import dev.tminus.evidence.NewEvidenceFile;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.runbook.RunbookTemplate.Step;
import dev.tminus.timeline.NewTimelineEntry;
import dev.tminus.timeline.TimelineKind;
import dev.tminus.timeline.TimelineService;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the bench's data through the app's own services, as people would make it: a seed
 * 001 go-live with 20 members, every step recorded and 300 timeline rows (the board under
 * load); a bare go-live (the statement-count probe's small board); and an E2-3 rehearsal
 * with {@code tminus.bench.export-rows} timeline rows and
 * {@code tminus.bench.export-files} evidence files of 1 MB (the export). Writes what the
 * bench needs to know to {@code tminus.bench.seed-file} last, so its presence means
 * "seeded".
 */
@Component
@Profile("bench")
class BenchSeeder implements ApplicationRunner {

	static final String PASSWORD = "correct horse battery";

	static final int MEMBERS = 20;

	static final int SCRIBES = 16;

	static final int BOARD_ROWS = 300;

	static final String GO_LIVE = "go-live-canary-money-loop";

	static final String E23 = "e2-3-reload-cutover-rehearsal";

	private static final Log log = LogFactory.getLog(BenchSeeder.class);

	private final AccountService accounts;

	private final AccountCredentials credentials;

	private final CutoverService cutovers;

	private final EvidenceService evidence;

	private final TimelineService timeline;

	private final RunbookCatalog catalog;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	@Value("${tminus.bench.seed-file}")
	Path seedFile;

	@Value("${tminus.bench.export-rows:10000}")
	int exportRows;

	@Value("${tminus.bench.export-files:100}")
	int exportFiles;

	BenchSeeder(AccountService accounts, AccountCredentials credentials, CutoverService cutovers,
			EvidenceService evidence, TimelineService timeline, RunbookCatalog catalog, JdbcClient jdbc,
			TransactionTemplate transactions, Clock clock) {
		this.accounts = accounts;
		this.credentials = credentials;
		this.cutovers = cutovers;
		this.evidence = evidence;
		this.timeline = timeline;
		this.catalog = catalog;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		long started = System.nanoTime();
		List<AccountView> members = new ArrayList<>();
		for (int i = 1; i <= MEMBERS; i++) {
			members.add(this.accounts.create("bench-m%02d".formatted(i), "Bench member %02d".formatted(i),
					GlobalRole.MEMBER, PASSWORD));
		}
		AccountView auditor = this.accounts.create("bench-auditor", "Bench auditor", GlobalRole.AUDITOR, PASSWORD);

		long board = goLive("Bench go-live", members);
		List<String> steps = recordEverySteps(board, members.get(1));
		long rows = rows(board);
		for (long i = rows; i < BOARD_ROWS; i++) {
			this.cutovers.addNote(board, "Observation " + i + ": queue p95 40s, 5xx 0.1 %", null,
					user(members.get(1 + (int) (i % SCRIBES))));
		}
		long small = goLive("Bench bare go-live", members);
		long export = exportCutover(members);

		Map<String, Object> seed = new LinkedHashMap<>();
		seed.put("password", PASSWORD);
		seed.put("members", members.stream().map(AccountView::username).toList());
		seed.put("ic", members.get(0).username());
		seed.put("scribes", members.subList(1, 1 + SCRIBES).stream().map(AccountView::username).toList());
		seed.put("auditor", auditor.username());
		seed.put("boardCutover", board);
		seed.put("smallCutover", small);
		seed.put("exportCutover", export);
		seed.put("steps", steps);
		seed.put("versions", versions(board));
		seed.put("boardRows", rows(board));
		seed.put("smallRows", rows(small));
		seed.put("exportRows", rows(export));
		seed.put("exportFiles", this.exportFiles);
		Files.createDirectories(this.seedFile.toAbsolutePath().getParent());
		Path partial = this.seedFile.resolveSibling(this.seedFile.getFileName() + ".partial");
		JsonMapper.builder().build().writeValue(partial.toFile(), seed);
		Files.move(partial, this.seedFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		log.info("Bench data seeded in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s: " + seed);
	}

	/**
	 * A started seed 001 go-live: member 1 the IC, members 2-17 Scribes (the people who
	 * tick under load), 18-20 the owners.
	 */
	private long goLive(String name, List<AccountView> members) {
		AccountView creator = members.get(0);
		long id = this.cutovers.create(new NewCutover(GO_LIVE, name, "prod", "8e28d6c3", CutoverKind.REHEARSAL,
				ParameterResolver.format(this.clock.instant().plus(Duration.ofHours(2))),
				Map.of("CANARY_TENANT", "tenant-canary-01")), user(creator));
		assign(id, "IC", members.get(0), creator);
		for (int i = 1; i <= SCRIBES; i++) {
			assign(id, "SCRIBE", members.get(i), creator);
		}
		assign(id, "DEPLOYER", members.get(17), creator);
		assign(id, "DB_OWNER", members.get(18), creator);
		assign(id, "PAYMENTS_OWNER", members.get(19), creator);
		assign(id, "ONCALL", members.get(17), creator);
		this.cutovers.start(id, user(creator));
		return id;
	}

	/** Every step PASS (N/A where a rule refuses PASS), in the runbook's order. */
	private List<String> recordEverySteps(long cutoverId, AccountView scribe) {
		RunbookTemplate template = template(cutoverId);
		List<String> keys = new ArrayList<>();
		for (Step step : template.steps()) {
			keys.add(step.key());
			try {
				this.cutovers.recordStep(cutoverId, step.key(),
						new RecordStep(StepStatus.PASS, fields(step), null, version(cutoverId, step.key())),
						user(scribe));
			}
			catch (RuntimeException refused) {
				this.cutovers.recordStep(cutoverId, step.key(), new RecordStep(StepStatus.NA, Map.of(),
						"bench: " + refused.getMessage(), version(cutoverId, step.key())), user(scribe));
			}
		}
		return keys;
	}

	private long exportCutover(List<AccountView> members) {
		AccountView creator = members.get(0);
		long id = this.cutovers.create(
				new NewCutover(E23, "Bench E2-3 export", "staging", "8e28d6c3", CutoverKind.REHEARSAL,
						ParameterResolver.format(this.clock.instant().plus(Duration.ofHours(2))), Map.of()),
				user(creator));
		assign(id, "IC", members.get(0), creator);
		assign(id, "SCRIBE", members.get(1), creator);
		assign(id, "OPERATOR", members.get(2), creator);
		this.cutovers.start(id, user(creator));
		for (int i = 0; i < this.exportFiles; i++) {
			int n = i;
			this.evidence.upload(id, EvidenceTarget.step("GENERATE_SYNTHETIC_JSONL"),
					List.of(new NewEvidenceFile("capture-" + n + ".bin", "application/octet-stream", 1024 * 1024,
							() -> new ByteArrayInputStream(megabyte(n)))),
					new EvidenceContract("tcpdump -w capture-" + n + ".bin", "0", null, null, "INFO"),
					user(members.get(2)));
		}
		AccountView scribe = members.get(1);
		String label = scribe.displayName() + " (" + scribe.username() + ")";
		while (rows(id) < this.exportRows) {
			long from = rows(id);
			this.transactions.executeWithoutResult((status) -> {
				for (long i = from; i < Math.min(from + 1000, this.exportRows); i++) {
					this.timeline.append(NewTimelineEntry.by(id, scribe.id(), label, TimelineKind.NOTE,
							"Observation " + i + ": all quiet"));
				}
			});
		}
		return id;
	}

	private static byte[] megabyte(int seed) {
		byte[] bytes = new byte[1024 * 1024];
		new SplittableRandom(seed).nextBytes(bytes);
		return bytes;
	}

	private Map<String, String> fields(Step step) {
		Map<String, String> fields = new LinkedHashMap<>();
		step.fields().forEach((field) -> fields.put(field.key(), switch (field.type()) {
			case SHA -> "8e28d6c3";
			case URL -> "https://grafana.example/d/slo";
			case TIMESTAMP -> ParameterResolver.format(this.clock.instant());
			case NUMBER -> "1";
			case TEXT -> "value of " + field.key();
		}));
		return fields;
	}

	private RunbookTemplate template(long cutoverId) {
		long templateId = this.jdbc.sql("select template_id from cutover where id = ?")
			.param(cutoverId)
			.query(Long.class)
			.single();
		return this.catalog.byId(templateId).template();
	}

	private Map<String, Long> versions(long cutoverId) {
		Map<String, Long> versions = new LinkedHashMap<>();
		this.jdbc.sql("select step_key, version from step_state where cutover_id = ? order by step_key")
			.param(cutoverId)
			.query((rs, row) -> versions.put(rs.getString(1), rs.getLong(2)))
			.list();
		return versions;
	}

	private long version(long cutoverId, String step) {
		return this.jdbc.sql("select version from step_state where cutover_id = ? and step_key = ?")
			.params(cutoverId, step)
			.query(Long.class)
			.single();
	}

	private long rows(long cutoverId) {
		return this.jdbc.sql("select count(*) from timeline_entry where cutover_id = ?")
			.param(cutoverId)
			.query(Long.class)
			.single();
	}

	private void assign(long cutoverId, String role, AccountView account, AccountView by) {
		this.cutovers.assignRole(cutoverId, role, account.username(), user(by));
	}

	private CurrentUser user(AccountView account) {
		return this.credentials.load(account.username(), this.clock.instant());
	}

}
