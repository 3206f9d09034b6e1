package dev.tminus.api;

import java.time.Instant;
import java.util.List;

import dev.tminus.runbook.ParameterResolver;

/**
 * A token as its owner sees it in the list: never the token itself.
 *
 * @param prefix the first characters of the token, to tell tokens apart
 */
public record ApiTokenView(long id, String name, String prefix, List<ApiScope> scopes, Instant createdAt,
		Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

	public boolean revoked() {
		return this.revokedAt != null;
	}

	public boolean expiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	public String expiresAtUtc() {
		return ParameterResolver.format(this.expiresAt);
	}

	public String lastUsedAtUtc() {
		return (this.lastUsedAt != null) ? ParameterResolver.format(this.lastUsedAt) : null;
	}

	public String scopeText() {
		return String.join(" ", this.scopes.stream().map(ApiScope::value).toList());
	}

}
