package dev.tminus.shared.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresAutoConfigurationTests {

	@TempDir
	Path dataDirectory;

	ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class, DataSourceAutoConfiguration.class))
			.withPropertyValues("tminus.embedded-db.data-directory=" + this.dataDirectory.resolve("postgres"));
	}

	@BeforeEach
	void openToTheServersAccount() throws Exception {
		// the server runs as its own account, which must reach its folder
		Files.setPosixFilePermissions(this.dataDirectory, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	@Test
	void startsARealPostgresWhoseDataSurvivesARestart() {
		runner().run((context) -> {
			JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
			assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL 18");
			jdbc.sql("create table survivor (name text)").update();
			jdbc.sql("insert into survivor values ('still here')").update();
		});
		runner().run((context) -> {
			JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
			assertThat(jdbc.sql("select name from survivor").query(String.class).single()).isEqualTo("still here");
		});
	}

	@Test
	void stepsAsideWhenADatasourceUrlIsConfigured() {
		runner().withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/elsewhere")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedPostgresAutoConfiguration.class)
				.doesNotHaveBean(EmbeddedPostgresServer.class));
	}

	@Test
	void stepsAsideWhenSomeoneElseProvidesTheConnection() {
		runner().withBean(JdbcConnectionDetails.class, () -> new JdbcConnectionDetails() {
			@Override
			public String getUsername() {
				return "u";
			}

			@Override
			public String getPassword() {
				return "p";
			}

			@Override
			public String getJdbcUrl() {
				return "jdbc:postgresql://127.0.0.1:1/other";
			}
		}).run((context) -> assertThat(context).doesNotHaveBean(EmbeddedPostgresAutoConfiguration.class));
	}

}
