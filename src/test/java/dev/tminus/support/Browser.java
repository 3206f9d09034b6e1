package dev.tminus.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.util.FileSystemUtils;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; no
 * browser download). Without them the test is skipped with a clear message, unless
 * {@code TMINUS_REQUIRE_BROWSER=true} (set by .ci/run), which makes it fail instead.
 */
public final class Browser implements AutoCloseable {

	private final WebDriver driver;

	private final Path profile;

	private final String baseUrl;

	private Browser(WebDriver driver, Path profile, String baseUrl) {
		this.driver = driver;
		this.profile = profile;
		this.baseUrl = baseUrl;
	}

	public static Browser open(int port) {
		Optional<Path> chromium = find(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
		Optional<Path> driver = find(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver",
				"/usr/lib/chromium/chromedriver");
		if (chromium.isEmpty() || driver.isEmpty()) {
			String message = "Browser tests need Debian's chromium and chromium-driver (apt-get install chromium "
					+ "chromium-driver); not found, so this browser test is skipped.";
			if (required()) {
				Assertions.fail(message.replace("so this browser test is skipped", "and TMINUS_REQUIRE_BROWSER=true"));
			}
			Assumptions.abort(message);
		}
		System.setProperty("webdriver.chrome.driver", driver.get().toString());
		try {
			Path profile = Files.createTempDirectory("tminus-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(chromium.get().toFile());
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
			return new Browser(new ChromeDriver(options), profile, "http://localhost:" + port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static boolean required() {
		return "true".equalsIgnoreCase(System.getenv("TMINUS_REQUIRE_BROWSER"))
				|| Boolean.getBoolean("tminus.require-browser");
	}

	private static Optional<Path> find(String... candidates) {
		return Stream.of(candidates)
			.filter((candidate) -> candidate != null && !candidate.isBlank())
			.map(Path::of)
			.filter(Files::isExecutable)
			.findFirst();
	}

	public Browser go(String path) {
		this.driver.get(this.baseUrl + path);
		return this;
	}

	public Browser signIn(String username, String password) {
		go("/login");
		type(By.name("username"), username);
		type(By.name("password"), password);
		WebElement form = waitFor(By.id("login-form"));
		click(By.cssSelector("#login-form button[type=submit]"));
		// the submission navigates (to the page asked for, or back to the login page with
		// a
		// message): wait until this page is gone so callers see the result
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(form));
		return this;
	}

	public Browser signOut() {
		WebElement body = waitFor(By.tagName("body"));
		click(By.cssSelector("form[action$='/logout'] button"));
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(body));
		return this;
	}

	public Browser type(By by, String text) {
		WebElement element = waitFor(by);
		element.clear();
		element.sendKeys(text);
		return this;
	}

	/** Clicks, finding the element again if htmx swapped it in the meantime. */
	public Browser click(By by) {
		for (int attempt = 1;; attempt++) {
			try {
				new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
					.until(ExpectedConditions.elementToBeClickable(by))
					.click();
				return this;
			}
			catch (StaleElementReferenceException ex) {
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

	/** Waits until the element's attribute has the value, across htmx swaps. */
	public Browser waitForAttribute(By by, String attribute, String value, Duration timeout) {
		new WebDriverWait(this.driver, timeout).pollingEvery(Duration.ofMillis(20))
			.ignoring(StaleElementReferenceException.class)
			.until((driver) -> value.equals(driver.findElement(by).getAttribute(attribute)));
		return this;
	}

	public WebElement waitFor(By by) {
		return waitFor(by, Duration.ofSeconds(10));
	}

	public WebElement waitFor(By by, Duration timeout) {
		return new WebDriverWait(this.driver, timeout).ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.presenceOfElementLocated(by));
	}

	public String text(By by) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(by).getText());
	}

	public String pageText() {
		return this.driver.findElement(By.tagName("body")).getText();
	}

	public String currentPath() {
		return this.driver.getCurrentUrl().substring(this.baseUrl.length());
	}

	public WebDriver driver() {
		return this.driver;
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

}
