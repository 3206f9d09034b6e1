package dev.tminus.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The automation API.
 *
 * @param requestsPerMinute requests one token may make per minute (per instance); more
 * are answered 429 with {@code Retry-After}
 * @param idempotencyHours how long the answer to an {@code Idempotency-Key} is kept
 */
@ConfigurationProperties("tminus.api")
public record ApiProperties(@DefaultValue("600") int requestsPerMinute, @DefaultValue("48") int idempotencyHours) {

}
