package dev.tminus.comms;

import java.util.Set;

/**
 * An endpoint as an admin adds it.
 *
 * @param name how it is called in the list and the log
 * @param url where deliveries are posted: http or https, at most 2000 characters
 * @param secret signs every body (HMAC-SHA256) when given; never shown again
 * @param events what it receives, at least one subscribable event
 */
public record NewWebhookEndpoint(String name, String url, String secret, Set<WebhookEvent> events) {

}
