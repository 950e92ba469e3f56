package org.truce.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.truce.http.Json;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/**
 * Every cell of the permission matrix in docs/permissions.md, read from that file and checked over HTTP: each
 * role, on objects of its own party and of another, gets exactly the documented status; no credentials get 401,
 * unless the route's cell says otherwise ("`GET /api/v1/openapi.json` (without credentials: 200)").
 */
@Tag("db")
public class PermissionMatrixTest {

  static final Path DOC = Path.of("docs/permissions.md");
  public static final List<String> ROLES = List.of("reporter", "reviewer", "coordinator", "observer", "wg-member", "admin");
  static final Map<String, String> PARTY = Map.of("reporter", "SY-OPP", "reviewer", "RU", "coordinator", "SEC",
      "observer", "UN", "wg-member", "ICRC", "admin", "SEC");
  static final String OTHER = "SY-GOV";

  private static TestServer server;
  private static final Map<String, String> TOKENS = new HashMap<>();
  private static final AtomicInteger DAY = new AtomicInteger();
  private static final Map<String, String> REPORT_OF_PARTY = new HashMap<>();
  private static final Map<String, UUID> INCIDENT_BLAMING = new HashMap<>();
  private static UUID shared;

  /** A caller: its role's token and party. */
  record Caller(String role, String token, String party) {}

  /** Makes the request of one route for a caller, on an object of its own party (own) or of another. */
  interface Fixture {
    Answer call(Caller c, boolean own);
  }

  private static final Map<String, Fixture> FIXTURES = new LinkedHashMap<>();

