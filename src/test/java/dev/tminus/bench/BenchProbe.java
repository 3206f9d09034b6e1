package dev.tminus.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the SQL statements one request sends, for the bench's "statements per board
 * render" figure: a request with the {@code X-Bench-Probe} header is counted on its
 * thread, from the first filter to the last byte, and {@code GET /bench/sql} answers the
 * count of the last probed request.
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
class BenchProbe {

	static final String HEADER = "X-Bench-Probe";

	private static final ThreadLocal<List<String>> counting = new ThreadLocal<>();

	private static final AtomicReference<List<String>> last = new AtomicReference<>(List.of());

	@Bean
	static BeanPostProcessor benchStatementCounter() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
					return ProxyDataSourceBuilder.create(dataSource)
						.name("bench")
						.listener(new QueryExecutionListener() {
							@Override
							public void beforeQuery(ExecutionInfo info, List<QueryInfo> queries) {
							}

							@Override
							public void afterQuery(ExecutionInfo info, List<QueryInfo> queries) {
								List<String> statements = counting.get();
								if (statements != null) {
									queries.forEach((query) -> statements.add(query.getQuery().replace('\n', ' ')));
								}
							}
						})
						.build();
				}
				return bean;
			}
		};
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> benchProbeFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {
					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						if (request.getHeader(HEADER) == null) {
							chain.doFilter(request, response);
							return;
						}
						List<String> statements = new ArrayList<>();
						counting.set(statements);
						try {
							chain.doFilter(request, response);
							response.flushBuffer();
						}
						finally {
							counting.remove();
							last.set(statements);
						}
					}
				});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@RestController
	@Profile("bench")
	static class LastCount {

		@GetMapping(path = "/bench/sql", produces = "text/plain")
		String last() {
			List<String> statements = last.get();
			return statements.size() + "\n" + String.join("\n", statements);
		}

	}

}
