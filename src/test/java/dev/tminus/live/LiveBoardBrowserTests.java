package dev.tminus.live;

import java.time.Duration;

import dev.tminus.live.internal.Watchers;
import dev.tminus.support.Browser;
import dev.tminus.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * live.js in a real browser: a fragment refreshes itself within a second of a commit, and
 * a lost connection shows a red banner, reconnects with Last-Event-ID and catches up.
 */
@LiveTest
class LiveBoardBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LiveSignals live;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	Watchers watchers;

	/** Streams whose client went away end at the next heartbeat; end them now. */
	@AfterEach
	void endStreams() {
		this.watchers.closeAll();
	}

	@Test
	void theBoardRefreshesWithinASecondAndCatchesUpAfterALostConnection() {
		LiveFixtures fixtures = new LiveFixtures(this.jdbc, this.live, this.transactionManager);
		long cutover = fixtures.cutover(this.accounts.member("owner"));
		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(this.accounts.member("watcher").username(), TestAccounts.PASSWORD);
			browser.go("/live-test/boards/" + cutover);
			assertThat(within(browser, Duration.ofSeconds(10), "#live-status.is-live").getText()).isEqualTo("Live");
			assertThat(browser.text(By.id("steps"))).isEqualTo("0");

			fixtures.commit(cutover, "steps");
			within(browser, Duration.ofSeconds(1), "#steps", "1");

			this.watchers.closeAll();
			WebElement lost = within(browser, Duration.ofSeconds(2), "#live-status.is-lost");
			assertThat(lost.getText()).isEqualTo("Connection lost \u2014 reconnecting\u2026");
			assertThat(lost.getCssValue("background-color")).isEqualTo("rgba(179, 38, 30, 1)");
			fixtures.commit(cutover, "steps");

			within(browser, Duration.ofSeconds(10), "#live-status.is-live");
			within(browser, Duration.ofSeconds(2), "#steps", "2");
		}
	}

	@Test
	void aBoardWhoseSessionEndedSaysSoAndOffersToSignInAgain() {
		LiveFixtures fixtures = new LiveFixtures(this.jdbc, this.live, this.transactionManager);
		long cutover = fixtures.cutover(this.accounts.member("owner"));
		String watcher = this.accounts.member("watcher").username();
		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(watcher, TestAccounts.PASSWORD);
			browser.go("/live-test/boards/" + cutover);
			within(browser, Duration.ofSeconds(10), "#live-status.is-live");

			// the session expires (or is ended elsewhere) while the board is open
			this.jdbc.sql("delete from spring_session where principal_name = ?").param(watcher).update();
			this.watchers.closeAll();

			WebElement out = within(browser, Duration.ofSeconds(10), "#live-status.is-signed-out");
			assertThat(out.getText())
				.isEqualTo("You are signed out \u2014 this board is no longer live. Sign in again");
			assertThat(browser.driver().findElement(By.cssSelector("#live-status a")).getAttribute("href"))
				.endsWith("/login");
		}
	}

	private static WebElement within(Browser browser, Duration timeout, String css) {
		return wait(browser, timeout).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	private static void within(Browser browser, Duration timeout, String css, String text) {
		wait(browser, timeout).until(ExpectedConditions.textToBe(By.cssSelector(css), text));
	}

	private static WebDriverWait wait(Browser browser, Duration timeout) {
		return new WebDriverWait(browser.driver(), timeout, Duration.ofMillis(25));
	}

}