  static {
    FIXTURES.put("GET /api/v1/openapi.json", (c, own) -> get("/api/v1/openapi.json", c.token));
    FIXTURES.put("GET /api/v1/zones", (c, own) -> get("/api/v1/zones", c.token));
    FIXTURES.put("GET /api/v1/places", (c, own) -> get("/api/v1/places?q=Saraqib", c.token));
    FIXTURES.put("POST /api/v1/reports", (c, own) ->
        server.request("POST", "/api/v1/reports", report(own ? c.party : OTHER, "SY-GOV").toString(), c.token));
    FIXTURES.put("POST /api/v1/reports/batch", (c, own) -> {
      Answer a = server.request("POST", "/api/v1/reports/batch",
          "[" + report(own ? c.party : OTHER, "SY-GOV") + "]", c.token);
      return a.status() != 200 ? a : new Answer(a.json().get("results").get(0).get("status").asInt(), a.contentType(), a.body());
    });
    FIXTURES.put("GET /api/v1/reports/{id}", (c, own) -> get("/api/v1/reports/" + reportOf(own ? c.party : OTHER), c.token));
    FIXTURES.put("GET /api/v1/incidents", (c, own) -> get("/api/v1/incidents?limit=5", c.token));
    FIXTURES.put("GET /api/v1/incidents/clusters", (c, own) -> get("/api/v1/incidents/clusters?zoom=7&bbox=35,32,43,38", c.token));
    FIXTURES.put("GET /api/v1/incidents/{id}", (c, own) -> get("/api/v1/incidents/" + shared(), c.token));
    for (String export : List.of("incidents.geojson", "incidents.acled.csv", "incidents.hxl.csv", "zones.geojson")) {
      FIXTURES.put("GET /api/v1/exports/" + export, (c, own) -> {
        shared();
        return get("/api/v1/exports/" + export, c.token);
      });
    }
    FIXTURES.put("POST /api/v1/incidents/{id}/assessments", (c, own) -> server.request("POST",
        "/api/v1/incidents/" + shared() + "/assessments", "{\"assessment\":\"confirmed\",\"rationale\":\"seen\"}", c.token));
    FIXTURES.put("GET /api/v1/incidents/{id}/assessments", (c, own) -> get("/api/v1/incidents/" + shared() + "/assessments", c.token));
    FIXTURES.put("POST /api/v1/incidents/{id}/responses", (c, own) -> server.request("POST",
        "/api/v1/incidents/" + blaming(own ? c.party : OTHER) + "/responses", "{\"response\":\"We deny it.\"}", c.token));
    FIXTURES.put("GET /api/v1/incidents/{id}/responses", (c, own) -> get("/api/v1/incidents/" + shared() + "/responses", c.token));
    FIXTURES.put("POST /api/v1/incidents/{id}/merge", (c, own) -> {
      UUID a = incident("SY-OPP", "SY-GOV");
      UUID b = incident("SY-OPP", "SY-GOV");
      return server.request("POST", "/api/v1/incidents/" + a + "/merge", "{\"into\":\"" + b + "\",\"reason\":\"duplicate\"}", c.token);
    });
    FIXTURES.put("POST /api/v1/incidents/{id}/split", (c, own) -> {
      int d = DAY.incrementAndGet();
      UUID incident = post(report("SY-OPP", "SY-GOV", d));
      post(report("UN", "SY-GOV", d));
      JsonNode reports = get("/api/v1/incidents/" + incident, TestServer.ADMIN_TOKEN).json().get("reports");
      assertThat(reports).as("two reports of one event make one incident").hasSize(2);
      return server.request("POST", "/api/v1/incidents/" + incident + "/split",
          "{\"reports\":[\"" + reports.get(0).get("id").asText() + "\"],\"reason\":\"two events\"}", c.token);
    });
    FIXTURES.put("GET /api/v1/review-queue", (c, own) -> get("/api/v1/review-queue?limit=5", c.token));
    FIXTURES.put("GET /api/v1/settings/finding-rule", (c, own) -> get("/api/v1/settings/finding-rule", c.token));
    FIXTURES.put("PUT /api/v1/settings/finding-rule", (c, own) ->
        server.request("PUT", "/api/v1/settings/finding-rule", "{\"rule\":\"consensus\"}", c.token));
    FIXTURES.put("GET /api/v1/bulletins", (c, own) -> get("/api/v1/bulletins?from=2026-01-01&to=2026-01-01", c.token));
    FIXTURES.put("POST /api/v1/bulletins", (c, own) ->
        server.request("POST", "/api/v1/bulletins", "{\"from\":\"2026-01-02\",\"to\":\"2026-01-02\"}", c.token));
    FIXTURES.put("GET /api/v1/bulletins/records", (c, own) -> get("/api/v1/bulletins/records", c.token));
    FIXTURES.put("GET /api/v1/bulletins/{id}", (c, own) -> get("/api/v1/bulletins/" + (own ? issued() : draft()), c.token));
    FIXTURES.put("GET /api/v1/bulletins/{id}/signed", (c, own) ->
        get("/api/v1/bulletins/" + (own ? issued() : draft()) + "/signed", c.token));
    FIXTURES.put("POST /api/v1/bulletins/{id}/signatures", (c, own) -> {
      String id = draft();
      return server.request("POST", "/api/v1/bulletins/" + id + "/signatures", Json.MAPPER.createObjectNode()
          .put("keyId", keyOf("RU")).put("signature", signature(id, "RU")).toString(), c.token);
    });
    FIXTURES.put("GET /api/v1/guarantor-keys", (c, own) -> get("/api/v1/guarantor-keys", c.token));
    FIXTURES.put("POST /api/v1/guarantor-keys", (c, own) -> server.request("POST", "/api/v1/guarantor-keys",
        Json.MAPPER.createObjectNode().put("publicKey", org.truce.bulletins.Ed25519.pem(
            org.truce.bulletins.Ed25519.generate().getPublic())).toString(), c.token));
    FIXTURES.put("POST /api/v1/guarantor-keys/{id}/revoke", (c, own) -> {
      // a fresh key each time, so that revoking one does not spend the key the other checks sign with
      String party = own && List.of("IR", "RU", "TR").contains(c.party) ? c.party : own ? "RU" : "IR";
      String token = server.token("revoke-" + UUID.randomUUID(), party, Role.REVIEWER);
      Answer k = server.request("POST", "/api/v1/guarantor-keys", Json.MAPPER.createObjectNode().put("publicKey",
          org.truce.bulletins.Ed25519.pem(org.truce.bulletins.Ed25519.generate().getPublic())).toString(), token);
      return server.request("POST", "/api/v1/guarantor-keys/" + k.json().get("id").asText() + "/revoke", null, c.token);
    });
    FIXTURES.put("GET /api/v1/settings/signature-rule", (c, own) -> get("/api/v1/settings/signature-rule", c.token));
    FIXTURES.put("PUT /api/v1/settings/signature-rule", (c, own) ->
        server.request("PUT", "/api/v1/settings/signature-rule", "{\"rule\":\"all\"}", c.token));
    FIXTURES.put("GET /api/v1/audit/head", (c, own) -> get("/api/v1/audit/head", c.token));
    FIXTURES.put("GET /api/v1/tokens", (c, own) -> get("/api/v1/tokens", c.token));
    FIXTURES.put("POST /api/v1/tokens", (c, own) -> server.request("POST", "/api/v1/tokens", "{\"label\":\"laptop\"}", c.token));
    FIXTURES.put("DELETE /api/v1/tokens/{tokenId}", (c, own) -> {
      // the caller's own token: a second one, so that the caller keeps the one it signs in with
      String tokenId = own
          ? server.request("POST", "/api/v1/tokens", "{\"label\":\"spare\"}", tokenOr(c)).json().get("id").asText()
          : tokenIdOf(user(OTHER));
      return server.request("DELETE", "/api/v1/tokens/" + tokenId, null, c.token);
    });
    FIXTURES.put("GET /api/v1/users", (c, own) -> get("/api/v1/users", c.token));
    FIXTURES.put("POST /api/v1/users", (c, own) -> server.request("POST", "/api/v1/users", "{\"name\":\"made-"
        + UUID.randomUUID() + "\",\"party\":\"" + (own ? c.party : OTHER) + "\",\"roles\":[\"observer\"]}", c.token));
    FIXTURES.put("GET /api/v1/users/{id}", (c, own) -> get("/api/v1/users/" + user(own ? c.party : OTHER), c.token));
    FIXTURES.put("PUT /api/v1/users/{id}/roles", (c, own) -> server.request("PUT",
        "/api/v1/users/" + user(own ? c.party : OTHER) + "/roles", "{\"roles\":[\"observer\",\"reporter\"]}", c.token));
    FIXTURES.put("POST /api/v1/users/{id}/disable", (c, own) ->
        server.request("POST", "/api/v1/users/" + user(own ? c.party : OTHER) + "/disable", null, c.token));
    FIXTURES.put("POST /api/v1/users/{id}/enable", (c, own) ->
        server.request("POST", "/api/v1/users/" + user(own ? c.party : OTHER) + "/enable", null, c.token));
    FIXTURES.put("GET /api/v1/users/{id}/tokens", (c, own) -> get("/api/v1/users/" + user(own ? c.party : OTHER) + "/tokens", c.token));
    FIXTURES.put("POST /api/v1/users/{id}/tokens", (c, own) -> server.request("POST",
        "/api/v1/users/" + user(own ? c.party : OTHER) + "/tokens", "{\"label\":\"issued\"}", c.token));
    FIXTURES.put("DELETE /api/v1/users/{id}/tokens/{tokenId}", (c, own) -> {
      UUID target = user(own ? c.party : OTHER);
      return server.request("DELETE", "/api/v1/users/" + target + "/tokens/" + tokenIdOf(target), null, c.token);
    });
    FIXTURES.put("PUT /api/v1/users/{id}/password", (c, own) -> server.request("PUT",
        "/api/v1/users/" + user(own ? c.party : OTHER) + "/password", "{\"password\":\"a long passphrase of its own\"}", c.token));
    FIXTURES.put("POST /api/v1/users/{id}/unlock", (c, own) ->
        server.request("POST", "/api/v1/users/" + user(own ? c.party : OTHER) + "/unlock", null, c.token));
  }

