package dev.tminus;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * T-Minus: the cutover war room.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TMinusApplication {

	public static void main(String[] args) {
		SpringApplication.run(TMinusApplication.class, args);
	}

}
