package dev.tminus.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.shared.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens: created by their owner with a name, an expiry and scopes, shown
 * once, stored as a SHA-256, revocable, their last use recorded.
 */
@Service
public class ApiTokenService {

	/** Every token starts with this, so that secret scanners can find leaked ones. */
	public static final String TOKEN_PREFIX = "tmn_";

	public static final int MAX_DAYS = 365;

	static final int MAX_NAME = 100;

	static final int MAX_TOKENS_PER_ACCOUNT = 50;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	ApiTokenService(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @throws ApiTokenException when the name, expiry or scopes are not acceptable (an
	 * auditor's token can only read)
	 */
	@Transactional
	public NewApiToken create(String name, int days, Collection<ApiScope> scopes, CurrentUser owner) {
		String trimmed = (name != null) ? name.strip() : "";
		if (trimmed.isEmpty()) {
			throw new ApiTokenException("Name the token after where it is used (\"deploy pipeline\").");
		}
		if (trimmed.length() > MAX_NAME) {
			throw new ApiTokenException("Use at most " + MAX_NAME + " characters for the name.");
		}
		if (days < 1 || days > MAX_DAYS) {
			throw new ApiTokenException("A token lives 1 to " + MAX_DAYS + " days.");
		}
		Set<ApiScope> chosen = (scopes == null || scopes.isEmpty()) ? Set.of() : EnumSet.copyOf(scopes);
		if (chosen.isEmpty()) {
			throw new ApiTokenException("Choose at least one scope.");
		}
		if (owner.role() != GlobalRole.MEMBER && chosen.stream().anyMatch(ApiScope::writes)) {
			throw new ApiTokenException("A " + owner.role().name().toLowerCase() + "'s token can only read ("
					+ ApiScope.CUTOVER_READ.value() + "): " + owner.role().name().toLowerCase()
					+ "s take no part in a cutover.");
		}
		long live = this.jdbc.sql("select count(*) from api_token where account_id = ? and revoked_at is null")
			.param(owner.id())
			.query(Long.class)
			.single();
		if (live >= MAX_TOKENS_PER_ACCOUNT) {
			throw new ApiTokenException("You hold " + live + " tokens: revoke one you no longer use first.");
		}
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		long id = this.jdbc.sql("""
				insert into api_token (account_id, name, token_hash, token_prefix, scopes, created_at, expires_at)
				values (:account, :name, :hash, :prefix, :scopes, :now, :expires) returning id""")
			.param("account", owner.id())
			.param("name", trimmed)
			.param("hash", sha256(token))
			.param("prefix", token.substring(0, 10))
			.param("scopes", String.join(" ", chosen.stream().map(ApiScope::value).toList()))
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.param("expires", OffsetDateTime.ofInstant(now.plus(Duration.ofDays(days)), ZoneOffset.UTC))
			.query(Long.class)
			.single();
		return new NewApiToken(id, trimmed, token);
	}

	/** Revokes one of the owner's tokens; a token of someone else is not found. */
	@Transactional
	public void revoke(long tokenId, CurrentUser owner) {
		int changed = this.jdbc
			.sql("update api_token set revoked_at = coalesce(revoked_at, ?) where id = ? and account_id = ?")
			.params(OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), tokenId, owner.id())
			.update();
		if (changed == 0) {
			throw new NotFoundException("No token " + tokenId);
		}
	}

	@Transactional(readOnly = true)
	public List<ApiTokenView> tokensOf(CurrentUser owner) {
		return this.jdbc.sql("""
				select id, name, token_prefix, scopes, created_at, expires_at, revoked_at, last_used_at
				  from api_token where account_id = ? order by created_at desc, id desc""")
			.param(owner.id())
			.query((rs, row) -> new ApiTokenView(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
					scopes(rs.getString("scopes")), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					rs.getObject("expires_at", OffsetDateTime.class).toInstant(), instant(rs, "revoked_at"),
					instant(rs, "last_used_at")))
			.list();
	}

	/**
	 * The token's owner and scopes when it is valid now (known, not revoked, not
	 * expired), recording its use; empty otherwise.
	 */
	@Transactional
	public Optional<ValidToken> use(String token) {
		if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				update api_token t set last_used_at = :now
				  from account a
				 where t.token_hash = :hash and a.id = t.account_id
				   and t.revoked_at is null and t.expires_at > :now
				returning t.id, a.username, t.scopes""")
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.param("hash", sha256(token))
			.query((rs, row) -> new ValidToken(rs.getLong(1), rs.getString(2), scopes(rs.getString(3))))
			.optional();
	}

	/** Why a token is refused, for the 401 answer (never says whose it is). */
	@Transactional(readOnly = true)
	public String whyInvalid(String token) {
		if (token == null || !token.startsWith(TOKEN_PREFIX)) {
			return "The bearer token is not a T-Minus token.";
		}
		return this.jdbc.sql("select revoked_at is not null, expires_at <= ? from api_token where token_hash = ?")
			.params(OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), sha256(token))
			.query((rs, row) -> rs.getBoolean(1) ? "The token was revoked."
					: rs.getBoolean(2) ? "The token has expired." : "The token is not valid.")
			.optional()
			.orElse("The token is not known.");
	}

	/** A token that authenticated a request. */
	public record ValidToken(long id, String username, List<ApiScope> scopes) {
	}

	static List<ApiScope> scopes(String text) {
		List<ApiScope> scopes = new ArrayList<>();
		for (String value : text.split(" ")) {
			ApiScope.of(value).ifPresent(scopes::add);
		}
		return scopes;
	}

	private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