  private static final Map<String, java.security.KeyPair> KEYS = new HashMap<>();
  private static final Map<String, String> KEY_IDS = new HashMap<>();
  private static String issued;

  /** A key of that guarantor, registered by a reviewer of it (the matrix's own reviewer for RU). */
  private static synchronized String keyOf(String party) {
    if (!KEY_IDS.containsKey(party)) {
      String token = "RU".equals(party) ? TOKENS.get("reviewer") : server.token("keys-" + party, party, Role.REVIEWER);
      java.security.KeyPair k = org.truce.bulletins.Ed25519.generate();
      Answer a = server.request("POST", "/api/v1/guarantor-keys", Json.MAPPER.createObjectNode()
          .put("publicKey", org.truce.bulletins.Ed25519.pem(k.getPublic())).toString(), token);
      assertThat(a.status()).as(a.body()).isEqualTo(201);
      KEYS.put(party, k);
      KEY_IDS.put(party, a.json().get("id").asText());
    }
    return KEY_IDS.get(party);
  }

  /** A fresh draft bulletin, drafted by a coordinator. */
  private static String draft() {
    Answer a = server.request("POST", "/api/v1/bulletins", "{\"from\":\"2026-01-01\",\"to\":\"2026-01-01\"}", TOKENS.get("coordinator"));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json().get("id").asText();
  }

