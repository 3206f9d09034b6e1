package dev.tminus.account;

import dev.tminus.support.TestDatabase;
import dev.tminus.support.TestSupportConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "tminus.demo.password=demo password for tests")
@ActiveProfiles({ "test", "demo" })
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class DemoProfileTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountService accounts;

	@Test
	void theDemoProfileCreatesOneAccountPerWarRoomRoleAndStillTheFirstAdmin() {
		assertThat(this.jdbc.sql("select username from account order by username").query(String.class).list())
			.containsExactlyInAnyOrder("admin", "ic", "scribe", "deployer", "dbowner", "payments", "approver", "member",
					"auditor");
		assertThat(this.accounts.passwordMatches("ic", "demo password for tests")).isTrue();
		assertThat(this.accounts.findByUsername("auditor").orElseThrow().role()).isEqualTo(GlobalRole.AUDITOR);
	}

}
