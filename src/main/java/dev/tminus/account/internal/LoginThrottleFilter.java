package dev.tminus.account.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.tminus.account.PasswordThrottle;
import dev.tminus.account.PasswordThrottle.Key;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before a sign-in is checked: while the account, the source address or the pair must
 * wait after wrong passwords, the attempt is turned away unchecked, to the sign-in page
 * saying how long to wait. The same for an account that exists and one that does not.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private final PasswordThrottle throttle;

	LoginThrottleFilter(PasswordThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod())
				&& (request.getContextPath() + "/login").equals(request.getRequestURI()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String username = request.getParameter("username");
		String address = request.getRemoteAddr();
		Optional<Duration> wait = this.throttle.waitFor(Key.signInFrom((username != null) ? username : "", address),
				Key.signInsFrom(address), Key.signInsOf((username != null) ? username : ""));
		if (wait.isPresent()) {
			long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
			response.setHeader("Retry-After", Long.toString(seconds));
			response.sendRedirect(request.getContextPath() + "/login?wait=" + seconds);
			return;
		}
		chain.doFilter(request, response);
	}

}