  /** A signature of the bulletin by that guarantor's key. */
  private static String signature(String bulletin, String party) {
    keyOf(party);
    byte[] bytes = org.truce.bulletins.SignedDocument.signedBytes(
        get("/api/v1/bulletins/" + bulletin + "/signed", TestServer.ADMIN_TOKEN).json());
    return org.truce.bulletins.Ed25519.sign(KEYS.get(party).getPrivate(), bytes);
  }

  /** A bulletin signed by the three guarantors, so issued. */
  private static synchronized String issued() {
    if (issued == null) {
      String id = draft();
      for (String p : List.of("IR", "RU", "TR")) {
        String token = "RU".equals(p) ? TOKENS.get("reviewer") : server.token("signer-" + p + "-" + UUID.randomUUID(), p, Role.REVIEWER);
        Answer a = server.request("POST", "/api/v1/bulletins/" + id + "/signatures", Json.MAPPER.createObjectNode()
            .put("keyId", keyOf(p)).put("signature", signature(id, p)).toString(), token);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
      }
      issued = id;
    }
    return issued;
  }

  /** A new user of that party (an observer), made for one check. */
  private static UUID user(String party) {
    return server.app.users.addUser("target-" + UUID.randomUUID(), party, Role.OBSERVER, server.app.parties).user().id();
  }

  /** The id of the first token of that user. */
  private static String tokenIdOf(UUID user) {
    return server.app.tokens.list(user).get(0).id().toString();
  }

  /** The caller's token, or, for the check without credentials, some valid token to make the object with. */
  private static String tokenOr(Caller c) {
    return c.token == null ? TestServer.ADMIN_TOKEN : c.token;
  }

