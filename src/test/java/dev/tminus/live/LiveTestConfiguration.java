package dev.tminus.live;

import dev.tminus.shared.web.NotFoundException;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Stands in for the cutover module in the live tests: a {@link LiveAccess} that lets
 * accounts named {@code watcher-*} watch existing cutovers.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LiveTestConfiguration {

	@Bean
	LiveAccess watchersOnly(JdbcClient jdbc) {
		return (cutoverId, who) -> {
			boolean exists = jdbc.sql("select count(*) from cutover where id = ?")
				.param(cutoverId)
				.query(Long.class)
				.single() > 0;
			if (!exists) {
				throw new NotFoundException("No cutover " + cutoverId);
			}
			if (!who.getName().startsWith("watcher-")) {
				throw new AccessDeniedException(who.getName() + " may not watch cutover " + cutoverId);
			}
		};
	}

}
