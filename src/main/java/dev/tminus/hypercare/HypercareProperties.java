package dev.tminus.hypercare;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hypercare after GO.
 *
 * @param grace how long after its due time a check may still be recorded before it counts
 * as overdue
 */
@ConfigurationProperties("tminus.hypercare")
public record HypercareProperties(@DefaultValue("10m") Duration grace) {

	public HypercareProperties {
		if (grace == null || grace.isNegative()) {
			throw new IllegalArgumentException("tminus.hypercare.grace must be zero or more, not " + grace);
		}
	}

}
