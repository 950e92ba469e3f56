package org.truce.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

/** Coordinators merging and splitting incidents over HTTP: reports move, history stays, guarantors assess again. */
@Tag("db")
class CurationApiTest {

  private static final AtomicInteger DAY = new AtomicInteger();
  private static TestServer server;
  private static String coordinator;
  private static String ir;
  private static String ru;
  private static String tr;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    coordinator = server.token("coordinator", "SEC", Role.COORDINATOR);
    ir = server.token("reviewer-ir", "IR", Role.REVIEWER);
    ru = server.token("reviewer-ru", "RU", Role.REVIEWER);
    tr = server.token("reviewer-tr", "TR", Role.REVIEWER);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Reports of one event (same day, place and type), each from another source; returns their incident ids. */
  static List<UUID> event(String... sourceParties) {
    int d = DAY.incrementAndGet();
    List<UUID> incidents = new ArrayList<>();
    for (String party : sourceParties) {
      ObjectNode r = Json.MAPPER.createObjectNode();
      r.put("id", UUID.randomUUID().toString());
      r.putObject("source").put("type", "party_complaint").put("party", party).put("reference", party + "-" + d);
      r.put("occurredAt", java.time.LocalDate.of(2025, 6, 1).plusDays(3L * d) + "T10:00:00Z");
      r.putObject("location").put("lat", 35.864).put("lon", 36.806);
      r.put("type", "shelling");
      r.put("allegedPerpetrator", "SY-GOV");
      Answer a = server.request("POST", "/api/v1/reports", r.toString(), TestServer.ADMIN_TOKEN);
      assertThat(a.status()).as(a.body()).isEqualTo(201);
      incidents.add(UUID.fromString(a.json().get("incidentId").asText()));
    }
    return incidents;
  }

  static JsonNode incident(UUID id) {
    Answer a = server.request("GET", "/api/v1/incidents/" + id, null, TestServer.ADMIN_TOKEN);
    assertThat(a.status()).isEqualTo(200);
    return a.json();
  }

  static void assess(UUID id, String token, String assessment) {
    Answer a = server.request("POST", "/api/v1/incidents/" + id + "/assessments",
        "{\"assessment\":\"" + assessment + "\",\"rationale\":\"r\"}", token);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
  }

  static Answer merge(UUID from, String body, String token) {
    return server.request("POST", "/api/v1/incidents/" + from + "/merge", body, token);
  }

  @Test
  void mergingMovesEveryReportKeepsTheHistoryAndAsksForNewAssessments() {
    UUID a = event("SY-OPP").get(0);
    UUID b = event("SY-OPP").get(0);
    assertThat(a).isNotEqualTo(b);
    assess(b, ir, "confirmed");
    assess(b, ru, "confirmed");
    assess(a, tr, "confirmed");
    assertThat(incident(b).get("finding").asText()).isEqualTo("under_review");

    Answer m = merge(a, "{\"into\":\"" + b + "\",\"reason\":\"Same shelling, reported with the wrong date.\"}", coordinator);
    assertThat(m.status()).as(m.body()).isEqualTo(200);
    assertThat(m.json().get("reports")).hasSize(1);
    assertThat(m.json().get("assessments").get(b.toString()).asText()).contains("2 current assessment(s) superseded");

    JsonNode merged = incident(a);
    assertThat(merged.get("mergedInto").asText()).isEqualTo(b.toString());
    assertThat(merged.get("assessments")).hasSize(1);
    JsonNode into = incident(b);
    assertThat(into.get("reportCount").asInt()).isEqualTo(2);
    assertThat(into.get("finding").asText()).as("a new basis: no assessment counts yet").isEqualTo("open");
    assertThat(into.get("assessments")).hasSize(2);
    into.get("assessments").forEach(x -> assertThat(x.get("current").asBoolean()).isFalse());
    JsonNode history = into.get("findingHistory");
    assertThat(history.get(history.size() - 1).get("cause").asText()).isEqualTo("merge");
    assertThat(into.get("corrections")).hasSize(1);
    assertThat(into.get("corrections").get(0).get("reason").asText()).startsWith("Same shelling");
    assertThat(into.get("corrections").get(0).get("byName").asText()).as("seen by the secretariat").isEqualTo("coordinator");
    JsonNode seenByReviewer = server.request("GET", "/api/v1/incidents/" + b, null, ir).json();
    assertThat(seenByReviewer.get("corrections").get(0).get("byName").isNull()).as("the coordinator is not named").isTrue();
    assertThat(merged.get("corrections")).hasSize(1);

    // the merged incident is gone from lists, every guarantor has the survivor in its queue again
    Answer list = server.request("GET", "/api/v1/incidents?limit=1000", null, TestServer.ADMIN_TOKEN);
    assertThat(list.body()).doesNotContain(a.toString()).contains(b.toString());
    assertThat(server.request("GET", "/api/v1/review-queue?limit=500", null, ir).body()).contains(b.toString());

    int moves = server.app.db.jdbi().withHandle(h -> h.createQuery(
        "select count(*) from report_links where reason = 'merge' and previous_incident_id = :a and incident_id = :b")
        .bind("a", a).bind("b", b).mapTo(Integer.class).one());
    assertThat(moves).isEqualTo(1);
    int audited = server.app.db.jdbi().withHandle(h -> h.createQuery(
        "select count(*) from audit_log where action = 'incident.merge' and entity_id = :a").bind("a", a.toString())
        .mapTo(Integer.class).one());
    assertThat(audited).isEqualTo(1);
    assertThat(new AuditVerifier(server.app.db.jdbi()).verify(null).ok()).isTrue();

    assertThat(merge(a, "{\"into\":\"" + b + "\",\"reason\":\"again\"}", coordinator).status()).isEqualTo(409);
    assertThat(merge(b, "{\"into\":\"" + a + "\",\"reason\":\"back\"}", coordinator).status()).as("into a merged one").isEqualTo(409);
  }

