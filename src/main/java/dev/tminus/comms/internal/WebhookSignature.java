package dev.tminus.comms.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-TMinus-Signature} header: {@code sha256=} and the lower-case hex
 * HMAC-SHA256 of the raw request body (its UTF-8 bytes, exactly as sent), keyed with the
 * endpoint's secret (its UTF-8 bytes). The same scheme as GitHub's
 * {@code X-Hub-Signature-256}, so receivers can reuse their check.
 */
final class WebhookSignature {

	static final String HEADER = "X-TMinus-Signature";

	private static final String ALGORITHM = "HmacSHA256";

	private WebhookSignature() {
	}

	static String of(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			// every Java runtime has HmacSHA256, and it takes keys of any length
			throw new IllegalStateException(ex);
		}
	}

}
