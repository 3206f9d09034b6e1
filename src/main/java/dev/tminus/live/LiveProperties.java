package dev.tminus.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live updates of open boards.
 *
 * @param heartbeat how often an idle event stream gets a comment, so that proxies keep it
 * open and a dead client is noticed
 * @param streamTimeout how long one event stream stays open before the server ends it;
 * the browser reconnects at once (with {@code Last-Event-ID}), which also re-checks
 * access
 * @param retention how long signals are kept for replay after a reconnect
 */
@ConfigurationProperties("tminus.live")
public record LiveProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("30m") Duration streamTimeout,
		@DefaultValue("24h") Duration retention) {

}
