package dev.tminus.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfiguration {

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock();
	}

	@Bean
	static SqlStatementCounter sqlStatementCounter() {
		return new SqlStatementCounter();
	}

	@Bean
	TestAccounts testAccounts(dev.tminus.account.AccountService accounts,
			dev.tminus.account.AccountCredentials credentials, MutableClock clock) {
		return new TestAccounts(accounts, credentials, clock);
	}

	@Bean
	TestCutovers testCutovers(dev.tminus.cutover.CutoverService cutovers, TestAccounts accounts,
			dev.tminus.account.AccountCredentials credentials, MutableClock clock,
			org.springframework.jdbc.core.simple.JdbcClient jdbc, dev.tminus.runbook.RunbookCatalog catalog) {
		return new TestCutovers(cutovers, accounts, credentials, clock, jdbc, catalog);
	}

}
