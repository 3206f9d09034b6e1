package dev.tminus.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A person who signs in to T-Minus.
 */
@Entity
@Table(name = "account")
public class Account {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private String username;

	@Column(nullable = false)
	private String displayName;

	@Column(nullable = false)
	private String passwordHash;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private GlobalRole role;

	private boolean enabled;

	private int failedAttempts;

	private Instant lockedUntil;

	@Column(nullable = false, updatable = false)
	private Instant createdAt;

	@Column(nullable = false)
	private Instant passwordChangedAt;

	@Version
	private long version;

	protected Account() {
	}

	Account(String username, String displayName, String passwordHash, GlobalRole role, Instant now) {
		this.username = username;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.role = role;
		this.enabled = true;
		this.createdAt = now;
		this.passwordChangedAt = now;
	}

	public Long getId() {
		return this.id;
	}

	public String getUsername() {
		return this.username;
	}

	public String getDisplayName() {
		return this.displayName;
	}

	String getPasswordHash() {
		return this.passwordHash;
	}

	public GlobalRole getRole() {
		return this.role;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public Instant getLockedUntil() {
		return this.lockedUntil;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public boolean isLockedAt(Instant now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
	}

	void changePassword(String newHash, Instant now) {
		this.passwordHash = newHash;
		this.passwordChangedAt = now;
		this.failedAttempts = 0;
		this.lockedUntil = null;
	}

	void changeRole(GlobalRole role) {
		this.role = role;
	}

	void setEnabled(boolean enabled) {
		this.enabled = enabled;
		if (enabled) {
			this.failedAttempts = 0;
			this.lockedUntil = null;
		}
	}

	public AccountView toView() {
		return new AccountView(this.id, this.username, this.displayName, this.role, this.enabled, this.lockedUntil,
				this.createdAt);
	}

}
