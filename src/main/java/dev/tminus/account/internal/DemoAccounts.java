package dev.tminus.account.internal;

import java.util.List;

import dev.tminus.account.AccountService;
import dev.tminus.account.GlobalRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Opt-in ({@code --spring.profiles.active=demo}): one account per war-room role, to try
 * T-Minus out. They share one password, {@code tminus.demo.password} or a random one
 * printed once when they are created.
 */
@Component
@Profile("demo")
@Order(10)
class DemoAccounts implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

	record Demo(String username, String displayName, GlobalRole role) {
	}

	static final List<Demo> ACCOUNTS = List.of(new Demo("ic", "Ingrid Commander", GlobalRole.MEMBER),
			new Demo("scribe", "Sam Scribe", GlobalRole.MEMBER),
			new Demo("deployer", "Dev Deployer", GlobalRole.MEMBER),
			new Demo("dbowner", "Dora DB-Owner", GlobalRole.MEMBER),
			new Demo("payments", "Pat Payments", GlobalRole.MEMBER),
			new Demo("approver", "Alex Approver", GlobalRole.MEMBER),
			new Demo("member", "Max Member", GlobalRole.MEMBER),
			new Demo("auditor", "Audrey Auditor", GlobalRole.AUDITOR));

	private final AccountService accounts;

	private final String password;

	DemoAccounts(AccountService accounts, @Value("${tminus.demo.password:}") String password) {
		this.accounts = accounts;
		this.password = password;
	}

	@Override
	public void run(ApplicationArguments args) {
		String shared = StringUtils.hasText(this.password) ? this.password : InitialAdmin.randomPassword(16);
		int created = 0;
		for (Demo demo : ACCOUNTS) {
			if (this.accounts.findByUsername(demo.username()).isEmpty()) {
				this.accounts.create(demo.username(), demo.displayName(), demo.role(), shared);
				created++;
			}
		}
		if (created > 0) {
			log.warn("Demo profile: created {} demo accounts ({}) with the password: {}", created,
					ACCOUNTS.stream().map(Demo::username).toList(), shared);
		}
	}

}
