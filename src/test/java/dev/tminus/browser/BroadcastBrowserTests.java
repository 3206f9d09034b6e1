package dev.tminus.browser;

import java.time.Duration;
import java.util.Map;

import dev.tminus.gate.GateService;
import dev.tminus.gate.RecordGate;
import dev.tminus.support.Browser;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import dev.tminus.support.TestDatabase;
import dev.tminus.support.TestSupportConfiguration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Scribe posts the runbook's "Pre-flight PASS" from the board; the IC's open board
 * shows it in the timeline and the communications card without a reload.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class BroadcastBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	GateService gates;

	@Test
	void theScribePostsPreflightPassAndTheIcsOpenBoardShowsItWithoutReload() {
		WarRoom room = this.cutovers.goLive();
		long id = room.cutoverId();
		this.gates.record(id, "PREFLIGHT", new RecordGate(null, Map.of("VERIFY_PROD_ENV_EXIT_CODE", "0"), null),
				this.cutovers.user(room.deployer()));
		try (Browser ic = Browser.open(this.port); Browser scribe = Browser.open(this.port)) {
			ic.signIn(room.ic().username(), TestAccounts.PASSWORD).go("/cutovers/" + id);
			ic.waitFor(By.cssSelector("#live-status.is-live"));
			ic.waitFor(By.cssSelector("#comms li[data-message=PREFLIGHT_PASS]"));
			((JavascriptExecutor) ic.driver()).executeScript("window.notReloaded = true;");

			scribe.signIn(room.scribe().username(), TestAccounts.PASSWORD).go("/cutovers/" + id);
			scribe.click(By.cssSelector("#comms li[data-message=PREFLIGHT_PASS] button[type=submit]"));
			scribe.waitFor(By.cssSelector("#broadcasts li"));

			ic.waitFor(By.cssSelector("#broadcasts li"), Duration.ofSeconds(5));
			assertThat(ic.text(By.id("broadcasts"))).contains("Pre-flight PASS", room.scribe().displayName());
			long deadline = System.currentTimeMillis() + 5000;
			while (!ic.text(By.id("timeline")).contains("Broadcast: Pre-flight PASS")
					&& System.currentTimeMillis() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(ic.text(By.id("timeline"))).contains("Broadcast: Pre-flight PASS");
			assertThat(((JavascriptExecutor) ic.driver()).executeScript("return window.notReloaded === true;"))
				.isEqualTo(true);
		}
	}

}
