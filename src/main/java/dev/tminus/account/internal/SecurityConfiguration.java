package dev.tminus.account.internal;

import jakarta.servlet.http.HttpServletResponse;

import dev.tminus.account.AccountProperties;
import dev.tminus.account.PasswordThrottle;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may reach what. Pages decide finer rights (per cutover) in their services; this
 * only makes sure nobody anonymous gets past the login page, that admin pages are for
 * admins, and that auditors change nothing ({@link ReadOnlyAuditors}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** No inline script or style anywhere: the pages need none. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	PasswordEncoder passwordEncoder() {
		return new LengthCheckingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
	}

	/**
	 * Metrics for scrapers with their own bearer token (no account password, no session,
	 * so no CSRF to guard); health for everyone (load balancers, k8s).
	 */
	@Bean
	@Order(1)
	SecurityFilterChain actuatorChain(HttpSecurity http, AccountProperties properties) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.anyRequest()
				.hasRole(MetricsTokenFilter.ROLE))
			.addFilterBefore(new MetricsTokenFilter(properties.metricsToken()), AuthorizationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, ex) -> {
				response.setHeader("WWW-Authenticate", "Bearer realm=\"T-Minus metrics\"");
				response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			}))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		readOnlyForAuditors(http);
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain pageChain(HttpSecurity http, PasswordThrottle throttle) throws Exception {
		// one answer for every failed sign-in: which accounts exist (or are disabled) is
		// not told
		SimpleUrlAuthenticationFailureHandler failures = new SimpleUrlAuthenticationFailureHandler("/login?error");
		http.addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/login", "/assets/**", "/webjars/**", "/favicon.ico", "/error")
				.permitAll()
				.requestMatchers("/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.loginPage("/login").failureHandler(failures).defaultSuccessUrl("/", false))
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.sessionManagement((sessions) -> sessions.sessionFixation((fixation) -> fixation.changeSessionId()))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frames) -> frames.deny()));
		readOnlyForAuditors(http);
		return http.build();
	}

	/**
	 * Auditors change nothing, whatever the chain's own rules allow: a second
	 * authorization filter right after the chain's, so that it adds to every rule above
	 * instead of replacing the first one that matches.
	 */
	private static void readOnlyForAuditors(HttpSecurity http) throws Exception {
		http.addFilterAfter(new AuthorizationFilter(new ReadOnlyAuditors()), AuthorizationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(new AuditorRefusalHandler()));
	}

}
