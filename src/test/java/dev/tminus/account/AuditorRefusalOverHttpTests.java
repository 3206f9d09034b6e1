package dev.tminus.account;

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
import org.junit.jupiter.api.BeforeEach;
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
 * An auditor's refused change through a real servlet container, where the error page is
 * rendered and a multipart body is parsed as in production: the page says why, JSON
 * clients get a problem, and an upload is refused before anything is stored.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.shutdown=immediate")
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class AuditorRefusalOverHttpTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern SESSION = Pattern.compile("^(SESSION=[^;]+)");

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts accounts;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	JdbcClient jdbc;

	final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	WarRoom room;

	String cookie;

	String csrf;

	String rowsBefore;

	@BeforeEach
	void anAuditorSignedInOnARunningCutover() throws Exception {
		this.room = this.cutovers.goLive();
		this.cookie = signIn(this.accounts.create("auditor", GlobalRole.AUDITOR).username());
		HttpResponse<String> board = this.client.send(
				HttpRequest.newBuilder(uri("/cutovers/" + this.room.cutoverId())).header("Cookie", this.cookie).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(board.statusCode()).isEqualTo(200);
		Matcher token = CSRF.matcher(board.body());
		assertThat(token.find()).isTrue();
		this.csrf = token.group(1);
		this.rowsBefore = rows();
	}

	@Test
	void aBrowserGetsOurForbiddenPageSayingWhy() throws Exception {
		HttpResponse<String> refused = this.client
			.send(HttpRequest.newBuilder(uri("/cutovers/" + this.room.cutoverId() + "/notes"))
				.header("Cookie", this.cookie)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
				.POST(HttpRequest.BodyPublishers.ofString("text=sneaky&tag=INFO&_csrf=" + encode(this.csrf)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(refused.body()).contains("Not allowed")
			.contains("Auditors have read-only access: T-Minus refused this request and nothing was changed.")
			.doesNotContain("Exception");
		assertThat(rows()).isEqualTo(this.rowsBefore);
	}

	@Test
	void aJsonClientGetsAProblem() throws Exception {
		HttpResponse<String> refused = this.client
			.send(HttpRequest.newBuilder(uri("/cutovers/" + this.room.cutoverId() + "/notes"))
				.header("Cookie", this.cookie)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("text=sneaky&_csrf=" + encode(this.csrf)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.body()).contains("\"title\":\"Forbidden\"")
			.contains("\"status\":403")
			.contains("\"detail\":\"Auditors have read-only access")
			.contains("\"instance\":\"/cutovers/" + this.room.cutoverId() + "/notes\"");
		assertThat(rows()).isEqualTo(this.rowsBefore);
	}

	@Test
	void anUploadIsRefusedBeforeAnythingIsStored() throws Exception {
		String boundary = "----tminus" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + this.csrf
				+ "\r\n--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"auditor.log\"\r\nContent-Type: text/plain\r\n\r\n"
				+ "written by an auditor\r\n--" + boundary + "--\r\n")
			.getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> refused = this.client
			.send(HttpRequest.newBuilder(uri("/cutovers/" + this.room.cutoverId() + "/gates/DEPLOY_SMOKE/evidence"))
				.header("Cookie", this.cookie)
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.header("Accept", "text/html")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("Auditors have read-only access");
		assertThat(rows()).isEqualTo(this.rowsBefore);
	}

	/** The rows a refused note or upload would have added to. */
	private String rows() {
		return this.jdbc
			.sql("select (select count(*) from evidence) || ' evidence, ' "
					+ "|| (select count(*) from evidence_blob) || ' blobs, ' "
					+ "|| (select count(*) from timeline_entry) || ' timeline entries'")
			.query(String.class)
			.single();
	}

	private String signIn(String username) throws Exception {
		HttpResponse<String> login = this.client.send(HttpRequest.newBuilder(uri("/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher token = CSRF.matcher(login.body());
		assertThat(token.find()).isTrue();
		String session = session(login, null);
		String form = "username=" + encode(username) + "&password=" + encode(TestAccounts.PASSWORD) + "&_csrf="
				+ encode(token.group(1));
		HttpResponse<String> signedIn = this.client.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", session)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		return session(signedIn, session);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
