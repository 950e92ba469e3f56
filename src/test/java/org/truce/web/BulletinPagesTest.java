package org.truce.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.access.Role;
import org.truce.bulletins.Ed25519;
import org.truce.support.MutableClock;
import org.truce.support.TestServer;

/**
 * The bulletin pages over plain HTTP: a coordinator drafts a bulletin from the form, the guarantors' reviewers
 * register their keys and sign it from its page, and it is issued; bad input, wrong roles and missing CSRF tokens
 * are refused with nothing stored; drafts stay within the mechanism; user text is escaped.
 */
@Tag("db")
class BulletinPagesTest {

  static final String PASSWORD = "correct horse battery staple";
  static final Pattern BULLETIN_PATH = Pattern.compile("/bulletins/([0-9a-f-]{36})\\?done=drafted");

  TestServer t;

  @BeforeEach
  void start() {
    // 20 November 2026, 13:00 in Damascus: the 19th is over
    t = TestServer.start(new MutableClock(Instant.parse("2026-11-20T10:00:00Z")));
    String report = "{\"source\":{\"type\":\"party_complaint\",\"party\":\"SY-OPP\",\"reference\":\"p-1\"},"
        + "\"occurredAt\":\"2026-11-19T14:30:00+03:00\",\"location\":{\"lat\":35.864,\"lon\":36.806},"
        + "\"type\":\"shelling\",\"allegedPerpetrator\":\"SY-GOV\",\"casualties\":{\"civiliansKilled\":2},"
        + "\"description\":\"shelling of the market\"}";
    TestServer.Answer a = t.post("/api/v1/reports", report);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  Browser signedIn(String name, String party, Role role) {
    return Browser.signedIn(t, name, party, role, PASSWORD);
  }

  static Map<String, String> draftForm(String csrf, String from, String to) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrf", csrf);
    f.put("from", from);
    f.put("to", to);
    f.put("zone", "");
    f.put("note", "Quiet day <script>alert(1)</script> in the north");
    f.put("internalNote", "check the southern figures");
    f.put("corrects", "");
    return f;
  }

  String draft(Browser coordinator) {
    String csrf = coordinator.get("/bulletins").csrf();
    Browser.Page p = coordinator.post("/bulletins", draftForm(csrf, "2026-11-19T00:00", "2026-11-20T00:00"));
    assertThat(p.status()).as(p.body()).isEqualTo(303);
    Matcher m = BULLETIN_PATH.matcher(p.header("Location"));
    assertThat(m.matches()).as(p.header("Location")).isTrue();
    return m.group(1);
  }

  @Test
  void theListOffersTheUsualPeriodAndOnlyCoordinatorsTheDraftForm() {
    Browser coordinator = signedIn("coord", "SEC", Role.COORDINATOR);
    Browser.Page p = coordinator.get("/bulletins");
    assertThat(p.status()).isEqualTo(200);
    // the day that ended at the latest cut-off (19:30 in Damascus), in the mechanism's time
    assertThat(p.body()).contains("href=\"/bulletins\"", "id=\"draft-form\"", "value=\"2026-11-18T19:30\"",
        "value=\"2026-11-19T19:30\"", "Asia/Damascus", "No bulletin has been drafted yet.")
        .as("the read form: the last whole day").contains("id=\"read-from\" name=\"from\" required value=\"2026-11-19\"",
            "id=\"read-to\" name=\"to\" required value=\"2026-11-19\"");
    Browser observer = signedIn("un", "UN", Role.OBSERVER);
    Browser.Page o = observer.get("/bulletins");
    assertThat(o.status()).isEqualTo(200);
    assertThat(o.body()).contains("id=\"read-form\"").doesNotContain("id=\"draft-form\"", "audience");
  }

