package org.truce.bulletins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.access.Role;
import org.truce.http.Json;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/** Bulletins over HTTP on the real server and database: figures, formats, drafting, signing, issuing, correcting. */
@Tag("db")
class BulletinApiTest {

  private static TestServer server;
  private static String ir;
  private static String ru;
  private static String tr;
  private static String opp;
  private static String gov;
  private static String coordinator;
  private static String observer;
  private static UUID verified;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    ir = server.token("reviewer-ir", "IR", Role.REVIEWER);
    ru = server.token("reviewer-ru", "RU", Role.REVIEWER);
    tr = server.token("reviewer-tr", "TR", Role.REVIEWER);
    opp = server.token("reporter-opp", "SY-OPP", Role.REPORTER);
    gov = server.token("reporter-gov", "SY-GOV", Role.REPORTER);
    coordinator = server.token("coordinator", "SEC", Role.COORDINATOR);
    observer = server.token("observer", "UN", Role.OBSERVER);
    // 20 November 2026, Damascus time (UTC+3): the opposition reports shelling with casualties in Idlib, which the
    // three guarantors confirm; the government reports an attack far away in the south, which stays open
    verified = report(opp, "SY-OPP", "SY-GOV", "2026-11-20T14:30:00+03:00", 35.864, 36.806, 2, 5, "shelling of the market <script>x</script>");
    report(gov, "SY-GOV", "SY-OPP", "2026-11-20T09:00:00+03:00", 32.62, 36.10, null, null, "=1+2 ground attack");
    // the day before: one more, so the change against the previous day shows
    report(opp, "SY-OPP", "SY-GOV", "2026-11-19T12:00:00+03:00", 35.90, 36.70, 1, 0, "sniper fire");
    // outside the day (just after midnight Damascus time on the 21st = 21:30 UTC on the 20th)
    report(opp, "SY-OPP", "SY-GOV", "2026-11-21T00:30:00+03:00", 35.70, 36.60, null, null, "late shelling");
    for (String t : List.of(ir, ru, tr)) {
      Answer a = server.request("POST", "/api/v1/incidents/" + verified + "/assessments",
          "{\"assessment\":\"confirmed\",\"rationale\":\"craters seen\"}", t);
      assertThat(a.status()).as(a.body()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static UUID report(String token, String party, String perpetrator, String at, double lat, double lon, Integer killed,
      Integer injured, String description) {
    return report(server, token, party, perpetrator, at, lat, lon, killed, injured, description);
  }

  /** A shelling report to s, answered 201; the incident it joined. */
  static UUID report(TestServer s, String token, String party, String perpetrator, String at, double lat, double lon,
      Integer killed, Integer injured, String description) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", UUID.randomUUID().toString());
    r.putObject("source").put("type", "party_complaint").put("party", party).put("reference", "ref-" + UUID.randomUUID());
    r.put("occurredAt", at);
    r.putObject("location").put("lat", lat).put("lon", lon);
    r.put("type", "shelling");
    r.put("allegedPerpetrator", perpetrator);
    if (killed != null) {
      r.putObject("casualties").put("civiliansKilled", killed).put("civiliansInjured", injured);
    }
    r.put("description", description);
    Answer a = s.request("POST", "/api/v1/reports", r.toString(), token);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return UUID.fromString(a.json().get("incidentId").asText());
  }

  static JsonNode day(String token) {
    Answer a = server.request("GET", "/api/v1/bulletins?from=2026-11-20&to=2026-11-20", null, token);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json();
  }

  @Test
  void aDayInFigures() {
    JsonNode b = day(observer);
    assertThat(b.at("/audience").asText()).isEqualTo("public");
    assertThat(b.at("/period/from").asText()).isEqualTo("2026-11-20T00:00:00+03:00");
    assertThat(b.at("/period/to").asText()).isEqualTo("2026-11-21T00:00:00+03:00");
    assertThat(b.at("/totals/incidents").asLong()).isEqualTo(2);
    assertThat(b.at("/totals/reports").asLong()).isEqualTo(2);
    assertThat(b.at("/totals/verified").asLong()).isEqualTo(1);
    assertThat(b.at("/totals/casualties/civiliansKilled/best").asLong()).isEqualTo(2);
    assertThat(b.at("/totals/casualties/civiliansInjured/best").asLong()).isEqualTo(5);
    assertThat(b.at("/previousPeriod/incidents").asLong()).isEqualTo(1);
    assertThat(b.at("/change/incidents").asLong()).isEqualTo(1);
    assertThat(b.at("/change/civiliansKilled").asLong()).isEqualTo(1);
    // since the ceasefire: at least these three (the signing test adds days of its own)
    assertThat(b.at("/cumulative/incidents").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(b.at("/byFinding/verified").asInt()).isEqualTo(1);
    assertThat(b.at("/byFinding/open").asInt()).isEqualTo(1);
    // each side's allegations against what the mechanism confirmed
    Map<String, JsonNode> parties = new java.util.HashMap<>();
    b.get("reportedVersusConfirmed").forEach(p -> parties.put(p.get("party").asText(), p));
    assertThat(parties.get("SY-OPP").get("incidents").asLong()).isEqualTo(1);
    assertThat(parties.get("SY-OPP").get("verified").asLong()).isEqualTo(1);
    assertThat(parties.get("SY-GOV").get("incidents").asLong()).isEqualTo(1);
    assertThat(parties.get("SY-GOV").get("verified").asLong()).isEqualTo(0);
    assertThat(b.get("byZoneTypePerpetrator")).anySatisfy(c -> {
      assertThat(c.get("zone").asText()).isEqualTo("idlib");
      assertThat(c.get("perpetrator").asText()).isEqualTo("SY-GOV");
      assertThat(c.get("incidents").asLong()).isEqualTo(1);
    });
    assertThat(b.get("trend")).hasSize(30);
    assertThat(b.get("trend").get(29).get("date").asText()).isEqualTo("2026-11-20");
    assertThat(b.get("trend").get(29).get("incidents").asLong()).isEqualTo(2);
    assertThat(b.get("trend").get(28).get("incidents").asLong()).isEqualTo(1);
    assertThat(b.get("notable")).hasSize(1);
    assertThat(b.at("/notable/0/id").asText()).isEqualTo(verified.toString());
    assertThat(b.get("incidents")).hasSize(2);
    // the public version names no report sources
    assertThat(b.get("incidents").get(0).has("sources")).isFalse();
    assertThat(b.get("methodology").asText()).contains("consensus");
  }

  @Test
  void theInternalVersionNamesSourcesAndIsForTheMechanismOnly() throws Exception {
    Answer a = server.request("GET", "/api/v1/bulletins?from=2026-11-20&to=2026-11-20&audience=internal", null, ru);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().at("/incidents/1/sources/0").asText()).isEqualTo("SY-OPP (party_complaint)");
    TestServer.Bytes pdf = server.getBytes("/api/v1/bulletins?from=2026-11-20&to=2026-11-20&audience=internal&format=pdf", ru);
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains("sources: SY-OPP (party_complaint)");
    }
    for (String t : List.of(observer, opp, gov)) {
      assertThat(server.request("GET", "/api/v1/bulletins?from=2026-11-20&to=2026-11-20&audience=internal", null, t).status())
          .isEqualTo(403);
    }
  }

