package dev.tminus.comms.internal;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTests {

	@Test
	void signsTheBodyWithHmacSha256AsGitHubDocumentsItsOwnSignature() {
		// the example of docs.github.com "Validating webhook deliveries"
		assertThat(WebhookSignature.of("It's a Secret to Everybody", bytes("Hello, World!")))
			.isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
	}

	@Test
	void matchesRfc4231TestCase2() {
		assertThat(WebhookSignature.of("Jefe", bytes("what do ya want for nothing?")))
			.isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	}

	@Test
	void keysWithTheUtf8BytesOfTheSecret() {
		// python3: hmac.new('clé'.encode(), body.encode(), hashlib.sha256).hexdigest()
		// (the ISO-8859-1 bytes of the secret would give ba9bf55e...)
		assertThat(WebhookSignature.of("clé", bytes("{\"text\":\"Bonne année ✓\"}")))
			.isEqualTo("sha256=ad6345da709bc59cf52d55078fba1c58f7c1fb8f8ec353a23b6f180bfc125536");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
