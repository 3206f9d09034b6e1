package dev.tminus.account;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person, as Spring Security holds them in the session.
 */
public final class CurrentUser implements UserDetails {

	@Serial
	private static final long serialVersionUID = 1L;

	private final long id;

	private final String username;

	private final String displayName;

	private final GlobalRole role;

	private final String passwordHash;

	private final boolean enabled;

	private final boolean locked;

	CurrentUser(long id, String username, String displayName, GlobalRole role, String passwordHash, boolean enabled,
			boolean locked) {
		this.id = id;
		this.username = username;
		this.displayName = displayName;
		this.role = role;
		this.passwordHash = passwordHash;
		this.enabled = enabled;
		this.locked = locked;
	}

	public long id() {
		return this.id;
	}

	public String displayName() {
		return this.displayName;
	}

	public GlobalRole role() {
		return this.role;
	}

	public boolean isAdmin() {
		return this.role == GlobalRole.ADMIN;
	}

	public boolean isAuditor() {
		return this.role == GlobalRole.AUDITOR;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + this.role.name()));
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.username;
	}

	@Override
	public boolean isAccountNonLocked() {
		return !this.locked;
	}

	@Override
	public boolean isEnabled() {
		return this.enabled;
	}

}
