package org.truce.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.access.Role;
import org.truce.audit.AuditVerifier;
import org.truce.http.Json;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/** Assessments, findings, the right of reply and review queues over HTTP, on the real server and database. */
@Tag("db")
class VerificationApiTest {

  private static final AtomicInteger DAY = new AtomicInteger();
  private static TestServer server;
  private static String ir;
  private static String ru;
  private static String tr;
  private static String govReporter;
  private static String oppReporter;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    ir = server.token("reviewer-ir", "IR", Role.REVIEWER);
    ru = server.token("reviewer-ru", "RU", Role.REVIEWER);
    tr = server.token("reviewer-tr", "TR", Role.REVIEWER);
    govReporter = server.token("reporter-gov", "SY-GOV", Role.REPORTER);
    oppReporter = server.token("reporter-opp", "SY-OPP", Role.REPORTER);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A new incident alleging SY-GOV shelled Saraqib, on a day of its own so that incidents never link. */
  static UUID newIncident() {
    int d = DAY.incrementAndGet();
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", UUID.randomUUID().toString());
    r.putObject("source").put("type", "party_complaint").put("party", "SY-OPP").put("reference", "OPP-" + d);
    r.put("occurredAt", java.time.LocalDate.of(2025, 1, 1).plusDays(3L * d) + "T10:00:00Z");
    r.putObject("location").put("lat", 35.864).put("lon", 36.806);
    r.put("type", "shelling");
    r.put("allegedPerpetrator", "SY-GOV");
    r.put("description", "Shelling of the market.");
    Answer a = server.request("POST", "/api/v1/reports", r.toString(), oppReporter);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return UUID.fromString(a.json().get("incidentId").asText());
  }

  static Answer assess(UUID incident, String token, String assessment) {
    return server.request("POST", "/api/v1/incidents/" + incident + "/assessments",
        "{\"assessment\":\"" + assessment + "\",\"rationale\":\"Seen by " + assessment + "\",\"evidence\":[\"sha256:abc\"]}", token);
  }

  static JsonNode incident(UUID id) {
    Answer a = server.request("GET", "/api/v1/incidents/" + id, null, TestServer.ADMIN_TOKEN);
    assertThat(a.status()).isEqualTo(200);
    return a.json();
  }

  static String finding(UUID id) {
    return incident(id).get("finding").asText();
  }

  @Test
  void threeGuarantorsReachConsensusAndTheHistoryShowsEveryStep() {
    UUID id = newIncident();
    assertThat(finding(id)).isEqualTo("open");

    Answer first = assess(id, ir, "confirmed");
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().get("guarantor").asText()).isEqualTo("IR");
    assertThat(first.json().get("current").asBoolean()).isTrue();
    assertThat(first.json().get("finding").asText()).isEqualTo("under_review");
    assertThat(assess(id, ru, "confirmed").json().get("finding").asText()).isEqualTo("under_review");
    assertThat(assess(id, tr, "confirmed").json().get("finding").asText()).isEqualTo("verified");

    // Russia changes its view: the consensus breaks
    assertThat(assess(id, ru, "not_confirmed").json().get("finding").asText()).isEqualTo("disputed");

    JsonNode inc = incident(id);
    assertThat(inc.get("finding").asText()).isEqualTo("disputed");
    assertThat(inc.get("findingRule").asText()).isEqualTo("consensus");
    JsonNode all = inc.get("assessments");
    assertThat(all).hasSize(4);
    assertThat(all.get(1).get("guarantor").asText()).isEqualTo("RU");
    assertThat(all.get(1).get("current").asBoolean()).as("RU's first view is superseded, kept").isFalse();
    assertThat(all.get(3).get("current").asBoolean()).isTrue();
    assertThat(all.get(0).get("assessedByName").asText()).isEqualTo("reviewer-ir");
    List<String> steps = new ArrayList<>();
    inc.get("findingHistory").forEach(c -> steps.add(c.get("from").asText() + "->" + c.get("to").asText()));
    assertThat(steps).containsExactly("open->under_review", "under_review->verified", "verified->disputed");
    assertThat(inc.get("findingHistory").get(2).get("cause").asText()).isEqualTo("assessment");

