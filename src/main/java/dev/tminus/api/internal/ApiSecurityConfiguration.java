package dev.tminus.api.internal;

import java.time.Clock;

import dev.tminus.account.AccountCredentials;
import dev.tminus.api.ApiScope;
import dev.tminus.api.ApiTokenService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * {@code /api/v1/**}: bearer tokens only, no session, no CSRF (a token is not sent by a
 * browser on its own). Each route needs its scope; what the token's owner may do on the
 * cutover is then decided by the same services as for pages.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	@Bean
	@Order(2)
	SecurityFilterChain apiChain(HttpSecurity http, ApiTokenService tokens, AccountCredentials credentials,
			RateLimits limits, Clock clock) throws Exception {
		http.securityMatcher("/api/v1/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/v1/cutovers/*")
				.hasAuthority(ApiScope.CUTOVER_READ.authority())
				.requestMatchers(HttpMethod.POST, "/api/v1/cutovers/*/steps/*")
				.hasAuthority(ApiScope.STEP_WRITE.authority())
				.requestMatchers(HttpMethod.POST, "/api/v1/cutovers/*/gates/*")
				.hasAuthority(ApiScope.GATE_WRITE.authority())
				.requestMatchers(HttpMethod.POST, "/api/v1/cutovers/*/notes")
				.hasAuthority(ApiScope.TIMELINE_WRITE.authority())
				.requestMatchers(HttpMethod.POST, "/api/v1/cutovers/*/triggers")
				.hasAuthority(ApiScope.TRIGGER_WRITE.authority())
				.anyRequest()
				.denyAll())
			.addFilterBefore(new BearerTokenFilter(tokens, credentials, limits, clock),
					AnonymousAuthenticationFilter.class)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.exceptionHandling((exceptions) -> exceptions
				.accessDeniedHandler(
						(request, response, denied) -> Problems.write(request, response, HttpStatus.FORBIDDEN,
								"This token may not do that: it lacks the scope for " + request.getMethod() + " "
										+ request.getRequestURI() + ", or the route does not exist."))
				.authenticationEntryPoint((request, response, failed) -> Problems.write(request, response,
						HttpStatus.UNAUTHORIZED, "Send a personal access token: Authorization: Bearer tmn_...")));
		return http.build();
	}

}
