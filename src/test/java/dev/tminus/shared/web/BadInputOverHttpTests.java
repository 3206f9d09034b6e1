package dev.tminus.shared.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.tminus.account.AccountView;
import dev.tminus.api.ApiScope;
import dev.tminus.api.ApiTokenService;
import dev.tminus.support.TestAccounts;
import dev.tminus.support.TestCutovers;
import dev.tminus.support.TestCutovers.WarRoom;
import dev.tminus.support.TestDatabase;
import dev.tminus.support.TestHttp;
import dev.tminus.support.TestSupportConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input that only a real servlet container sees as the probe sent it: multipart
 * bodies and part headers parsed by Tomcat, and streamed downloads, whose connection must
 * never drop. Same context as {@code OversizeUploadOverHttpTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tminus.evidence.max-file-size=1MB", "server.shutdown=immediate" })
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class BadInputOverHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	TestCutovers cutovers;

	@Autowired
	TestAccounts accounts;

	@Autowired
	ApiTokenService tokens;

	final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void malformedMultipartBodiesToTheApiAre400ProblemsNot500s() throws Exception {
		WarRoom room = this.cutovers.goLive();
		String token = this.tokens
			.create("bad multipart", 1, List.of(ApiScope.TIMELINE_WRITE), this.cutovers.user(room.ic()))
			.token();
		String boundary = "----tminus-boundary";
		for (String body : List.of("garbage without any boundary",
				"--" + boundary + "\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--" + boundary + "--\r\n",
				"--" + boundary + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nunterminated",
				"--" + boundary
						+ "\r\nContent-Disposition: form-data; name=\"text\"; filename*=UTF-8''%ZZ\r\n\r\nx\r\n--"
						+ boundary + "--\r\n")) {
			HttpResponse<String> answer = this.client
				.send(HttpRequest.newBuilder(uri("/api/v1/cutovers/" + room.cutoverId() + "/notes"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "multipart/form-data; boundary=" + boundary)
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(body).isBetween(400, 499);
			assertThat(answer.headers().firstValue("Content-Type")).as(body)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
	}

	@Test
	void fileNamesWithNulOrABrokenFilenameStarAre400sWithAMessage() throws Exception {
		WarRoom room = this.cutovers.goLive();
		TestHttp http = new TestHttp(this.port);
		String cookie = http.signIn(room.ic().username());
		String csrf = http.csrfToken("/cutovers/" + room.cutoverId(), cookie);
		String boundary = "----tminus" + System.nanoTime();
		for (String disposition : List.of("form-data; name=\"files\"; filename=\"bad\u0000name.log\"",
				"form-data; name=\"files\"; filename*=UTF-8''%ZZ%")) {
			String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf
					+ "\r\n--" + boundary + "\r\nContent-Disposition: " + disposition
					+ "\r\nContent-Type: text/plain\r\n\r\nrun output\r\n--" + boundary + "--\r\n";
			HttpResponse<String> answer = this.client
				.send(HttpRequest.newBuilder(uri("/cutovers/" + room.cutoverId() + "/gates/DEPLOY_SMOKE/evidence"))
					.header("Cookie", cookie)
					.header("Content-Type", "multipart/form-data; boundary=" + boundary)
					.POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(disposition).isEqualTo(400);
			assertThat(answer.body()).as(disposition).containsAnyOf("NUL character", "malformed Content-Disposition");
		}
	}

	@Test
	void theAuditorsSearchAndDownloadRefuseANulOrAnImpossibleDateWithoutDroppingTheConnection() throws Exception {
		AccountView auditor = this.accounts.auditor("auditor");
		String cookie = new TestHttp(this.port).signIn(auditor.username());
		for (String path : List.of("/audit", "/audit/history.csv")) {
			for (String query : List.of("q=%00",
					"from=" + URLEncoder.encode("+999999999-12-31T23:59:59Z", StandardCharsets.UTF_8),
					"from=+999999999-12-31T23:59:59Z")) {
				HttpResponse<String> answer = this.client.send(
						HttpRequest.newBuilder(uri(path + "?" + query)).header("Cookie", cookie).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(answer.statusCode()).as(path + "?" + query).isBetween(400, 499);
				assertThat(answer.body()).as(path + "?" + query).isNotBlank();
			}
		}
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
