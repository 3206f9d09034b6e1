package dev.tminus.api;

/**
 * A token just created: {@code token} is shown to its owner this once and never stored.
 */
public record NewApiToken(long id, String name, String token) {

}