    // the record has every assessment and every change of finding, and the chain is intact
    int assessments = server.app.db.jdbi().withHandle(h -> h.createQuery(
        "select count(*) from audit_log where action = 'assessment.create' and change like :p")
        .bind("p", "%" + id + "%").mapTo(Integer.class).one());
    int findings = server.app.db.jdbi().withHandle(h -> h.createQuery(
        "select count(*) from audit_log where action = 'finding.change' and entity_id = :id")
        .bind("id", id.toString()).mapTo(Integer.class).one());
    assertThat(assessments).isEqualTo(4);
    assertThat(findings).isEqualTo(3);
    assertThat(new AuditVerifier(server.app.db.jdbi()).verify(null).ok()).isTrue();

    Answer history = server.request("GET", "/api/v1/incidents/" + id + "/assessments", null, oppReporter);
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.json().get("assessments")).hasSize(4);
    // the people behind an assessment are named to their own guarantor and the secretariat only
    history.json().get("assessments").forEach(a -> assertThat(a.get("assessedByName").isNull()).isTrue());
    assertThat(history.body()).doesNotContain("reviewer-ir");
    JsonNode asIr = server.request("GET", "/api/v1/incidents/" + id, null, ir).json().get("assessments");
    assertThat(asIr.get(0).get("assessedByName").asText()).isEqualTo("reviewer-ir");
    assertThat(asIr.get(1).get("assessedByName").isNull()).as("RU's reviewer, seen from IR").isTrue();
  }

  @Test
  void insufficientInformationFromAllDismissesAndAllNotConfirmedIsNotVerified() {
    UUID a = newIncident();
    for (String t : List.of(ir, ru, tr)) {
      assess(a, t, "insufficient_information");
    }
    assertThat(finding(a)).isEqualTo("dismissed");
    UUID b = newIncident();
    for (String t : List.of(ir, ru, tr)) {
      assess(b, t, "not_confirmed");
    }
    assertThat(finding(b)).isEqualTo("not_verified");
  }

  @Test
  void theMajorityRuleIsASettingAndReFindsAssessedIncidents() {
    UUID id = newIncident();
    assess(id, ir, "confirmed");
    assess(id, ru, "confirmed");
    assess(id, tr, "not_confirmed");
    assertThat(finding(id)).isEqualTo("disputed");

    Answer denied = server.request("PUT", "/api/v1/settings/finding-rule", "{\"rule\":\"majority\"}", ir);
    assertThat(denied.status()).isEqualTo(403);
    Answer bad = server.request("PUT", "/api/v1/settings/finding-rule", "{\"rule\":\"unanimity\"}", TestServer.ADMIN_TOKEN);
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("rule").contains("consensus, majority");
    try {
      Answer ok = server.request("PUT", "/api/v1/settings/finding-rule", "{\"rule\":\"majority\"}", TestServer.ADMIN_TOKEN);
      assertThat(ok.status()).as(ok.body()).isEqualTo(200);
      assertThat(ok.json().get("changedFindings").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(finding(id)).isEqualTo("verified");
      JsonNode last = incident(id).get("findingHistory").get(2);
      assertThat(last.get("cause").asText()).isEqualTo("rule");
      assertThat(last.get("rule").asText()).isEqualTo("majority");
      assertThat(server.request("GET", "/api/v1/settings/finding-rule", null, oppReporter).json().get("rule").asText())
          .isEqualTo("majority");
    } finally {
      server.request("PUT", "/api/v1/settings/finding-rule", "{\"rule\":\"consensus\"}", TestServer.ADMIN_TOKEN);
    }
    assertThat(finding(id)).isEqualTo("disputed");
  }

  @Test
  void onlyReviewersOfAGuarantorAssess() {
    UUID id = newIncident();
    String unReviewer = server.token("reviewer-un", "UN", Role.REVIEWER);
    String irReporter = server.token("reporter-ir", "IR", Role.REPORTER);
    assertThat(assess(id, null, "confirmed").status()).isEqualTo(401);
    assertThat(assess(id, "not-a-token-at-all-xxxxxxxx", "confirmed").status()).isEqualTo(401);
    Answer un = assess(id, unReviewer, "confirmed");
    assertThat(un.status()).isEqualTo(403);
    assertThat(un.body()).contains("guarantor");
    assertThat(assess(id, irReporter, "confirmed").status()).isEqualTo(403);
    assertThat(assess(id, oppReporter, "confirmed").status()).isEqualTo(403);
    assertThat(assess(UUID.randomUUID(), ir, "confirmed").status()).isEqualTo(404);
    assertThat(server.request("POST", "/api/v1/incidents/not-a-uuid/assessments", "{}", ir).status()).isEqualTo(404);
    assertThat(finding(id)).isEqualTo("open");
  }

  @Test
  void badAssessmentsNameTheFieldAndStoreNothing() {
    UUID id = newIncident();
    int before = server.count("assessments");
    Answer a = server.request("POST", "/api/v1/incidents/" + id + "/assessments",
        "{\"assessment\":\"probably\",\"rationale\":\"  \",\"evidence\":\"x\",\"extra\":1}", ir);
    assertThat(a.status()).isEqualTo(422);
    List<String> fields = new ArrayList<>();
    a.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).contains("assessment", "rationale", "evidence", "extra");
    assertThat(a.body()).contains("confirmed, not_confirmed, insufficient_information");
    Answer nul = server.request("POST", "/api/v1/incidents/" + id + "/assessments",
        "{\"assessment\":\"confirmed\",\"rationale\":\"a\\u0000b\"}", ir);
    assertThat(nul.status()).isEqualTo(422);
    Answer notJson = server.request("POST", "/api/v1/incidents/" + id + "/assessments", "[1,2]", ir);
    assertThat(notJson.status()).isEqualTo(400);
    Answer huge = server.request("POST", "/api/v1/incidents/" + id + "/assessments",
        "{\"assessment\":\"confirmed\",\"rationale\":\"" + "x".repeat(10_001) + "\"}", ir);
    assertThat(huge.status()).isEqualTo(422);
    assertThat(server.count("assessments")).isEqualTo(before);
    assertThat(finding(id)).isEqualTo("open");
  }

  @Test
  void theNamedPerpetratorMayReplyAndTheReplyIsShownBesideTheAssessments() {
    UUID id = newIncident();
    assess(id, ir, "confirmed");
    String text = "<script>alert(1)</script> Our units were not there.";
    Answer r = server.request("POST", "/api/v1/incidents/" + id + "/responses",
        Json.MAPPER.createObjectNode().put("response", text).toString(), govReporter);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("party").asText()).isEqualTo("SY-GOV");

    Answer other = server.request("POST", "/api/v1/incidents/" + id + "/responses", "{\"response\":\"no\"}", oppReporter);
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.body()).contains("alleged perpetrator");
    assertThat(server.request("POST", "/api/v1/incidents/" + id + "/responses", "{\"response\":\"no\"}", ir).status())
        .isEqualTo(403);
    assertThat(server.request("POST", "/api/v1/incidents/" + id + "/responses", "{}", govReporter).status()).isEqualTo(422);

    JsonNode inc = incident(id);
    assertThat(inc.get("responses")).hasSize(1);
    assertThat(inc.get("responses").get(0).get("response").asText()).isEqualTo(text);
    assertThat(inc.get("assessments")).hasSize(1);
    JsonNode seenByOpp = server.request("GET", "/api/v1/incidents/" + id + "/responses", null, oppReporter).json().get("responses");
    assertThat(seenByOpp).hasSize(1);
    assertThat(seenByOpp.get(0).get("submittedByName").isNull()).as("the other side does not learn who wrote it").isTrue();
    assertThat(server.request("GET", "/api/v1/incidents/" + id + "/responses", null, govReporter).json().get("responses")
        .get(0).get("submittedByName").asText()).isEqualTo("reporter-gov");
  }

  @Test
  void theReviewQueueListsWhatAwaitsTheGuarantorOldestFirst() {
    UUID a = newIncident();
    UUID b = newIncident();
    List<UUID> irQueue = queue(ir);
    assertThat(irQueue).contains(a, b);
    assertThat(irQueue.indexOf(a)).isLessThan(irQueue.indexOf(b));

    assess(a, ir, "confirmed");
    assertThat(queue(ir)).doesNotContain(a).contains(b);
    assertThat(queue(ru)).contains(a, b);

    assertThat(server.request("GET", "/api/v1/review-queue", null, govReporter).status()).isEqualTo(403);
    assertThat(server.request("GET", "/api/v1/review-queue", null, null).status()).isEqualTo(401);
    assertThat(server.request("GET", "/api/v1/review-queue?limit=0", null, ir).status()).isEqualTo(422);
    assertThat(server.request("GET", "/api/v1/review-queue?cursor=zzz", null, ir).status()).isEqualTo(422);
    assertThat(server.request("GET", "/api/v1/review-queue?sort=new", null, ir).status()).isEqualTo(422);
  }

  /** The whole queue, walked page by page with small pages so that the cursor is exercised. */
  private static List<UUID> queue(String token) {
    List<UUID> out = new ArrayList<>();
    String cursor = null;
    do {
      Answer page = server.request("GET", "/api/v1/review-queue?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), null, token);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().get("items").forEach(i -> {
        out.add(UUID.fromString(i.get("id").asText()));
        assertThat(i.get("reasons").toString()).contains("awaiting_assessment");
      });
      cursor = page.json().get("next").isNull() ? null : page.json().get("next").asText();
    } while (cursor != null);
    assertThat(out).doesNotHaveDuplicates();
    return out;
  }

  @Test
  void parallelAssessmentsOfOneIncidentAllCountAndTheFindingFollows() throws Exception {
    UUID id = newIncident();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Answer>> fs = new ArrayList<>();
      for (String t : List.of(ir, ru, tr)) {
        fs.add(pool.submit(() -> assess(id, t, "confirmed")));
      }
      for (Future<Answer> f : fs) {
        assertThat(f.get().status()).isEqualTo(201);
      }
    } finally {
      pool.shutdown();
    }
    JsonNode inc = incident(id);
    assertThat(inc.get("finding").asText()).isEqualTo("verified");
    assertThat(inc.get("findingHistory").get(inc.get("findingHistory").size() - 1).get("to").asText()).isEqualTo("verified");
  }

  @Test
  void reportsAreReadByTheirOwnPartyGuarantorsAndTheSecretariatOnly() {
    UUID id = newIncident();
    String reportId = incident(id).get("reports").get(0).get("id").asText();
    String observer = server.token("observer-un", "UN", Role.OBSERVER);
    assertThat(server.request("GET", "/api/v1/reports/" + reportId, null, oppReporter).status()).isEqualTo(200);
    assertThat(server.request("GET", "/api/v1/reports/" + reportId, null, ir).status()).isEqualTo(200);
    assertThat(server.request("GET", "/api/v1/reports/" + reportId, null, govReporter).status()).isEqualTo(404);
    assertThat(server.request("GET", "/api/v1/reports/" + reportId, null, observer).status()).isEqualTo(404);
    Answer asGov = server.request("GET", "/api/v1/incidents/" + id, null, govReporter);
    assertThat(asGov.status()).isEqualTo(200);
    assertThat(asGov.json().get("reportCount").asInt()).isEqualTo(1);
    assertThat(asGov.json().get("reports")).isEmpty();
  }
}
