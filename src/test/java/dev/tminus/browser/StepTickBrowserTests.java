package dev.tminus.browser;

import java.time.Duration;
import java.util.Map;

import dev.tminus.cutover.StepStatus;
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

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class StepTickBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	TestCutovers cutovers;

	@Test
	void theDeployerTicksAStepAndTheScribesOpenBoardShowsItWithinASecondWithoutReload() {
		WarRoom room = this.cutovers.goLive();
		long id = room.cutoverId();
		for (String step : new String[] { "PRE_RELEASE_PIN", "PRE_ACCESS" }) {
			this.cutovers.record(id, step, StepStatus.PASS, room.ic(), Map.of());
		}
		this.cutovers.record(id, "PRE_ARTIFACTS", StepStatus.PASS, room.deployer(), Map.of());
		this.cutovers.record(id, "PRE_ROLLBACK_OWNER", StepStatus.PASS, room.dbOwner(), Map.of());
		this.cutovers.record(id, "PRE_CANARY_READY", StepStatus.PASS, room.payments(), Map.of());
		this.cutovers.record(id, "PRE_HYPERCARE_READY", StepStatus.PASS, room.oncall(), Map.of());
		this.cutovers.record(id, "RELEASE_SHA_FIXED", StepStatus.PASS, room.ic(), Map.of("release_sha", "8e28d6c3"));
		this.cutovers.record(id, "RESPONSIBLES_ASSIGNED", StepStatus.PASS, room.ic(),
				Map.of("deploy", "dev", "db", "dora", "on_call", "olga"));

		try (Browser scribe = Browser.open(this.port); Browser deployer = Browser.open(this.port)) {
			scribe.signIn(room.scribe().username(), TestAccounts.PASSWORD).go("/cutovers/" + id);
			scribe.waitFor(By.cssSelector("#live-status.is-live"));
			script(scribe, "window.notReloaded = true;");
			scribe.waitForAttribute(By.id("step-VERIFY_PROD_ENV"), "data-status", "PENDING", Duration.ofSeconds(5));

			deployer.signIn(room.deployer().username(), TestAccounts.PASSWORD).go("/cutovers/" + id);
			deployer.click(By.cssSelector("#step-VERIFY_PROD_ENV .record-button"));
			deployer.click(By.cssSelector("#step-form input[name=status][value=PASS]"));
			deployer.type(By.name("field.log_ref"), "artifacts/verify_prod_env-2026-11-22.log");
			// timed in the two browsers themselves (one machine, one clock): from the
			// moment the Deployer's form is submitted to the moment the Scribe's page
			// shows the tick. The WebDriver round trips around them (a click first waits
			// for the button to be clickable, each poll asks for the element again) are
			// the test's own, and on a loaded machine they add up to hundreds of ms that
			// no person sees.
			script(scribe, """
					window.tickShownAt = null;
					new MutationObserver(function () {
						var step = document.getElementById('step-VERIFY_PROD_ENV');
						if (window.tickShownAt === null && step && step.getAttribute('data-status') === 'PASS') {
							window.tickShownAt = Date.now();
						}
					}).observe(document.body, { subtree: true, childList: true, attributes: true,
						attributeFilter: ['data-status'] });""");
			script(deployer, """
					window.submittedAt = null;
					document.addEventListener('submit', function () {
						if (window.submittedAt === null) window.submittedAt = Date.now();
					}, true);""");
			deployer.click(By.cssSelector("#step-form button[type=submit]"));

			scribe.waitForAttribute(By.id("step-VERIFY_PROD_ENV"), "data-status", "PASS", Duration.ofSeconds(5));
			long elapsedMillis = ((Number) script(scribe, "return window.tickShownAt;")).longValue()
					- ((Number) script(deployer, "return window.submittedAt;")).longValue();

			assertThat(elapsedMillis).as("tick on the Deployer's board to the Scribe's board, ms").isLessThan(1000);
			assertThat(script(scribe, "return window.notReloaded === true;")).isEqualTo(true);
			String shown = scribe.text(By.id("step-VERIFY_PROD_ENV"));
			assertThat(shown).contains("log_ref=artifacts/verify_prod_env-2026-11-22.log",
					room.deployer().displayName());
			assertThat(scribe.text(By.id("timeline"))).contains("`verify_prod_env.py` executed: PASS");
		}
	}

	private static Object script(Browser browser, String script) {
		return ((JavascriptExecutor) browser.driver()).executeScript(script);
	}

}
