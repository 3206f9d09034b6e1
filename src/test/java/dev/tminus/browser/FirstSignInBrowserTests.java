package dev.tminus.browser;

import dev.tminus.support.Browser;
import dev.tminus.support.TestDatabase;
import dev.tminus.support.TestSupportConfiguration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class FirstSignInBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void theAdminCreatesAMemberWhoThenSignsInAndSeesTheHomePage() {
		try (Browser browser = Browser.open(this.port)) {
			browser.signIn("admin", "initial admin password for tests");
			assertThat(browser.text(By.cssSelector(".who-name"))).isEqualTo("Administrator");

			browser.go("/admin/accounts").click(By.id("new-account"));
			browser.type(By.name("username"), "marta")
				.type(By.name("displayName"), "Marta Member")
				.type(By.name("password"), "river stone, marta's own passphrase");
			new Select(browser.waitFor(By.name("role"))).selectByValue("MEMBER");
			browser.click(By.cssSelector("#account-form button[type=submit]"));
			assertThat(browser.text(By.cssSelector(".flash.notice"))).contains("Created Marta Member (marta)");
			assertThat(browser.text(By.id("accounts"))).contains("marta");

			browser.signOut();
			assertThat(browser.pageText()).contains("You are signed out.");

			browser.signIn("marta", "wrong password here");
			assertThat(browser.text(By.id("login-error")))
				.isEqualTo("Wrong username or password (or the account is disabled).");

			browser.signIn("marta", "river stone, marta's own passphrase");
			assertThat(browser.currentPath()).isEqualTo("/");
			assertThat(browser.text(By.cssSelector(".who-name"))).isEqualTo("Marta Member");
			assertThat(browser.text(By.id("no-cutovers"))).contains("no cutover yet");

			browser.go("/admin/accounts");
			assertThat(browser.pageText()).contains("Not allowed");
		}
	}

}
