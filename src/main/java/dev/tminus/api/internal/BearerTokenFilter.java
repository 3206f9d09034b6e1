package dev.tminus.api.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.tminus.account.AccountCredentials;
import dev.tminus.account.CurrentUser;
import dev.tminus.account.GlobalRole;
import dev.tminus.api.ApiScope;
import dev.tminus.api.ApiTokenService;
import dev.tminus.api.ApiTokenService.ValidToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates an API request by its {@code Authorization: Bearer tmn_...} token: the
 * token's owner, as they are now (a disabled or locked account's tokens stop working),
 * with the token's scopes as authorities — only read scopes for an auditor or admin,
 * whatever was stored. Then takes one request from the token's rate limit.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	static final String TOKEN_ID = BearerTokenFilter.class.getName() + ".tokenId";

	private final ApiTokenService tokens;

	private final AccountCredentials credentials;

	private final RateLimits limits;

	private final Clock clock;

	BearerTokenFilter(ApiTokenService tokens, AccountCredentials credentials, RateLimits limits, Clock clock) {
		this.tokens = tokens;
		this.credentials = credentials;
		this.limits = limits;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			refuse(request, response, "invalid_request",
					"Send a personal access token: Authorization: Bearer tmn_... (create one under Account → API tokens).");
			return;
		}
		String token = header.substring(7).strip();
		ValidToken valid = this.tokens.use(token).orElse(null);
		if (valid == null) {
			refuse(request, response, "invalid_token", this.tokens.whyInvalid(token));
			return;
		}
		CurrentUser user = this.credentials.load(valid.username(), this.clock.instant());
		if (user == null || !user.isEnabled() || !user.isAccountNonLocked()) {
			refuse(request, response, "invalid_token", "The token's account is disabled or locked.");
			return;
		}
		long wait = this.limits.take(valid.id());
		if (wait > 0) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
			Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					"This token made too many requests: retry after " + wait + " s.");
			return;
		}
		List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
		for (ApiScope scope : valid.scopes()) {
			if (user.role() == GlobalRole.MEMBER || !scope.writes()) {
				authorities.add(new SimpleGrantedAuthority(scope.authority()));
			}
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
		SecurityContextHolder.setContext(context);
		request.setAttribute(TOKEN_ID, valid.id());
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, String error, String detail)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"T-Minus\", error=\"" + error + "\"");
		Problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
	}

}
