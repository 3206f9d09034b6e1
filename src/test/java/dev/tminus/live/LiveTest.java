package dev.tminus.live;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.tminus.support.TestDatabase;
import dev.tminus.support.TestSupportConfiguration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a real port and a real PostgreSQL, with a test
 * {@link LiveAccess} (see {@link LiveTestConfiguration}). All live tests share this one
 * context; event streams are read with a real HTTP client, so nothing is mocked between
 * commit and browser.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tminus.live.heartbeat=1s", "server.shutdown=immediate" })
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class, LiveTestConfiguration.class })
public @interface LiveTest {

}
