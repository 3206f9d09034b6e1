package dev.tminus.shared.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import dev.tminus.support.TestDatabase;
import dev.tminus.support.TestSupportConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * T-Minus as it runs behind a TLS-terminating reverse proxy (the shipped
 * {@code server.forward-headers-strategy=native}), spoken to in raw HTTP so that any Host
 * header can be sent: redirects never carry a Host or X-Forwarded-Host someone typed, and
 * the session cookie is Secure when the proxy says the client used HTTPS. Same context as
 * {@code OversizeUploadOverHttpTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tminus.evidence.max-file-size=1MB", "server.shutdown=immediate" })
@ActiveProfiles("test")
@Import({ TestDatabase.class, TestSupportConfiguration.class })
class BehindAProxyTests {

	@LocalServerPort
	int port;

	@Test
	void redirectsNeverEchoAnUntrustedHost() throws Exception {
		for (List<String> headers : List.of(List.of("Host: evil.example"),
				List.of("Host: evil.example", "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https"),
				List.of("Host: 127.0.0.1", "X-Forwarded-Host: evil.example:443"))) {
			String answer = request("GET / HTTP/1.1", headers);
			assertThat(answer).as(headers.toString()).startsWith("HTTP/1.1 302");
			String location = header(answer, "Location");
			assertThat(location).as(headers.toString()).isNotNull().doesNotContain("evil.example");
			assertThat(location).endsWith("/login");
		}
	}

	@Test
	void theSessionCookieIsSecureWhenTheProxySaysHttpsAndHttpOnlyAlways() throws Exception {
		String overHttps = request("GET /login HTTP/1.1",
				List.of("Host: tminus.example", "X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.9"));
		String cookie = header(overHttps, "Set-Cookie");
		assertThat(cookie).startsWith("SESSION=").contains("HttpOnly", "SameSite=Lax");
		assertThat(cookie.toLowerCase(Locale.ROOT)).contains("secure");

		String plain = request("GET /login HTTP/1.1", List.of("Host: 127.0.0.1"));
		assertThat(header(plain, "Set-Cookie")).startsWith("SESSION=").contains("HttpOnly");
	}

	private String request(String line, List<String> headers) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			StringBuilder request = new StringBuilder(line).append("\r\n");
			headers.forEach((h) -> request.append(h).append("\r\n"));
			request.append("Connection: close\r\n\r\n");
			out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private static String header(String response, String name) {
		for (String line : response.split("\r\n")) {
			if (line.isEmpty()) {
				break;
			}
			if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
				return line.substring(name.length() + 1).strip();
			}
		}
		return null;
	}

}