  @BeforeAll
  static void start() {
    server = TestServer.start();
    for (String role : ROLES) {
      TOKENS.put(role, server.token("matrix-" + role, PARTY.get(role), Role.fromCode(role)));
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * One row of the matrix: the route, per role the status for own and for other objects, and the status without
   * credentials (401 unless the row says otherwise). Also read by OpenApiTest, which checks the roles it documents.
   */
  public record Row(String route, Map<String, int[]> cells, int withoutCredentials) {}

  public static List<Row> matrix() throws IOException {
    List<Row> rows = new ArrayList<>();
    Pattern row = Pattern.compile("^\\| `([A-Z]+ /api/[^`]+)`(?: \\(without credentials: (\\d{3})\\))? \\|(.+)\\|\\s*$");
    for (String line : Files.readAllLines(DOC)) {
      Matcher m = row.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String[] cells = m.group(3).split("\\|");
      assertThat(cells).as("a cell per role in: " + line).hasSize(ROLES.size());
      Map<String, int[]> byRole = new LinkedHashMap<>();
      for (int i = 0; i < cells.length; i++) {
        String[] parts = cells[i].trim().split("\\s*/\\s*");
        int ownStatus = Integer.parseInt(parts[0]);
        byRole.put(ROLES.get(i), new int[] {ownStatus, parts.length > 1 ? Integer.parseInt(parts[1]) : ownStatus});
      }
      rows.add(new Row(m.group(1), byRole, m.group(2) == null ? 401 : Integer.parseInt(m.group(2))));
    }
    return rows;
  }

  @TestFactory
  Stream<DynamicTest> everyCellOfTheMatrix() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Row r : matrix()) {
      Fixture f = FIXTURES.get(r.route());
      assertThat(f).as("a fixture for " + r.route()).isNotNull();
      tests.add(DynamicTest.dynamicTest(r.route() + " without credentials → " + r.withoutCredentials(), () ->
          assertThat(f.call(new Caller("none", null, "SY-OPP"), true).status()).isEqualTo(r.withoutCredentials())));
      for (String role : ROLES) {
        int[] expected = r.cells().get(role);
        Caller c = new Caller(role, TOKENS.get(role), PARTY.get(role));
        tests.add(DynamicTest.dynamicTest(r.route() + " × " + role + " × own → " + expected[0], () -> {
          Answer a = f.call(c, true);
          assertThat(a.status()).as(a.body()).isEqualTo(expected[0]);
        }));
        tests.add(DynamicTest.dynamicTest(r.route() + " × " + role + " × other → " + expected[1], () -> {
          Answer a = f.call(c, false);
          assertThat(a.status()).as(a.body()).isEqualTo(expected[1]);
        }));
      }
    }
    return tests.stream();
  }

  /** Every /api route the server registers is in the matrix, and every route in the matrix exists. */
  @Test
  void theMatrixCoversEveryRoute() throws IOException {
    Set<String> registered = new TreeSet<>();
    server.server.routes().stream().filter(r -> r.path().startsWith("/api/")).forEach(r -> registered.add(r.toString()));
    Set<String> documented = new TreeSet<>();
    matrix().forEach(r -> documented.add(r.route()));
    assertThat(documented).isEqualTo(registered);
    assertThat(FIXTURES.keySet()).containsExactlyInAnyOrderElementsOf(documented);
  }

  // ---------------------------------------------------------------- data

  private static Answer get(String path, String token) {
    return server.request("GET", path, null, token);
  }

  static ObjectNode report(String source, String perpetrator) {
    return report(source, perpetrator, DAY.incrementAndGet());
  }

  /** A report of an event on day d (every event on its own day, so that events never link to each other). */
  static ObjectNode report(String source, String perpetrator, int d) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", UUID.randomUUID().toString());
    r.putObject("source").put("type", "party_complaint").put("party", source).put("reference", source + "-" + d);
    r.put("occurredAt", java.time.LocalDate.of(2024, 1, 1).plusDays(3L * d) + "T10:00:00Z");
    r.putObject("location").put("lat", 35.864).put("lon", 36.806);
    r.put("type", "shelling");
    r.put("allegedPerpetrator", perpetrator);
    return r;
  }

  /** Stores a report as the admin; returns its incident. */
  private static UUID post(ObjectNode report) {
    Answer a = server.request("POST", "/api/v1/reports", report.toString(), TestServer.ADMIN_TOKEN);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return UUID.fromString(a.json().get("incidentId").asText());
  }

  private static UUID incident(String source, String perpetrator) {
    return post(report(source, perpetrator));
  }

  private static synchronized UUID shared() {
    if (shared == null) {
      shared = incident("SY-OPP", "SY-GOV");
    }
    return shared;
  }

  private static synchronized String reportOf(String party) {
    return REPORT_OF_PARTY.computeIfAbsent(party, p -> {
      ObjectNode r = report(p, "SY-GOV");
      post(r);
      return r.get("id").asText();
    });
  }

  private static synchronized UUID blaming(String party) {
    return INCIDENT_BLAMING.computeIfAbsent(party, p -> incident("UN", p));
  }
}
