package dev.tminus.runbook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param location the folder of runbook templates ({@code *.yml}), read at start-up
 */
@ConfigurationProperties("tminus.runbook")
public record RunbookProperties(@DefaultValue("config/runbooks") String location) {

}
