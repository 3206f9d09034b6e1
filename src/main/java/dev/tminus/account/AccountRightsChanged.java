package dev.tminus.account;

/**
 * An account was disabled, changed role or had its password reset: its open sessions must
 * not keep the old rights.
 */
public record AccountRightsChanged(String username) {

}
