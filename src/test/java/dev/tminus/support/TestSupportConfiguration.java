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
	TestAccounts testAccounts(dev.tminus.account.AccountService accounts,
			dev.tminus.account.AccountCredentials credentials, MutableClock clock) {
		return new TestAccounts(accounts, credentials, clock);
	}

}
