package dev.tminus.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Ed25519 key that signs checkpoints. The private key lives in a file outside the
 * database and its data directory (0600, generated at first start); the public key is
 * written beside it ({@code <key-file>.pub}, PEM) for auditors and the offline verifier.
 */
public final class CheckpointKey {

	private static final String ALGORITHM = "Ed25519";

	private final PrivateKey privateKey;

	private final PublicKey publicKey;

	private CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
		this.privateKey = privateKey;
		this.publicKey = publicKey;
	}

	/**
	 * Reads the key pair, or generates and stores it when the file does not exist yet.
	 */
	public static CheckpointKey loadOrCreate(Path keyFile) {
		try {
			Path file = keyFile.toAbsolutePath();
			Path publicFile = file.resolveSibling(file.getFileName() + ".pub");
			if (!Files.exists(file)) {
				Files.createDirectories(file.getParent());
				KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
				Path temporary = file.resolveSibling(file.getFileName() + ".new");
				Files.deleteIfExists(temporary);
				Files.createFile(temporary,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				Files.writeString(temporary, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
				Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
			}
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
			PrivateKey privateKey = factory
				.generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(file, StandardCharsets.UTF_8))));
			PublicKey publicKey = derivePublic(privateKey);
			String publicPem = pem("PUBLIC KEY", publicKey.getEncoded());
			if (!Files.exists(publicFile) || !Files.readString(publicFile).equals(publicPem)) {
				Files.writeString(publicFile, publicPem);
			}
			return new CheckpointKey(privateKey, publicKey);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the checkpoint key " + keyFile, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The checkpoint key " + keyFile + " is not an Ed25519 key", ex);
		}
	}

	/** A public key from its PEM text ({@code -----BEGIN PUBLIC KEY-----}). */
	public static PublicKey readPublicKey(String pem) {
		try {
			return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(unpem(pem)));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not an Ed25519 public key in PEM form", ex);
		}
	}

	public PublicKey publicKey() {
		return this.publicKey;
	}

	public String publicKeyPem() {
		return pem("PUBLIC KEY", this.publicKey.getEncoded());
	}

	public String keyId() {
		return keyId(this.publicKey);
	}

	/** First 16 hex digits of the SHA-256 of the key's X.509 encoding. */
	public static String keyId(PublicKey key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()))
				.substring(0, 16);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	public String sign(String statement) {
		try {
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initSign(this.privateKey);
			signature.update(statement.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not sign a checkpoint", ex);
		}
	}

	/** Whether {@code checkpoint} was signed by {@code key} as it stands. */
	public static boolean verifies(PublicKey key, Checkpoint checkpoint) {
		try {
			if (!keyId(key).equals(checkpoint.keyId())) {
				return false;
			}
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initVerify(key);
			signature.update(checkpoint.statement().getBytes(StandardCharsets.UTF_8));
			return signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The public half of an Ed25519 private key. Java's API has no direct way; a key pair
	 * generator whose "random" source returns the private key's 32 bytes yields exactly
	 * that pair (RFC 8032: the public key is a function of those bytes).
	 */
	private static PublicKey derivePublic(PrivateKey privateKey) throws GeneralSecurityException {
		KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
		EdECPrivateKeySpec spec = factory.getKeySpec(privateKey, EdECPrivateKeySpec.class);
		byte[] seed = spec.getBytes();
		// a KeyPairGenerator seeded with the private key's bytes yields exactly that pair
		KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
		generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
		return generator.generateKeyPair().getPublic();
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static byte[] unpem(String pem) {
		String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return Base64.getDecoder().decode(body);
	}

	/**
	 * Returns the given bytes as "random": only to re-derive a key pair from its seed.
	 */
	private static final class FixedRandom extends SecureRandom {

		private final byte[] bytes;

		FixedRandom(byte[] bytes) {
			this.bytes = bytes.clone();
		}

		@Override
		public void nextBytes(byte[] out) {
			System.arraycopy(this.bytes, 0, out, 0, Math.min(out.length, this.bytes.length));
		}

	}

}
