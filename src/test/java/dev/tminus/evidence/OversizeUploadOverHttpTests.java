package dev.tminus.evidence;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import dev.tminus.support.TestDatabase;
import dev.tminus.support.TestSupportConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through a real servlet container, where the multipart limit (in step with
 * {@code tminus.evidence.max-file-size}) rejects the file before any controller runs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tminus.evidence.max-file-size=1MB", "server.shutdown=immediate" })
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class OversizeUploadOverHttpTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern SESSION = Pattern.compile("^(SESSION=[^;]+)");

	@LocalServerPort
	int port;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	JdbcClient jdbc;

	final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void aFileOverTheLimitIsAnswered413NeverA500AndNothingIsWritten() throws Exception {
		WarRoom room = this.cutovers.goLive();
		String cookie = signIn(room.deployer().username());
		HttpResponse<String> fragment = this.client
			.send(HttpRequest.newBuilder(uri("/cutovers/" + room.cutoverId() + "/gates"))
				.header("Cookie", cookie)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(fragment.statusCode()).isEqualTo(200);
		Matcher action = Pattern
			.compile("action=\"(/cutovers/" + room.cutoverId() + "/gates/DEPLOY_SMOKE/evidence[^\"]*)\"")
			.matcher(fragment.body());
		assertThat(action.find()).isTrue();
		Matcher csrf = CSRF.matcher(fragment.body());
		assertThat(csrf.find()).isTrue();

		String boundary = "----tminus" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf.group(1)
				+ "\r\n--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.log\"\r\nContent-Type: text/plain\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(new byte[1536 * 1024]);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> upload = this.client
			.send(HttpRequest.newBuilder(uri(action.group(1).replace("&amp;", "&")))
				.header("Cookie", cookie)
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(upload.statusCode()).isEqualTo(413);
		assertThat(this.jdbc.sql("select count(*) from evidence where cutover_id = ?")
			.param(room.cutoverId())
			.query(Long.class)
			.single()).isZero();
	}

	private String signIn(String username) throws Exception {
		HttpResponse<String> login = this.client.send(HttpRequest.newBuilder(uri("/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(login.body());
		assertThat(csrf.find()).isTrue();
		String cookie = session(login, null);
		String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(TestAccounts.PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = this.client.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		return session(signedIn, cookie);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String session(HttpResponse<?> response, String previous) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.map(SESSION::matcher)
			.filter(Matcher::find)
			.map((m) -> m.group(1))
			.reduce((a, b) -> b)
			.orElse(previous);
	}

}
