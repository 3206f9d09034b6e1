package dev.tminus.shared.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.tminus.account.AccountCredentials;
import dev.tminus.account.AccountService;
import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.api.ApiScope;
import dev.tminus.api.ApiTokenService;
import dev.tminus.cutover.CutoverKind;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.NewCutover;
import dev.tminus.runbook.ParameterResolver;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gives a fault-injection run something to write to, through the app's own services: an
 * IC, a started go-live and an API token that may add notes to its timeline. Writes
 * {@code cutover<TAB>token} to {@code tminus.fault.seed-file} (once per data directory).
 */
@Component
@Profile("fault-seed")
class FaultSeeder implements ApplicationRunner {

	private final AccountService accounts;

	private final AccountCredentials credentials;

	private final CutoverService cutovers;

	private final ApiTokenService tokens;

	private final JdbcClient jdbc;

	private final Clock clock;

	@Value("${tminus.fault.seed-file}")
	Path seedFile;

	FaultSeeder(AccountService accounts, AccountCredentials credentials, CutoverService cutovers,
			ApiTokenService tokens, JdbcClient jdbc, Clock clock) {
		this.accounts = accounts;
		this.credentials = credentials;
		this.cutovers = cutovers;
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		if (Files.exists(this.seedFile) || this.jdbc.sql("select count(*) from account where username = 'fault-ic'")
			.query(Long.class)
			.single() > 0) {
			return;
		}
		this.accounts.create("fault-ic", "Fault IC", GlobalRole.MEMBER, "river stone fault injection passphrase");
		CurrentUser ic = this.credentials.load("fault-ic", this.clock.instant());
		long cutover = this.cutovers
			.create(new NewCutover("go-live-canary-money-loop", "Fault injection", "prod", "8e28d6c3",
					CutoverKind.REHEARSAL, ParameterResolver.format(this.clock.instant().plus(Duration.ofHours(2))),
					Map.of("CANARY_TENANT", "tenant-canary-01")), ic);
		this.cutovers.assignRole(cutover, "IC", "fault-ic", ic);
		String token = this.tokens.create("fault injection", 1, List.of(ApiScope.TIMELINE_WRITE), ic).token();
		Path partial = this.seedFile.resolveSibling(this.seedFile.getFileName() + ".partial");
		Files.writeString(partial, cutover + "\t" + token);
		Files.move(partial, this.seedFile, StandardCopyOption.ATOMIC_MOVE);
	}

}
