package dev.tminus.support;

import java.util.concurrent.atomic.AtomicInteger;

import dev.tminus.account.AccountCredentials;
import dev.tminus.account.AccountService;
import dev.tminus.account.AccountView;
import dev.tminus.account.GlobalRole;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Creates accounts with unique names and signs requests in as them.
 */
public class TestAccounts {

	public static final String PASSWORD = "correct horse battery";

	private static final AtomicInteger sequence = new AtomicInteger();

	private final AccountService accounts;

	private final AccountCredentials credentials;

	private final MutableClock clock;

	TestAccounts(AccountService accounts, AccountCredentials credentials, MutableClock clock) {
		this.accounts = accounts;
		this.credentials = credentials;
		this.clock = clock;
	}

	public AccountView create(String prefix, GlobalRole role) {
		String username = prefix + "-" + sequence.incrementAndGet();
		return this.accounts.create(username, "Test " + username, role, PASSWORD);
	}

	public AccountView member(String prefix) {
		return create(prefix, GlobalRole.MEMBER);
	}

	public AccountView auditor(String prefix) {
		return create(prefix, GlobalRole.AUDITOR);
	}

	/** Signs a MockMvc request in as this account, as loaded at sign-in. */
	public RequestPostProcessor as(AccountView account) {
		return user(this.credentials.load(account.username(), this.clock.instant()));
	}

}
