package dev.tminus.hypercare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.tminus.support.Browser;
import dev.tminus.support.MutableClock;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import dev.tminus.support.TestDatabase;
import dev.tminus.support.TestSupportConfiguration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After GO the on-call records the first hypercare check in the hypercare view; the IC's
 * open board counts it without a reload.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class HypercareBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void theOnCallRecordsACheckAndTheIcsOpenBoardCountsItWithoutReload() throws Exception {
		WarRoom room = new GoLives(this.context).go();
		long id = room.cutoverId();
		try (Browser ic = Browser.open(this.port); Browser oncall = Browser.open(this.port)) {
			ic.signIn(room.ic().username(), TestAccounts.PASSWORD).go("/cutovers/" + id);
			ic.waitFor(By.cssSelector("#live-status.is-live"));
			ic.waitFor(By.id("board-completion"));
			assertThat(ic.text(By.id("hypercare"))).contains("0 of ");
			((JavascriptExecutor) ic.driver()).executeScript("window.notReloaded = true;");

			oncall.signIn(room.oncall().username(), TestAccounts.PASSWORD).go("/cutovers/" + id);
			oncall.click(By.id("hypercare-link"));
			oncall.waitFor(By.id("record-check-form"));
			oncall.type(By.cssSelector("#record-check-form textarea[name=note]"), "5xx 0.1 %, queue backlog 12");
			oncall.click(By.cssSelector("#record-check-form button[type=submit]"));
			oncall.waitFor(By.cssSelector("[data-state=OK]"));
			assertThat(oncall.pageText()).contains("5xx 0.1 %, queue backlog 12");
			screenshot(oncall, "hypercare-view.png");

			long deadline = System.currentTimeMillis() + 5000;
			while (!ic.text(By.id("hypercare")).contains("1 of ") && System.currentTimeMillis() < deadline) {
				Thread.sleep(50);
			}
			assertThat(ic.text(By.id("hypercare"))).contains("1 of ");
			assertThat(((JavascriptExecutor) ic.driver()).executeScript("return window.notReloaded === true;"))
				.isEqualTo(true);
			screenshot(ic, "hypercare-board.png");
		}
	}

	/** For people reviewing a run: what the browser showed, under target/screenshots. */
	private static void screenshot(Browser browser, String name) throws Exception {
		Path dir = Files.createDirectories(Path.of("target", "screenshots"));
		Files.write(dir.resolve(name), ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
	}

}
