package org.truce.bulletins;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 with the JDK alone: keys as PEM (PKCS#8 private, X.509 SubjectPublicKeyInfo public, as OpenSSL writes
 * them: {@code openssl genpkey -algorithm ed25519}), signatures as base64 of the 64 raw bytes.
 */
public final class Ed25519 {

  private Ed25519() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  /** A public key from PEM or bare base64 of its DER; IllegalArgumentException if it is not an Ed25519 key. */
  public static PublicKey publicKey(String text) {
    byte[] der = der(text, "PUBLIC KEY");
    try {
      PublicKey k = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
      return k;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("is not an Ed25519 public key (PEM 'PUBLIC KEY' or base64 of its X.509 DER)");
    }
  }

  public static PrivateKey privateKey(String text) {
    byte[] der = der(text, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("is not an Ed25519 private key (PEM 'PRIVATE KEY', PKCS#8)");
    }
  }

  /** Base64 of the public key's DER: how Truce stores and shows it. */
  public static String encode(PublicKey k) {
    return Base64.getEncoder().encodeToString(k.getEncoded());
  }

  /** A key's id: the first 16 bytes of SHA-256 of its DER, hex. */
  public static String keyId(PublicKey k) {
    return HexFormat.of().formatHex(sha256(k.getEncoded()), 0, 16);
  }

  public static String pem(PublicKey k) {
    return pem("PUBLIC KEY", k.getEncoded());
  }

  public static String pem(PrivateKey k) {
    return pem("PRIVATE KEY", k.getEncoded());
  }

  public static String sign(PrivateKey k, byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(k);
      s.update(message);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether signature (base64) is k's signature of message; false for anything malformed. */
  public static boolean verify(PublicKey k, byte[] message, String signature) {
    try {
      byte[] sig = Base64.getDecoder().decode(signature.trim());
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(k);
      s.update(message);
      return s.verify(sig);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  public static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256Hex(String s) {
    return HexFormat.of().formatHex(sha256(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] der(String text, String type) {
    String t = text == null ? "" : text.trim();
    if (t.startsWith("-----BEGIN " + type + "-----")) {
      int end = t.indexOf("-----END " + type + "-----");
      if (end < 0) {
        throw new IllegalArgumentException("PEM without its END line");
      }
      t = t.substring(("-----BEGIN " + type + "-----").length(), end);
    }
    try {
      return Base64.getMimeDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not base64");
    }
  }
}