  @Test
  void aZoneAndARangeNarrowIt() {
    Answer a = server.request("GET", "/api/v1/bulletins?from=2026-11-19&to=2026-11-20&zone=idlib", null, observer);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().at("/period/zoneName").asText()).contains("Idlib");
    assertThat(a.json().at("/totals/incidents").asLong()).isEqualTo(2);
    Answer instants = server.request("GET", "/api/v1/bulletins?from=2026-11-20T12:00:00%2B03:00&to=2026-11-20T19:30:00%2B03:00", null, observer);
    assertThat(instants.json().at("/totals/incidents").asLong()).isEqualTo(1);
  }

  @Test
  void badParametersAreNamed() {
    Answer a = server.request("GET", "/api/v1/bulletins?from=yesterday&zone=atlantis&format=doc&x=1", null, observer);
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.body()).contains("\"field\":\"from\"").contains("\"field\":\"zone\"").contains("\"field\":\"format\"")
        .contains("\"field\":\"x\"");
    assertThat(server.request("GET", "/api/v1/bulletins?from=2026-11-20&to=2026-11-19", null, observer).body()).contains("\"field\":\"to\"");
    assertThat(server.request("GET", "/api/v1/bulletins?from=2020-01-01&to=2026-01-01", null, observer).status()).isEqualTo(422);
    assertThat(server.request("GET", "/api/v1/bulletins", null, null).status()).isEqualTo(401);
  }

  @Test
  void withoutAPeriodItIsTheDayToTheLatestCutOff() {
    JsonNode b = server.request("GET", "/api/v1/bulletins", null, observer).json();
    java.time.OffsetDateTime to = java.time.OffsetDateTime.parse(b.at("/period/to").asText());
    assertThat(to.toLocalTime()).isEqualTo(java.time.LocalTime.of(19, 30));
    assertThat(to.toInstant()).isBeforeOrEqualTo(java.time.Instant.now());
    assertThat(java.time.Duration.between(to.toInstant(), java.time.Instant.now())).isLessThan(java.time.Duration.ofDays(1));
    assertThat(java.time.OffsetDateTime.parse(b.at("/period/from").asText())).isEqualTo(to.minusDays(1));
  }

  @Test
  void htmlEscapesTextAndRunsNoScript() {
    Answer a = server.request("GET", "/api/v1/bulletins?from=2026-11-20&to=2026-11-20&format=html", null, observer);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).startsWith("text/html");
    assertThat(a.body()).contains("Ceasefire monitoring bulletin").contains("SY-GOV reported 1 violation; none confirmed")
        .contains("SY-OPP reported 1 violation; 1 confirmed").contains("data:image/png;base64,").doesNotContain("<script");
  }

  @Test
  void pdfHoldsTheBulletin() throws Exception {
    TestServer.Bytes pdf = server.getBytes("/api/v1/bulletins?from=2026-11-20&to=2026-11-20&format=pdf", observer);
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    Files.write(Path.of("target/bulletin-sample.pdf"), pdf.body()); // for a look by eye
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      assertThat(text).contains("Ceasefire monitoring bulletin").contains("Reported and confirmed").contains("Annex")
          .contains("idlib").contains(verified.toString()).contains("Methodology");
      assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void draftSignIssueAndCorrect() throws Exception {
    Map<String, KeyPair> keys = new java.util.LinkedHashMap<>();
    Map<String, String> keyIds = new java.util.HashMap<>();
    Map<String, String> tokens = Map.of("IR", ir, "RU", ru, "TR", tr);
    for (String p : List.of("IR", "RU", "TR")) {
      KeyPair k = Ed25519.generate();
      keys.put(p, k);
      Answer a = server.request("POST", "/api/v1/guarantor-keys",
          Json.MAPPER.createObjectNode().put("publicKey", Ed25519.pem(k.getPublic())).put("label", p + " 2026").toString(), tokens.get(p));
      assertThat(a.status()).as(a.body()).isEqualTo(201);
      keyIds.put(p, a.json().get("id").asText());
    }
    assertThat(server.request("POST", "/api/v1/guarantor-keys", "{\"publicKey\":\"not a key\"}", ir).body()).contains("publicKey");
    assertThat(server.request("POST", "/api/v1/guarantor-keys",
        Json.MAPPER.createObjectNode().put("publicKey", Ed25519.pem(Ed25519.generate().getPublic())).toString(), opp).status()).isEqualTo(403);

    // a day of its own, so the other tests' figures stay put
    report(opp, "SY-OPP", "SY-GOV", "2026-11-10T10:00:00+03:00", 35.864, 36.806, null, null, "shelling");
    report(gov, "SY-GOV", "SY-OPP", "2026-11-10T11:00:00+03:00", 32.62, 36.10, null, null, "attack");
    // only a coordinator drafts
    String body = "{\"from\":\"2026-11-10\",\"to\":\"2026-11-10\",\"note\":\"Daily bulletin\",\"internalNote\":\"check the southern report\"}";
    assertThat(server.request("POST", "/api/v1/bulletins", body, ru).status()).isEqualTo(403);
    Answer d = server.request("POST", "/api/v1/bulletins", body, coordinator);
    assertThat(d.status()).as(d.body()).isEqualTo(201);
    String id = d.json().get("id").asText();
    assertThat(d.json().get("status").asText()).isEqualTo("draft");
    assertThat(d.json().at("/bulletin/draft/number").asLong()).isPositive();
    assertThat(d.json().at("/bulletin/draft/note").asText()).isEqualTo("Daily bulletin");
    assertThat(d.json().at("/bulletin/totals/incidents").asLong()).isEqualTo(2);
    // the internal note is never in the signed content, and only the mechanism sees it
    assertThat(d.json().get("bulletin").toString()).doesNotContain("southern");
    assertThat(d.json().get("internalNote").asText()).isEqualTo("check the southern report");
    // a draft is not shown outside the mechanism
    assertThat(server.request("GET", "/api/v1/bulletins/" + id, null, observer).status()).isEqualTo(404);
    assertThat(server.request("GET", "/api/v1/bulletins/records", null, observer).json().get("items").toString()).doesNotContain(id);

    JsonNode doc = server.request("GET", "/api/v1/bulletins/" + id + "/signed", null, ir).json();
    byte[] bytes = SignedDocument.signedBytes(doc);
    assertThat(Ed25519.sha256Hex(new String(bytes, StandardCharsets.UTF_8))).isEqualTo(doc.get("sha256").asText());

    // a bad signature, another guarantor's key, a revoked key: refused, naming the field
    Answer bad = sign(id, ir, keyIds.get("IR"), Ed25519.sign(keys.get("IR").getPrivate(), "something else".getBytes(StandardCharsets.UTF_8)));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("\"field\":\"signature\"");
    assertThat(sign(id, ir, keyIds.get("RU"), Ed25519.sign(keys.get("RU").getPrivate(), bytes)).body()).contains("\"field\":\"keyId\"");
    assertThat(sign(id, coordinator, keyIds.get("IR"), "x").status()).isEqualTo(403);

    Answer one = sign(id, ir, keyIds.get("IR"), Ed25519.sign(keys.get("IR").getPrivate(), bytes));
    assertThat(one.status()).as(one.body()).isEqualTo(201);
    assertThat(one.json().get("status").asText()).isEqualTo("draft");
    assertThat(sign(id, ir, keyIds.get("IR"), Ed25519.sign(keys.get("IR").getPrivate(), bytes)).status()).isEqualTo(409);
    assertThat(sign(id, ru, keyIds.get("RU"), Ed25519.sign(keys.get("RU").getPrivate(), bytes)).json().get("status").asText()).isEqualTo("draft");
    Answer three = sign(id, tr, keyIds.get("TR"), Ed25519.sign(keys.get("TR").getPrivate(), bytes));
    assertThat(three.json().get("status").asText()).isEqualTo("issued");
    assertThat(three.json().get("signatures")).hasSize(3);

    // issued: everyone sees it, in every format, and it verifies offline with the public keys alone
    assertThat(server.request("GET", "/api/v1/bulletins/" + id, null, observer).status()).isEqualTo(200);
    JsonNode signed = server.request("GET", "/api/v1/bulletins/" + id + "/signed", null, observer).json();
    Map<String, List<PublicKey>> trusted = new java.util.HashMap<>();
    keys.forEach((p, k) -> trusted.put(p, List.of(k.getPublic())));
    SignedDocument.Check ok = SignedDocument.verify(signed, trusted, "all");
    assertThat(ok.valid()).as(String.join("\n", ok.lines())).isTrue();
    ((ObjectNode) signed.at("/bulletin/totals")).put("incidents", 99);
    SignedDocument.Check tampered = SignedDocument.verify(signed, trusted, "all");
    assertThat(tampered.valid()).isFalse();
    TestServer.Bytes pdf = server.getBytes("/api/v1/bulletins/" + id + "?format=pdf", observer);
    try (var pd = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pd)).contains("Signed by").contains("Islamic Republic of Iran");
    }
    // the content is as drafted, even after the data changes
    report(opp, "SY-OPP", "SY-GOV", "2026-11-10T16:00:00+03:00", 34.9, 36.9, null, null, "late report");
    assertThat(server.request("GET", "/api/v1/bulletins/" + id, null, observer).json().at("/bulletin/totals/incidents").asLong()).isEqualTo(2);

    // a correction is a new bulletin naming the issued one; a draft cannot be corrected
    Answer c = server.request("POST", "/api/v1/bulletins", "{\"from\":\"2026-11-10\",\"to\":\"2026-11-10\",\"corrects\":\"" + id + "\"}", coordinator);
    assertThat(c.status()).as(c.body()).isEqualTo(201);
    assertThat(c.json().at("/bulletin/draft/corrects").asText()).isEqualTo(id);
    assertThat(c.json().at("/bulletin/totals/incidents").asLong()).isEqualTo(3);
    assertThat(server.request("GET", "/api/v1/bulletins/" + id, null, ru).json().get("correctedBy").get(0).asText())
        .isEqualTo(c.json().get("id").asText());
    assertThat(server.request("POST", "/api/v1/bulletins", "{\"from\":\"2026-11-10\",\"to\":\"2026-11-10\",\"corrects\":\""
        + c.json().get("id").asText() + "\"}", coordinator).body()).contains("\"field\":\"corrects\"");
    assertThat(server.request("POST", "/api/v1/bulletins", "{\"from\":\"2099-01-01\",\"to\":\"2099-01-01\"}", coordinator).body())
        .contains("\"field\":\"to\"");
  }

  @Test
  void pdfToTextFindsTheZoneWherePopplerIsInstalled() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdftotext")), "pdftotext (poppler-utils) not installed");
    TestServer.Bytes pdf = server.getBytes("/api/v1/bulletins?from=2026-11-20&to=2026-11-20&format=pdf", observer);
    Path f = Files.createTempFile("bulletin", ".pdf");
    Files.write(f, pdf.body());
    Process p = new ProcessBuilder("/usr/bin/pdftotext", f.toString(), "-").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(text.toLowerCase(java.util.Locale.ROOT)).contains("idlib").contains("reported and confirmed");
    Files.delete(f);
  }

  static Answer sign(String id, String token, String keyId, String signature) {
    return server.request("POST", "/api/v1/bulletins/" + id + "/signatures",
        Json.MAPPER.createObjectNode().put("keyId", keyId).put("signature", signature).toString(), token);
  }
}
