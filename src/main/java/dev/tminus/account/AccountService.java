package dev.tminus.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.tminus.shared.web.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts: creating them, their passwords, roles, and sign-in throttling.
 */
@Service
public class AccountService {

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final PasswordThrottle throttle;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, PasswordThrottle throttle,
			ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.throttle = throttle;
		this.events = events;
		this.clock = clock;
	}

	public static String normalizeUsername(String username) {
		return (username != null) ? username.trim().toLowerCase(Locale.ROOT) : "";
	}

	@Transactional
	public AccountView create(String username, String displayName, GlobalRole role, String password) {
		String name = normalizeUsername(username);
		if (this.accounts.existsByUsername(name)) {
			throw new AccountException("username", "The username '" + name + "' is taken.");
		}
		requireAcceptable("password", password, name);
		Account account = new Account(name, displayName.trim(), this.passwordEncoder.encode(password), role,
				this.clock.instant());
		try {
			return this.accounts.saveAndFlush(account).toView();
		}
		catch (DataIntegrityViolationException ex) {
			// two admins creating the same username at the same moment
			throw new AccountException("username", "The username '" + name + "' is taken.");
		}
	}

	@Transactional(readOnly = true)
	public List<AccountView> list() {
		return this.accounts.findAllByOrderByUsernameAsc().stream().map(Account::toView).toList();
	}

	@Transactional(readOnly = true)
	public AccountView get(long id) {
		return find(id).toView();
	}

	@Transactional(readOnly = true)
	public Optional<AccountView> findByUsername(String username) {
		return this.accounts.findByUsername(normalizeUsername(username)).map(Account::toView);
	}

	/** Views of several accounts in one query, keyed by id. */
	@Transactional(readOnly = true)
	public Map<Long, AccountView> views(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return this.accounts.findByIdIn(ids)
			.stream()
			.map(Account::toView)
			.collect(Collectors.toMap(AccountView::id, Function.identity()));
	}

	@Transactional
	public void setEnabled(long id, boolean enabled, String actorUsername) {
		Account account = find(id);
		if (!enabled) {
			refuseSelf(account, actorUsername, "You cannot disable your own account.");
			refuseLastAdmin(account, "You cannot disable the last enabled admin.");
		}
		account.setEnabled(enabled);
		if (!enabled) {
			this.events.publishEvent(new AccountRightsChanged(account.getUsername()));
		}
	}

	@Transactional
	public void changeRole(long id, GlobalRole role, String actorUsername) {
		Account account = find(id);
		if (account.getRole() == role) {
			return;
		}
		refuseSelf(account, actorUsername, "You cannot change your own role.");
		refuseLastAdmin(account, "You cannot demote the last enabled admin.");
		account.changeRole(role);
		this.events.publishEvent(new AccountRightsChanged(account.getUsername()));
	}

	@Transactional
	public void resetPassword(long id, String newPassword) {
		Account account = find(id);
		requireAcceptable("newPassword", newPassword, account.getUsername());
		account.changePassword(this.passwordEncoder.encode(newPassword), this.clock.instant());
		this.events.publishEvent(new AccountRightsChanged(account.getUsername()));
	}

	/**
	 * Changes one's own password and ends one's other sessions once committed.
	 * @param keepSessionId the session the change is made from, which stays signed in
	 */
	@Transactional
	public void changeOwnPassword(String username, String currentPassword, String newPassword, String keepSessionId) {
		Account account = this.accounts.findByUsername(normalizeUsername(username))
			.orElseThrow(() -> new NotFoundException("No such account"));
		PasswordConfirmation confirmation = confirm(account, currentPassword);
		if (!confirmation.matches()) {
			throw new AccountException("currentPassword", confirmation.refusal("That is not your current password."));
		}
		requireAcceptable("newPassword", newPassword, account.getUsername());
		if (this.passwordEncoder.matches(newPassword, account.getPasswordHash())) {
			throw new AccountException("newPassword", "Choose a password different from the current one.");
		}
		account.changePassword(this.passwordEncoder.encode(newPassword), this.clock.instant());
		this.events.publishEvent(new OwnPasswordChanged(account.getUsername(), keepSessionId));
	}

	/**
	 * Checks a password for a step-up confirmation (the IC retyping theirs to decide, a
	 * trigger's triage), throttled per account: after a few wrong ones, the next must
	 * wait (see {@link PasswordThrottle}), and while it must, nothing is checked.
	 */
	@Transactional(readOnly = true)
	public PasswordConfirmation confirmPassword(String username, String password) {
		Account account = this.accounts.findByUsername(normalizeUsername(username))
			.filter(Account::isEnabled)
			.orElse(null);
		if (account == null) {
			return new PasswordConfirmation(false, null);
		}
		return confirm(account, password);
	}

	/** {@link #confirmPassword} as a yes or no (also no while throttled). */
	@Transactional(readOnly = true)
	public boolean passwordMatches(String username, String password) {
		return confirmPassword(username, password).matches();
	}

	private PasswordConfirmation confirm(Account account, String password) {
		PasswordThrottle.Key key = PasswordThrottle.Key.reentryOf(account.getUsername());
		Optional<Duration> wait = this.throttle.waitFor(key);
		if (wait.isPresent()) {
			return new PasswordConfirmation(false, wait.get());
		}
		if (password != null && this.passwordEncoder.matches(password, account.getPasswordHash())) {
			this.throttle.succeeded(key);
			return new PasswordConfirmation(true, null);
		}
		this.throttle.failed(key);
		return new PasswordConfirmation(false, null);
	}

	@Transactional(readOnly = true)
	public long count() {
		return this.accounts.count();
	}

	private Account find(long id) {
		return this.accounts.findById(id).orElseThrow(() -> new NotFoundException("No account with id " + id));
	}

	private void refuseSelf(Account account, String actorUsername, String message) {
		if (account.getUsername().equals(normalizeUsername(actorUsername))) {
			throw new AccountException(null, message);
		}
	}

	private void refuseLastAdmin(Account account, String message) {
		if (account.getRole() == GlobalRole.ADMIN && account.isEnabled()
				&& this.accounts.countByRoleAndEnabledTrue(GlobalRole.ADMIN) <= 1) {
			throw new AccountException(null, message);
		}
	}

	private static void requireAcceptable(String field, String password, String username) {
		String problem = PasswordPolicy.problemWith(password, username);
		if (problem != null) {
			throw new AccountException(field, problem);
		}
	}

}