  @Test
  void onlyCoordinatorsCorrectAndBadRequestsChangeNothing() {
    UUID a = event("SY-OPP").get(0);
    UUID b = event("SY-OPP").get(0);
    String body = "{\"into\":\"" + b + "\",\"reason\":\"dup\"}";
    assertThat(merge(a, body, null).status()).isEqualTo(401);
    assertThat(merge(a, body, ir).status()).isEqualTo(403);
    assertThat(merge(a, body, TestServer.ADMIN_TOKEN).status()).isEqualTo(403);
    assertThat(merge(UUID.randomUUID(), body, coordinator).status()).isEqualTo(404);
    Answer self = merge(a, "{\"into\":\"" + a + "\",\"reason\":\"x\"}", coordinator);
    assertThat(self.status()).isEqualTo(422);
    Answer unknown = merge(a, "{\"into\":\"" + UUID.randomUUID() + "\",\"reason\":\"x\"}", coordinator);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.body()).contains("\"into\"");
    Answer noReason = merge(a, "{\"into\":\"" + b + "\"}", coordinator);
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.body()).contains("reason");
    Answer split = server.request("POST", "/api/v1/incidents/" + a + "/split", "{\"reports\":[],\"reason\":\"x\"}", coordinator);
    assertThat(split.status()).isEqualTo(422);
    assertThat(incident(a).get("mergedInto").isNull()).isTrue();
    assertThat(incident(a).get("reportCount").asInt()).isEqualTo(1);
  }

  @Test
  void splittingMovesTheListedReportsToANewIncident() {
    List<UUID> ids = event("SY-OPP", "SY-GOV", "UN");
    UUID incident = ids.get(0);
    assertThat(ids).as("the three reports were linked into one incident").containsOnly(incident);
    assess(incident, ir, "confirmed");
    JsonNode before = incident(incident);
    assertThat(before.get("reportCount").asInt()).isEqualTo(3);
    String moved = before.get("reports").get(2).get("id").asText();

    Answer all = server.request("POST", "/api/v1/incidents/" + incident + "/split", Json.MAPPER.createObjectNode()
        .put("reason", "x").set("reports", reportIds(before)).toString(),
        coordinator);
    assertThat(all.status()).as("every report cannot move: " + all.body()).isEqualTo(422);
    Answer foreign = server.request("POST", "/api/v1/incidents/" + incident + "/split",
        "{\"reports\":[\"" + UUID.randomUUID() + "\"],\"reason\":\"x\"}", coordinator);
    assertThat(foreign.status()).isEqualTo(422);
    assertThat(foreign.body()).contains("reports[0]");

    Answer s = server.request("POST", "/api/v1/incidents/" + incident + "/split",
        "{\"reports\":[\"" + moved + "\"],\"reason\":\"A different attack the same morning.\"}", coordinator);
    assertThat(s.status()).as(s.body()).isEqualTo(201);
    UUID created = UUID.fromString(s.json().get("other").asText());
    JsonNode rest = incident(incident);
    JsonNode split = incident(created);
    assertThat(rest.get("reportCount").asInt()).isEqualTo(2);
    assertThat(split.get("reportCount").asInt()).isEqualTo(1);
    assertThat(split.get("reports").get(0).get("id").asText()).isEqualTo(moved);
    assertThat(split.get("reports").get(0).get("link").asText()).isEqualTo("manual");
    assertThat(split.get("finding").asText()).isEqualTo("open");
    assertThat(rest.get("finding").asText()).isEqualTo("open");
    assertThat(rest.get("assessments").get(0).get("current").asBoolean()).isFalse();
    assertThat(rest.get("corrections").get(0).get("kind").asText()).isEqualTo("split");
    assertThat(split.get("corrections")).hasSize(1);
  }

  private static JsonNode reportIds(JsonNode incident) {
    var arr = Json.MAPPER.createArrayNode();
    incident.get("reports").forEach(r -> arr.add(r.get("id").asText()));
    return arr;
  }

  @Test
  void aRebuildKeepsWhatCoordinatorsCorrected() {
    UUID a = event("SY-OPP").get(0);
    UUID b = event("SY-OPP").get(0);
    assertThat(merge(a, "{\"into\":\"" + b + "\",\"reason\":\"dup\"}", coordinator).status()).isEqualTo(200);
    List<UUID> three = event("SY-OPP", "SY-GOV", "UN");
    UUID incident = three.get(0);
    String moved = incident(incident).get("reports").get(0).get("id").asText();
    Answer s = server.request("POST", "/api/v1/incidents/" + incident + "/split",
        "{\"reports\":[\"" + moved + "\"],\"reason\":\"separate\"}", coordinator);
    UUID created = UUID.fromString(s.json().get("other").asText());

    new Rebuild(server.app.db.jdbi(), server.app.incidents, server.app.matcher, server.app.audit, server.app.verification,
        Clock.systemUTC()).run();

    assertThat(incident(b).get("reportCount").asInt()).isEqualTo(2);
    assertThat(incident(a).get("mergedInto").asText()).isEqualTo(b.toString());
    assertThat(incident(incident).get("reportCount").asInt()).isEqualTo(2);
    assertThat(incident(created).get("reportCount").asInt()).isEqualTo(1);
    assertThat(incident(created).get("mergedInto").isNull()).isTrue();
    assertThat(new AuditVerifier(server.app.db.jdbi()).verify(null).ok()).isTrue();
  }
}
