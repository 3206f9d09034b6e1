package dev.tminus.hypercare;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.tminus.decision.Decide;
import dev.tminus.decision.DecisionService;
import dev.tminus.evidence.EvidenceContract;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.evidence.EvidenceTarget;
import dev.tminus.evidence.NewEvidenceFile;
import dev.tminus.gate.GateService;
import dev.tminus.gate.RecordGate;
import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.runbook.RunbookTemplate;
import dev.tminus.signoff.SignOffService;
import dev.tminus.signoff.SignOffState;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seed 001 go-lives taken to GO the real way: every step before T-0 PASS (which passes
 * the backup gate, that follows from its steps), the other three gates PASS with the
 * canary report attached, the RC sign-off given, then the IC signs GO.
 */
public final class GoLives {

	private final TestCutovers cutovers;

	private final GateService gates;

	private final EvidenceService evidence;

	private final SignOffService signOffs;

	private final DecisionService decisions;

	private final RunbookCatalog catalog;

	private final JdbcClient jdbc;

	private final MutableClock clock;

	/** Takes what it needs from the test's application context. */
	public GoLives(ApplicationContext context) {
		this.cutovers = context.getBean(TestCutovers.class);
		this.gates = context.getBean(GateService.class);
		this.evidence = context.getBean(EvidenceService.class);
		this.signOffs = context.getBean(SignOffService.class);
		this.decisions = context.getBean(DecisionService.class);
		this.catalog = context.getBean(RunbookCatalog.class);
		this.jdbc = context.getBean(JdbcClient.class);
		this.clock = context.getBean(MutableClock.class);
	}

	/** The next 10:00 UTC at least a day after the clock (which only moves forward). */
	public Instant nextTenAm() {
		return this.clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2)).plus(Duration.ofHours(10));
	}

	/** A go-live with everything before GO done, still IN_PROGRESS. */
	public WarRoom ready() {
		WarRoom room = readyWithoutCanary();
		long id = room.cutoverId();
		byte[] report = "# Canary report\nDeposit PASS, withdraw PASS, ledger settled.\n"
			.getBytes(StandardCharsets.UTF_8);
		this.evidence.upload(
				id, EvidenceTarget.gate("CANARY_MONEY_LOOP"), List.of(new NewEvidenceFile("canary_report.md",
						"text/markdown", report.length, new ByteArrayResource(report))),
				EvidenceContract.none(), this.cutovers.user(room.payments()));
		this.gates.record(id, "CANARY_MONEY_LOOP",
				new RecordGate(null, Map.of("LEDGER_HELD", "0", "AVAILABLE_REDUCED_BY", "10"), null),
				this.cutovers.user(room.payments()));
		return room;
	}

	/**
	 * A go-live with every step before T-0 PASS, the pre-flight and deploy+smoke gates
	 * PASS and the RC sign-off given: only the canary money loop is left before GO.
	 */
	public WarRoom readyWithoutCanary() {
		WarRoom room = this.cutovers.goLive();
		long id = room.cutoverId();
		RunbookTemplate template = template(id);
		for (RunbookTemplate.Step step : template.steps()) {
			if (template.phase(step.phase()).orElseThrow().offsetMinutes() < 0) {
				this.cutovers.pass(id, step.key(), room.ic());
			}
		}
		var ic = this.cutovers.user(room.ic());
		this.gates.record(id, "PREFLIGHT", new RecordGate(null, Map.of("VERIFY_PROD_ENV_EXIT_CODE", "0"), null), ic);
		this.gates.record(id, "DEPLOY_SMOKE",
				new RecordGate(null, Map.of("API_HEALTH_HTTP", "200", "GO_LIVE_SMOKE_EXIT_CODE", "0"), null), ic);
		this.signOffs.sign(id, "RC_SIGN_OFF", SignOffState.GIVEN, "RC criteria met",
				this.cutovers.user(room.payments()));
		return room;
	}

	/** A go-live signed GO by its IC now. */
	public WarRoom go() {
		WarRoom room = ready();
		decide(room, "GO");
		return room;
	}

	public void decide(WarRoom room, String outcome) {
		this.decisions.decide(room.cutoverId(), new Decide(outcome, TestAccounts.PASSWORD, null, null, null, null, null,
				outcome.equals("ROLLBACK") ? "payouts failing" : null, null), this.cutovers.user(room.ic()));
	}

	public String status(long cutoverId) {
		return this.jdbc.sql("select status from cutover where id = ?").param(cutoverId).query(String.class).single();
	}

	public RunbookTemplate template(long cutoverId) {
		return this.catalog
			.byId(this.jdbc.sql("select template_id from cutover where id = ?")
				.param(cutoverId)
				.query(Long.class)
				.single())
			.template();
	}

}
