package dev.tminus.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain HTTP against a running instance: signs in through the login form (session cookie
 * and CSRF token, as a browser does) and makes requests with that session.
 */
public final class TestHttp {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern SESSION = Pattern.compile("^(SESSION=[^;]+)");

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	public TestHttp(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	public HttpClient client() {
		return this.client;
	}

	public URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	/**
	 * @return the session cookie ({@code SESSION=...}) of the signed-in account
	 */
	public String signIn(String username) throws Exception {
		HttpResponse<String> login = this.client.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		String cookie = session(login, null);
		Matcher csrf = CSRF.matcher(login.body());
		assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
		String form = "username=" + encode(username) + "&password=" + encode(TestAccounts.PASSWORD) + "&_csrf="
				+ encode(csrf.group(1));
		HttpResponse<String> signedIn = this.client.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/"));
		return session(signedIn, cookie);
	}

	/** A request as a browser's EventSource makes it, answered in full (not streamed). */
	public HttpResponse<String> getEvents(String path, String cookie) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofSeconds(10))
			.GET();
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A page as the signed-in browser gets it. */
	public HttpResponse<String> get(String path, String cookie) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Submits a form as the signed-in browser does: the CSRF token from the page that
	 * shows the form, then the fields.
	 */
	public HttpResponse<String> submit(String formPage, String action, String cookie,
			java.util.Map<String, String> fields) throws Exception {
		Matcher csrf = CSRF.matcher(get(formPage, cookie).body());
		assertThat(csrf.find()).as("CSRF token on " + formPage).isTrue();
		StringBuilder form = new StringBuilder("_csrf=").append(encode(csrf.group(1)));
		fields.forEach((name, value) -> form.append('&').append(encode(name)).append('=').append(encode(value)));
		return this.client.send(HttpRequest.newBuilder(uri(action))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie)
			.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The CSRF token of the first form on a page, as the signed-in browser sees it. */
	public String csrfToken(String page, String cookie) throws Exception {
		Matcher csrf = CSRF.matcher(get(page, cookie).body());
		assertThat(csrf.find()).as("CSRF token on " + page).isTrue();
		return csrf.group(1);
	}

	/** Downloads a response body straight to a file, as a browser saves an export. */
	public HttpResponse<java.nio.file.Path> download(String path, String cookie, java.nio.file.Path file)
			throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).GET().build(),
				HttpResponse.BodyHandlers.ofFile(file));
	}

	private static String session(HttpResponse<?> response, String previous) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.map(SESSION::matcher)
			.filter(Matcher::find)
			.map((matcher) -> matcher.group(1))
			.reduce((first, second) -> second)
			.orElse(previous);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
