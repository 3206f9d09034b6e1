package dev.tminus.account.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a scraper in with {@code Authorization: Bearer <tminus.account.metrics-token>}: a
 * secret of its own, not an account's password (which HTTP Basic would expose to
 * guessing, and to locking the account). Compared in constant time.
 */
class MetricsTokenFilter extends OncePerRequestFilter {

	static final String ROLE = "METRICS";

	private final byte[] token;

	MetricsTokenFilter(String token) {
		this.token = (token != null && !token.isBlank()) ? token.strip().getBytes(StandardCharsets.UTF_8) : null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (this.token != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
				&& MessageDigest.isEqual(this.token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("metrics scraper", null,
					List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
			SecurityContextHolder.setContext(context);
		}
		chain.doFilter(request, response);
	}

}
