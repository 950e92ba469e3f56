package org.truce.bulletins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.truce.http.Json;

/**
 * The signed bulletin as a file: {@code bulletin} (the content), {@code sha256} of its canonical JSON, the
 * signature rule, the guarantors, and each signature with its key. Signing and verifying use the canonical JSON
 * (RFC 8785) of {@code bulletin}, recomputed from the file, so no whitespace or key order matters.
 */
public final class SignedDocument {

  public static final String FORMAT = "truce-bulletin/1";

  private SignedDocument() {}

  static ObjectNode of(Bulletins.Stored s, List<String> guarantors) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("format", FORMAT);
    n.put("id", s.id().toString());
    n.put("number", s.number());
    n.put("status", s.status());
    n.put("sha256", s.sha256());
    n.put("signatureRule", s.rule());
    n.set("guarantors", Json.MAPPER.valueToTree(guarantors));
    ArrayNode sigs = n.putArray("signatures");
    for (Bulletins.SignatureRow r : s.signatures()) {
      ObjectNode o = sigs.addObject();
      o.put("party", r.party());
      o.put("keyId", r.keyId());
      o.put("publicKey", r.publicKey());
      o.put("algorithm", "Ed25519");
      o.put("signature", r.signature());
      o.put("signedAt", BulletinRoutes.iso(r.signedAt()));
    }
    n.set("bulletin", tree(s.content()));
    return n;
  }

  static JsonNode tree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored bulletin content does not parse", e);
    }
  }

  /** The bytes that are signed: the canonical JSON of the document's bulletin. */
  public static byte[] signedBytes(JsonNode document) {
    JsonNode b = document.get("bulletin");
    if (b == null || !b.isObject()) {
      throw new IllegalArgumentException("the file has no 'bulletin' object: is it a signed bulletin (GET /api/v1/bulletins/{id}/signed)?");
    }
    return Bulletins.canonical(b).getBytes(StandardCharsets.UTF_8);
  }

  /** The outcome of checking a signed bulletin against trusted keys. */
  public record Check(boolean valid, String sha256, List<String> lines) {}

  /**
   * Checks a signed bulletin with nothing but the trusted public keys (party → keys): the hash, every signature,
   * and the rule over the parties the keys are trusted for. Keys embedded in the file are never trusted.
   */
  public static Check verify(JsonNode document, Map<String, List<PublicKey>> trusted, String rule) {
    List<String> lines = new ArrayList<>();
    byte[] bytes = signedBytes(document);
    String sha = java.util.HexFormat.of().formatHex(Ed25519.sha256(bytes));
    boolean ok = true;
    JsonNode stated = document.get("sha256");
    if (stated != null && !sha.equals(stated.asText())) {
      lines.add("FAIL the content's SHA-256 is " + sha + ", the file states " + stated.asText() + ": the content was changed");
      ok = false;
    }
    Map<String, Boolean> signedBy = new LinkedHashMap<>();
    trusted.keySet().forEach(p -> signedBy.put(p, false));
    for (JsonNode s : document.path("signatures")) {
      String party = s.path("party").asText();
      String sig = s.path("signature").asText();
      List<PublicKey> keys = trusted.get(party);
      if (keys == null) {
        lines.add("skip  a signature by " + party + ": no trusted key for that party was given");
        continue;
      }
      boolean good = keys.stream().anyMatch(k -> Ed25519.verify(k, bytes, sig));
      lines.add((good ? "ok    " : "FAIL  ") + party + " signature" + (good ? " is valid" : " does not match any trusted key of " + party));
      if (good) {
        signedBy.put(party, true);
      } else {
        ok = false;
      }
    }
    long n = signedBy.values().stream().filter(b -> b).count();
    boolean met = "majority".equals(rule) ? n * 2 > signedBy.size() : n == signedBy.size();
    lines.add((met ? "ok    " : "FAIL  ") + "rule '" + rule + "': " + n + " of " + signedBy.size() + " trusted guarantors signed"
        + (met ? "" : "; missing: " + String.join(", ", signedBy.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList())));
    return new Check(ok && met && !signedBy.isEmpty(), sha, lines);
  }
}