  @Test
  void aDraftIsRefusedWithoutTheRoleOrTheTokenOrWithBadFieldsAndNothingIsStored() {
    Browser reporter = signedIn("opp", "SY-OPP", Role.REPORTER);
    String csrf = reporter.get("/bulletins").csrf();
    assertThat(reporter.post("/bulletins", draftForm(csrf, "2026-11-19T00:00", "2026-11-20T00:00")).status()).isEqualTo(403);

    Browser coordinator = signedIn("coord", "SEC", Role.COORDINATOR);
    assertThat(coordinator.post("/bulletins", draftForm("wrong", "2026-11-19T00:00", "2026-11-20T00:00")).status()).isEqualTo(403);

    String ok = coordinator.get("/bulletins").csrf();
    Browser.Page backwards = coordinator.post("/bulletins", draftForm(ok, "2026-11-20T00:00", "2026-11-19T00:00"));
    assertThat(backwards.status()).isEqualTo(422);
    assertThat(backwards.body()).contains("The bulletin was not drafted", "Up to: must be after from")
        .as("the form keeps what was typed").contains("value=\"2026-11-20T00:00\"");
    Browser.Page garbled = coordinator.post("/bulletins", draftForm(ok, "yesterday", ""));
    assertThat(garbled.body()).contains("From: must be a date and time (2026-11-20T19:30)", "Up to: is required");
    Map<String, String> zone = draftForm(ok, "2026-11-19T00:00", "2026-11-20T00:00");
    zone.put("zone", "atlantis\"><script>");
    Browser.Page unknown = coordinator.post("/bulletins", zone);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.body()).contains("Zone: unknown zone").doesNotContain("atlantis\"><script>");
    Browser.Page future = coordinator.post("/bulletins", draftForm(ok, "2026-11-20T00:00", "2026-11-21T00:00"));
    assertThat(future.body()).contains("the period has not ended yet");
    Map<String, String> corrects = draftForm(ok, "2026-11-19T00:00", "2026-11-20T00:00");
    corrects.put("corrects", "not-a-bulletin");
    assertThat(coordinator.post("/bulletins", corrects).body()).contains("Corrects: must be an issued bulletin of the list");
    assertThat(t.count("bulletins")).isZero();
  }

  @Test
  void aTimeTheClocksSkipOrRepeatIsRefusedAndADateAloneIsNotATime() {
    t.close();
    // a mechanism whose clocks change: on 29 March 2026 London skips 01:00-02:00, on 25 October it repeats 01:00-02:00
    t = TestServer.start(new MutableClock(Instant.parse("2026-11-20T10:00:00Z")), s -> s.withBulletins(
        new org.truce.config.BulletinSettings(java.time.ZoneId.of("Europe/London"), java.time.LocalTime.of(19, 30),
            java.time.LocalDate.of(2016, 12, 30))));
    Browser coordinator = signedIn("coord", "SEC", Role.COORDINATOR);
    String csrf = coordinator.get("/bulletins").csrf();
    assertThat(coordinator.post("/bulletins", draftForm(csrf, "2026-03-29T01:30", "2026-03-30T00:00")).body())
        .contains("From: falls in a change of the clocks in Europe/London");
    assertThat(coordinator.post("/bulletins", draftForm(csrf, "2026-10-24T00:00", "2026-10-25T01:30")).body())
        .contains("Up to: falls in a change of the clocks in Europe/London");
    assertThat(coordinator.post("/bulletins", draftForm(csrf, "2026-11-19", "2026-11-20")).body())
        .contains("From: must be a date and time", "Up to: must be a date and time");
    assertThat(t.count("bulletins")).isZero();
    // either side of the change is a time like any other: the summer day after is 23 hours long
    Browser.Page ok = coordinator.post("/bulletins", draftForm(csrf, "2026-03-29T00:00", "2026-03-30T00:00"));
    assertThat(ok.status()).isEqualTo(303);
    assertThat(coordinator.get(ok.header("Location")).body()).contains("Europe/London");
    assertThat(t.get("/api/v1/bulletins/records").json().at("/items/0/from").asText()).isEqualTo("2026-03-29T00:00:00Z");
    assertThat(t.get("/api/v1/bulletins/records").json().at("/items/0/to").asText()).isEqualTo("2026-03-29T23:00:00Z");
  }

  @Test
  void aDraftCorrectionMarksNothingForReadersOutsideTheMechanismUntilItIsIssued() {
    Browser coordinator = signedIn("coord", "SEC", Role.COORDINATOR);
    String id = draft(coordinator);
    Browser observer = signedIn("un", "UN", Role.OBSERVER);
    assertThat(observer.get("/bulletins").body()).as("drafts are the mechanism's").doesNotContain(id);
    issue(id);
    String csrf = coordinator.get("/bulletins").csrf();
    Map<String, String> form = draftForm(csrf, "2026-11-19T00:00", "2026-11-20T00:00");
    form.put("corrects", id);
    Browser.Page c = coordinator.post("/bulletins", form);
    assertThat(c.status()).as(c.body()).isEqualTo(303);
    String correction = BULLETIN_PATH.matcher(c.header("Location")).replaceAll("$1");

    Browser.Page seen = observer.get("/bulletins/" + id);
    assertThat(seen.body()).doesNotContain(correction, "id=\"corrected\"", "id=\"correction-draft\"");
    assertThat(observer.get("/bulletins").body()).doesNotContain(correction, ">corrected<");
    String un = t.token("un-machine", "UN", Role.OBSERVER);
    assertThat(t.get("/api/v1/bulletins/" + id, un, "application/json").json().get("correctedBy")).isEmpty();
    // the mechanism sees the correction on its way
    assertThat(coordinator.get("/bulletins/" + id).body()).contains("id=\"correction-draft\"", correction)
        .doesNotContain("id=\"corrected\"");

    issue(correction);
    assertThat(observer.get("/bulletins/" + id).body()).contains("id=\"corrected\"", "This bulletin was corrected by bulletin No. 2.",
        "href=\"/bulletins/" + correction + "\"");
    assertThat(observer.get("/bulletins").body()).contains(">corrected<");
    assertThat(observer.get("/bulletins/" + correction).body()).contains("href=\"/bulletins/" + id + "\">Bulletin No. 1<");
  }

  /** The three guarantors sign the bulletin with keys registered for the purpose, through the application. */
  void issue(String id) {
    for (String g : new String[] {"IR", "RU", "TR"}) {
      issueBy(id, g);
    }
  }

  @Test
  void underTheMajorityRuleTwoSignaturesIssueAndARevokedKeySignsNothing() {
    assertThat(t.request("PUT", "/api/v1/settings/signature-rule", "{\"rule\":\"majority\"}", TestServer.ADMIN_TOKEN).status())
        .isEqualTo(200);
    Browser coordinator = signedIn("coord", "SEC", Role.COORDINATOR);
    String id = draft(coordinator);
    assertThat(coordinator.get("/bulletins/" + id).body()).contains("Signatures still needed: 2.", "a majority of the guarantors signs");

    Browser ir = signedIn("reviewer-ir", "IR", Role.REVIEWER);
    KeyPair k = Ed25519.generate();
    String keyId = Ed25519.keyId(k.getPublic());
    String csrf = ir.get("/bulletins/keys").csrf();
    assertThat(ir.post("/bulletins/keys", Map.of("csrf", csrf, "publicKey", Ed25519.pem(k.getPublic()))).status()).isEqualTo(303);
    String sig = Ed25519.sign(k.getPrivate(), ir.get("/bulletins/" + id + "/content.json").body().getBytes(StandardCharsets.UTF_8));
    assertThat(ir.post("/bulletins/keys/" + keyId + "/revoke", Map.of("csrf", csrf)).status()).isEqualTo(303);
    Browser.Page refused = ir.post("/bulletins/" + id + "/signatures", Map.of("csrf", csrf, "keyId", keyId, "signature", sig));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("Key: was revoked on");
    assertThat(ir.post("/bulletins/" + id + "/signatures", Map.of("csrf", csrf, "keyId", "not-hex", "signature", sig)).body())
        .contains("Key: a key id is 32 hexadecimal characters");
    assertThat(ir.post("/bulletins/" + id + "/signatures", Map.of("csrf", csrf, "keyId", keyId, "signature", "A".repeat(201))).body())
        .contains("Signature: a signature is 88 characters of base64");
    assertThat(t.count("bulletin_signatures")).isZero();

    issueBy(id, "IR");
    assertThat(coordinator.get("/bulletins/" + id).body()).contains("Signatures still needed: 1.", "data-status=\"draft\"");
    issueBy(id, "TR");
    assertThat(coordinator.get("/bulletins/" + id).body()).contains("data-status=\"issued\"").doesNotContain("Signatures still needed");
  }

  /** One guarantor signs the bulletin with a key registered for the purpose, through the application. */
  void issueBy(String id, String g) {
    var reviewer = t.app.users.addUser("signer-" + g + "-" + id.substring(0, 8), g, Role.REVIEWER, t.app.parties).user();
    KeyPair k = Ed25519.generate();
    String keyId = t.app.bulletins.registerKey(reviewer, Ed25519.pem(k.getPublic()), null).id();
    byte[] content = t.app.bulletins.get(java.util.UUID.fromString(id)).orElseThrow().content().getBytes(StandardCharsets.UTF_8);
    t.app.bulletins.signBulletin(reviewer, java.util.UUID.fromString(id), keyId, Ed25519.sign(k.getPrivate(), content));
  }

  @Test
  void theListComesInPagesNewestFirst() {
    Browser coordinator = signedIn("coord", "SEC", Role.COORDINATOR);
    var user = t.app.db.jdbi().withHandle(h -> t.app.users.byName(h, "coord")).orElseThrow();
    for (int i = 0; i <= BulletinPages.PAGE; i++) {
      String day = java.time.LocalDate.of(2026, 9, 1).plusDays(i).toString();
      t.app.bulletins.draftBulletin(user, t.app.bulletins.composer().period(day, day, null, t.app.clock, new java.util.ArrayList<>()),
          null, null, null);
    }
    String first = coordinator.get("/bulletins").body();
    assertThat(first.split("<tr data-bulletin=", -1)).hasSize(BulletinPages.PAGE + 1);
    assertThat(first).contains("Bulletin No. 51", "Bulletin No. 2<", "href=\"/bulletins?before=2\"").doesNotContain("Bulletin No. 1<");
    String older = coordinator.get("/bulletins?before=2").body();
    assertThat(older.split("<tr data-bulletin=", -1)).hasSize(2);
    assertThat(older).contains("Bulletin No. 1<").doesNotContain("id=\"older\"");
  }

  @Test
  void aNoteInArabicScriptAsLongAsAllowedIsTakenAndAnOversizedFormIsRefusedUnread() {
    Browser coordinator = signedIn("coord", "SEC", Role.COORDINATOR);
    String csrf = coordinator.get("/bulletins").csrf();
    Map<String, String> big = draftForm(csrf, "2026-11-19T00:00", "2026-11-20T00:00");
    big.put("note", "ا".repeat(BulletinPages.MAX_NOTE));
    big.put("internalNote", "ب".repeat(BulletinPages.MAX_NOTE));
    assertThat(coordinator.post("/bulletins", big).status()).isEqualTo(303);
    big.put("note", "ا".repeat(BulletinPages.MAX_NOTE + 1));
    assertThat(coordinator.post("/bulletins", big).body()).contains("Note: at most 4,000 characters");
    big.put("note", "x".repeat(Web.MAX_FORM_BYTES));
    assertThat(coordinator.post("/bulletins", big).status()).isEqualTo(413);
    assertThat(t.count("bulletins")).isEqualTo(1);
  }

  @Test
  void draftRegisterKeysSignAsThreeGuarantorsAndTheBulletinIsIssued() {
    Browser coordinator = signedIn("coord", "SEC", Role.COORDINATOR);
    String id = draft(coordinator);
    Browser.Page page = coordinator.get("/bulletins/" + id + "?done=drafted");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Bulletin No. 1", "data-status=\"draft\"", "The bulletin was drafted",
        "Signatures still needed: 3.", "check the southern figures", "id=\"fig-incidents\" data-n=\"1\">1<",
        "href=\"/api/v1/bulletins/" + id + "?format=pdf\"")
        .as("the coordinator's note is shown as text").contains("Quiet day &lt;script&gt;alert(1)&lt;/script&gt; in the north")
        .doesNotContain("<script>alert(1)");

    // a draft is the mechanism's: an observer does not find it until it is issued
    Browser observer = signedIn("un", "UN", Role.OBSERVER);
    assertThat(observer.get("/bulletins/" + id).status()).isEqualTo(404);
    assertThat(observer.get("/bulletins/" + id + "/content.json").status()).isEqualTo(404);

    // the exact bytes that are signed: the stored canonical JSON, whose hash the page states
    Browser.Page content = coordinator.get("/bulletins/" + id + "/content.json");
    String sha = Ed25519.sha256Hex(content.body());
    assertThat(page.body()).contains("<code class=\"hash\" id=\"sha256\">" + sha + "</code>");
    assertThat(content.body()).doesNotContain("check the southern figures");

    String[] guarantors = {"IR", "RU", "TR"};
    for (int i = 0; i < 3; i++) {
      String g = guarantors[i];
      Browser reviewer = signedIn("reviewer-" + g, g, Role.REVIEWER);
      KeyPair k = Ed25519.generate();
      String keyId = Ed25519.keyId(k.getPublic());
      // a bad key is refused, naming the field; a good one is registered
      String kcsrf = reviewer.get("/bulletins/keys").csrf();
      Browser.Page bad = reviewer.post("/bulletins/keys", Map.of("csrf", kcsrf, "publicKey", "-----BEGIN PUBLIC KEY-----\nAAAA\n", "label", ""));
      assertThat(bad.status()).isEqualTo(422);
      assertThat(bad.body()).contains("Public key: ");
      assertThat(reviewer.post("/bulletins/keys", Map.of("csrf", kcsrf, "publicKey", Ed25519.pem(k.getPublic()),
          "label", g + " <b>laptop</b>")).status()).isEqualTo(303);
      Browser.Page keys = reviewer.get("/bulletins/keys?done=registered");
      assertThat(keys.body()).contains("data-key=\"" + keyId + "\"", g + " &lt;b&gt;laptop&lt;/b&gt;", "The key was registered.");

      Browser.Page mine = reviewer.get("/bulletins/" + id);
      assertThat(mine.body()).contains("id=\"sign-form\"", "<option value=\"" + keyId + "\"", "js/bulletin-sign.js");
      String scsrf = mine.csrf();
      // a signature of other bytes is refused and stored nowhere
      String wrong = Ed25519.sign(k.getPrivate(), "something else".getBytes(StandardCharsets.UTF_8));
      Browser.Page refused = reviewer.post("/bulletins/" + id + "/signatures", Map.of("csrf", scsrf, "keyId", keyId, "signature", wrong));
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.body()).contains("Signature: is not key " + keyId);
      assertThat(reviewer.post("/bulletins/" + id + "/signatures", Map.of("csrf", scsrf, "keyId", keyId, "signature", "")).body())
          .contains("Give a signature");
      String sig = Ed25519.sign(k.getPrivate(), content.body().getBytes(StandardCharsets.UTF_8));
      assertThat(reviewer.post("/bulletins/" + id + "/signatures", Map.of("csrf", "x", "keyId", keyId, "signature", sig)).status())
          .as("without the CSRF token").isEqualTo(403);
      Browser.Page signed = reviewer.post("/bulletins/" + id + "/signatures", Map.of("csrf", scsrf, "keyId", keyId, "signature", sig));
      assertThat(signed.status()).as(signed.body()).isEqualTo(303);
      Browser.Page after = reviewer.get(signed.header("Location"));
      assertThat(after.body()).contains("Your signature was recorded.", "data-guarantor=\"" + g + "\" data-signed=\"true\"")
          .doesNotContain("id=\"sign-form\"");
      assertThat(after.body()).contains(i < 2 ? "data-status=\"draft\"" : "data-status=\"issued\"");
    }
    assertThat(t.count("bulletin_signatures")).isEqualTo(3);

    // issued: everyone sees it, in the list and on its page, and a coordinator may draft its correction
    assertThat(observer.get("/bulletins").body()).contains("data-bulletin=\"" + id + "\" data-status=\"issued\"");
    assertThat(observer.get("/bulletins/" + id).body()).contains("Issued").doesNotContain("check the southern figures", "download-internal");
    assertThat(coordinator.get("/bulletins/" + id).body()).contains("href=\"/bulletins?corrects=" + id + "\"");
    assertThat(coordinator.get("/bulletins?corrects=" + id).body()).contains("<option value=\"" + id + "\" selected>");
  }

  @Test
  void onlyAGuarantorsReviewerSignsAndRegistersAndOnlyItsOwnKeysAreRevoked() {
    Browser coordinator = signedIn("coord", "SEC", Role.COORDINATOR);
    String id = draft(coordinator);
    Browser un = signedIn("un-reviewer", "UN", Role.REVIEWER);
    String csrf = un.get("/bulletins/keys").csrf();
    assertThat(un.get("/bulletins/keys").body()).doesNotContain("id=\"key-form\"");
    assertThat(un.post("/bulletins/keys", Map.of("csrf", csrf, "publicKey", Ed25519.pem(Ed25519.generate().getPublic()))).status())
        .isEqualTo(403);
    assertThat(un.post("/bulletins/" + id + "/signatures", Map.of("csrf", csrf, "keyId", "0".repeat(32), "signature", "AAAA")).status())
        .isEqualTo(403);

    Browser ir = signedIn("reviewer-ir", "IR", Role.REVIEWER);
    KeyPair k = Ed25519.generate();
    String keyId = Ed25519.keyId(k.getPublic());
    String ircsrf = ir.get("/bulletins/keys").csrf();
    assertThat(ir.post("/bulletins/keys", Map.of("csrf", ircsrf, "publicKey", Ed25519.pem(k.getPublic()))).status()).isEqualTo(303);
    Browser ru = signedIn("reviewer-ru", "RU", Role.REVIEWER);
    Browser.Page ruKeys = ru.get("/bulletins/keys");
    assertThat(ruKeys.body()).contains("data-key=\"" + keyId + "\"").doesNotContain("action=\"/bulletins/keys/" + keyId + "/revoke\"");
    assertThat(ru.post("/bulletins/keys/" + keyId + "/revoke", Map.of("csrf", ruKeys.csrf())).status()).isEqualTo(403);
    // RU cannot sign with IR's key
    Browser.Page ruSign = ru.get("/bulletins/" + id);
    assertThat(ruSign.body()).contains("Your guarantor has no signing key registered yet.");
    String sig = Ed25519.sign(k.getPrivate(), ru.get("/bulletins/" + id + "/content.json").body().getBytes(StandardCharsets.UTF_8));
    assertThat(ru.post("/bulletins/" + id + "/signatures", Map.of("csrf", ruSign.csrf(), "keyId", keyId, "signature", sig)).body())
        .contains("Key: is not a key registered for RU");
    assertThat(t.count("bulletin_signatures")).isZero();

    assertThat(ir.post("/bulletins/keys/" + keyId + "/revoke", Map.of("csrf", ircsrf)).status()).isEqualTo(303);
    assertThat(ir.get("/bulletins/keys?done=revoked").body()).contains("The key was revoked.", "revoked ");
    assertThat(ir.get("/bulletins/" + id).body()).as("a revoked key is not offered").doesNotContain("<option value=\"" + keyId + "\"");
  }
}
