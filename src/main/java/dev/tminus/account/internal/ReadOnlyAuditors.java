package dev.tminus.account.internal;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Auditors change nothing. Every request by an AUDITOR that may change state (any method
 * but GET, HEAD, OPTIONS and TRACE) is refused here, in the security filter chain: before
 * any controller, form binding or service runs, and for endpoints added later or served
 * by no controller just the same. The services keep their own checks; this is the wall in
 * front of them, not a replacement.
 */
final class ReadOnlyAuditors implements AuthorizationManager<HttpServletRequest> {

	static final String AUDITOR = "ROLE_AUDITOR";

	/**
	 * The only state-changing requests an auditor may send. None touches a cutover or
	 * anyone else's account: signing in and out change only the auditor's own session,
	 * and changing their own password only their own credentials (an auditor must be able
	 * to replace an initial or leaked password without asking an admin). Sign-in and
	 * sign-out are handled by filters before this one; they are listed so that no
	 * reordering can lock an auditor in. Anything added here needs the same justification
	 * and a test in {@code AuditorIsReadOnlyTests}.
	 */
	static final List<RequestMatcher> AUDITOR_MAY_SEND = List.of(
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/logout"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/account/password"),
			// their own API tokens, which can only read (ApiTokenService refuses write
			// scopes)
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/account/tokens"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/account/tokens/{tokenId}/revoke"));

	/** Methods that change nothing; every other method is treated as a change. */
	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private static final AuthorizationDecision NOT_CONCERNED = new AuthorizationDecision(true);

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			HttpServletRequest request) {
		// an error page or a forward is a second dispatch of a request already judged: it
		// must be able to show the refusal
		if (request.getDispatcherType() != DispatcherType.REQUEST || SAFE_METHODS.contains(request.getMethod())
				|| AUDITOR_MAY_SEND.stream().anyMatch((allowed) -> allowed.matches(request))) {
			return NOT_CONCERNED;
		}
		Authentication who = authentication.get();
		if (who != null
				&& who.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(AUDITOR::equals)) {
			return new Refusal();
		}
		return NOT_CONCERNED;
	}

	/**
	 * This guard's refusal, told apart from any other by {@link AuditorRefusalHandler}.
	 */
	static final class Refusal extends AuthorizationDecision {

		Refusal() {
			super(false);
		}

		@Override
		public String toString() {
			return "Refusal [an auditor's request that would change state]";
		}

	}

}
