package dev.tminus.support;

import java.time.Duration;
import java.util.Map;

import dev.tminus.account.AccountCredentials;
import dev.tminus.account.AccountView;
import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.CutoverKind;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.NewCutover;
import dev.tminus.cutover.RecordStep;
import dev.tminus.cutover.StepStatus;
import dev.tminus.runbook.ParameterResolver;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds cutovers the way people do, through the service: created, staffed, started.
 */
public class TestCutovers {

	private final CutoverService cutovers;

	private final TestAccounts accounts;

	private final AccountCredentials credentials;

	private final MutableClock clock;

	private final JdbcClient jdbc;

	private final dev.tminus.runbook.RunbookCatalog catalog;

	TestCutovers(CutoverService cutovers, TestAccounts accounts, AccountCredentials credentials, MutableClock clock,
			JdbcClient jdbc, dev.tminus.runbook.RunbookCatalog catalog) {
		this.catalog = catalog;
		this.cutovers = cutovers;
		this.accounts = accounts;
		this.credentials = credentials;
		this.clock = clock;
		this.jdbc = jdbc;
	}

	/** The people of a go-live war room (seed 001) and their cutover. */
	public record WarRoom(long cutoverId, AccountView creator, AccountView ic, AccountView scribe, AccountView deployer,
			AccountView dbOwner, AccountView payments, AccountView oncall, AccountView other) {
	}

	public CurrentUser user(AccountView account) {
		return this.credentials.load(account.username(), this.clock.instant());
	}

	public long create(String template, AccountView creator, Map<String, String> inputs) {
		return this.cutovers.create(
				new NewCutover(template, "Test " + template, "prod", "8e28d6c3", CutoverKind.REHEARSAL,
						ParameterResolver.format(this.clock.instant().plus(Duration.ofHours(2))), inputs),
				user(creator));
	}

	/** A started go-live cutover with every seed 001 role held by its own member. */
	public WarRoom goLive() {
		AccountView creator = this.accounts.member("creator");
		long id = create("go-live-canary-money-loop", creator, Map.of("CANARY_TENANT", "tenant-canary-01"));
		WarRoom room = new WarRoom(id, creator, this.accounts.member("ic"), this.accounts.member("scribe"),
				this.accounts.member("deployer"), this.accounts.member("dbowner"), this.accounts.member("payments"),
				this.accounts.member("oncall"), this.accounts.member("other"));
		assign(room.cutoverId(), "IC", room.ic(), creator);
		assign(room.cutoverId(), "SCRIBE", room.scribe(), creator);
		assign(room.cutoverId(), "DEPLOYER", room.deployer(), creator);
		assign(room.cutoverId(), "DB_OWNER", room.dbOwner(), creator);
		assign(room.cutoverId(), "PAYMENTS_OWNER", room.payments(), creator);
		assign(room.cutoverId(), "ONCALL", room.oncall(), creator);
		this.cutovers.start(id, user(creator));
		return room;
	}

	/** The people of an E2-3 rehearsal (seeds 000 + 003) and their started cutover. */
	public record Rehearsal(long cutoverId, AccountView creator, AccountView ic, AccountView scribe,
			AccountView operator) {
	}

	public Rehearsal e23() {
		AccountView creator = this.accounts.member("creator");
		long id = create("e2-3-reload-cutover-rehearsal", creator, Map.of());
		Rehearsal room = new Rehearsal(id, creator, this.accounts.member("ic"), this.accounts.member("scribe"),
				this.accounts.member("operator"));
		assign(id, "IC", room.ic(), creator);
		assign(id, "SCRIBE", room.scribe(), creator);
		assign(id, "OPERATOR", room.operator(), creator);
		this.cutovers.start(id, user(creator));
		return room;
	}

	public void assign(long cutoverId, String role, AccountView account, AccountView by) {
		this.cutovers.assignRole(cutoverId, role, account.username(), user(by));
	}

	public void record(long cutoverId, String step, StepStatus status, AccountView by, Map<String, String> fields) {
		this.cutovers.recordStep(cutoverId, step, new RecordStep(status, fields,
				(status == StepStatus.NA) ? "not applicable here" : null, version(cutoverId, step)), user(by));
	}

	/** Records PASS with a plausible value for every field the step asks for. */
	public void pass(long cutoverId, String step, AccountView by) {
		long templateId = this.jdbc.sql("select template_id from cutover where id = ?")
			.param(cutoverId)
			.query(Long.class)
			.single();
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		this.catalog.byId(templateId)
			.template()
			.step(step)
			.orElseThrow()
			.fields()
			.forEach((field) -> fields.put(field.key(), switch (field.type()) {
				case SHA -> "8e28d6c3";
				case URL -> "https://grafana.example/d/slo";
				case TIMESTAMP -> ParameterResolver.format(this.clock.instant());
				case NUMBER -> "1";
				case TEXT -> "value of " + field.key();
			}));
		record(cutoverId, step, StepStatus.PASS, by, fields);
	}

	public long version(long cutoverId, String step) {
		return this.jdbc.sql("select version from step_state where cutover_id = ? and step_key = ?")
			.params(cutoverId, step)
			.query(Long.class)
			.single();
	}

	public String status(long cutoverId, String step) {
		return this.jdbc.sql("select status from step_state where cutover_id = ? and step_key = ?")
			.params(cutoverId, step)
			.query(String.class)
			.single();
	}

	public long timelineRows(long cutoverId, String kind) {
		return this.jdbc.sql("select count(*) from timeline_entry where cutover_id = ? and kind = ?")
			.params(cutoverId, kind)
			.query(Long.class)
			.single();
	}

}
