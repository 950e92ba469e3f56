package org.truce.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.truce.access.Role;
import org.truce.http.Json;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/** Report intake over HTTP against the real server: answers, idempotency, validation, free text, access and batches. */
@Tag("db")
class ReportApiTest {

  private static final String REPORTS = "/api/v1/reports";
  private static final String BATCH = "/api/v1/reports/batch";
  private static final String JSON = "application/json";
  private static final String PROBLEM = "application/problem+json";

  // Saraqib (Idlib zone), Daraa (south zone), Aleppo (outside every zone), Paris (outside the area of operation)
  private static final double SARAQIB_LAT = 35.864;
  private static final double SARAQIB_LON = 36.806;
  private static final double DARAA_LAT = 32.62;
  private static final double DARAA_LON = 36.10;
  private static final double ALEPPO_LAT = 36.20;
  private static final double ALEPPO_LON = 37.15;

  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  // ---------------------------------------------------------------- building reports

  /** A valid report at Saraqib at that time; every test uses its own time so that tests never link to each other. */
  static ObjectNode report(String occurredAt) {
    return report(occurredAt, SARAQIB_LAT, SARAQIB_LON);
  }

  static ObjectNode report(String occurredAt, double lat, double lon) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", UUID.randomUUID().toString());
    ObjectNode source = r.putObject("source");
    source.put("type", "party_complaint");
    source.put("party", "SY-OPP");
    source.put("reference", "OPP-2026-0001");
    r.put("occurredAt", occurredAt);
    ObjectNode loc = r.putObject("location");
    loc.put("lat", lat);
    loc.put("lon", lon);
    r.put("type", "shelling");
    r.put("allegedPerpetrator", "SY-GOV");
    r.putArray("weapons").add("artillery");
    ObjectNode cas = r.putObject("casualties");
    cas.put("civiliansKilled", 2);
    cas.put("civiliansInjured", 5);
    r.put("description", "Artillery shells fell on the eastern quarter.");
    r.put("language", "en");
    return r;
  }

  static ObjectNode with(ObjectNode r, Consumer<ObjectNode> change) {
    change.accept(r);
    return r;
  }

  static ObjectNode obj(ObjectNode r, String field) {
    return (ObjectNode) r.get(field);
  }

  static Answer submit(JsonNode r) {
    return server.post(REPORTS, r.toString());
  }

  static Answer submit(JsonNode r, String token) {
    return server.post(REPORTS, bytes(r.toString()), JSON, token);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String id(JsonNode r) {
    return r.get("id").asText();
  }

  static JsonNode created(JsonNode r) {
    Answer a = submit(r);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json();
  }

  // ---------------------------------------------------------------- checking answers

  static List<String> fields(JsonNode problem) {
    List<String> out = new ArrayList<>();
    problem.get("errors").forEach(e -> out.add(e.get("field").asText()));
    return out;
  }

  static String messageOf(JsonNode problem, String field) {
    for (JsonNode e : problem.get("errors")) {
      if (e.get("field").asText().equals(field)) {
        return e.get("message").asText();
      }
    }
    throw new AssertionError("no error for field " + field + " in " + problem);
  }

  /** A problem document with that status whose errors name exactly these fields (each at least once). */
  static JsonNode assertProblem(Answer a, int status, String... fields) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.contentType()).startsWith(PROBLEM);
    JsonNode p = a.json();
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).isNotBlank();
    assertThat(p.get("errors").isArray()).as("errors is an array").isTrue();
    if (fields.length > 0) {
      assertThat(fields(p)).as(a.body()).containsOnly(fields).contains(fields);
      p.get("errors").forEach(e -> assertThat(e.get("message").asText()).as("message of " + e).isNotBlank());
    }
    return p;
  }

  /**
   * Posts a body over the size limit. The server answers 413 before reading the body and then closes the
   * connection with the body unread, so now and then (a few percent on loopback) the client sees the connection
   * reset instead of the answer; retrying keeps the test about the answer, not about that race.
   */
  static Answer postOversized(String path, byte[] body, String contentType) {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        return server.post(path, body, contentType, TestServer.ADMIN_TOKEN);
      } catch (IllegalStateException e) {
        last = e;
      }
    }
    throw last;
  }

  static void assertNotStored(String reportId) {
    Answer a = server.get(REPORTS + "/" + reportId);
    assertThat(a.status()).as("GET of refused report " + reportId + ": " + a.body()).isEqualTo(404);
  }

  // ---------------------------------------------------------------- answers for good reports

  @Test
  void newReportOpensIncidentInItsZone() {
    JsonNode r = report("2026-11-01T10:00:00+03:00");
    JsonNode a = created(r);
    assertThat(a.get("id").asText()).isEqualTo(id(r));
    assertThat(a.get("incidentId").asText()).isNotBlank();
    assertThat(a.get("zone").asText()).isEqualTo("idlib");
    assertThat(a.get("link").asText()).isEqualTo("new");
  }

  @Test
  void closeReportFromAnotherSourceJoinsTheSameIncident() {
    JsonNode first = created(report("2026-11-02T10:00:00+03:00"));
    // 20 minutes later, about 1 km north-east, a UN monitor's account of the same shelling
    ObjectNode second = with(report("2026-11-02T10:20:00+03:00", SARAQIB_LAT + 0.006, SARAQIB_LON + 0.007), r -> {
      obj(r, "source").put("type", "monitor_observation").put("party", "UN").put("reference", "UNMO-77");
      r.put("description", "Observers heard impacts near the market.");
    });
    JsonNode a = created(second);
    assertThat(a.get("incidentId").asText()).isEqualTo(first.get("incidentId").asText());
    assertThat(a.get("link").asText()).isIn("existing", "review");
    assertThat(a.get("zone").asText()).isEqualTo("idlib");

    JsonNode incident = server.get("/api/v1/incidents/" + first.get("incidentId").asText()).json();
    assertThat(incident.get("reportCount").asInt()).isEqualTo(2);
  }

  @Test
  void reportOnAnotherDayOrFarAwayOpensAnotherIncident() {
    JsonNode first = created(report("2026-11-03T10:00:00+03:00"));
    JsonNode nextDay = created(report("2026-11-04T10:00:00+03:00"));
    JsonNode farAway = created(report("2026-11-03T10:00:00+03:00", DARAA_LAT, DARAA_LON));

    assertThat(nextDay.get("link").asText()).isEqualTo("new");
    assertThat(farAway.get("link").asText()).isEqualTo("new");
    assertThat(farAway.get("zone").asText()).isEqualTo("south");
    assertThat(List.of(first.get("incidentId").asText(), nextDay.get("incidentId").asText(),
        farAway.get("incidentId").asText())).doesNotHaveDuplicates();
  }

  @Test
  void pointOutsideEveryZoneNamesTheNearestZoneAndItsDistance() {
    JsonNode a = created(report("2026-11-05T10:00:00+03:00", ALEPPO_LAT, ALEPPO_LON));
    assertThat(a.get("zone").isNull()).as(a.toString()).isTrue();
    assertThat(a.get("nearestZone").asText()).isIn("idlib", "northern-homs", "eastern-ghouta", "south");
    assertThat(a.get("nearestZoneDistanceKm").asDouble()).isGreaterThan(0);
  }

  // ---------------------------------------------------------------- idempotency

  @Test
  void resubmittingSameIdIsIdempotent() {
    ObjectNode r = report("2026-11-06T10:00:00+03:00");
    JsonNode first = created(r);
    int before = server.count("reports");

    Answer again = submit(r);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().get("id").asText()).isEqualTo(id(r));
    assertThat(again.json().get("incidentId").asText()).isEqualTo(first.get("incidentId").asText());
    assertThat(again.json().get("link").asText()).isEqualTo(first.get("link").asText());
    assertThat(server.count("reports")).isEqualTo(before);
  }

  @Test
  void resubmittingSameContentWithKeysInAnotherOrderIsIdempotent() {
    ObjectNode r = report("2026-11-06T11:00:00+03:00");
    JsonNode first = created(r);
    int before = server.count("reports");

    // the same members, written in reverse order at every level
    ObjectNode reordered = reversed(r);
    assertThat(reordered.toString()).isNotEqualTo(r.toString());
    Answer again = submit(reordered);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().get("incidentId").asText()).isEqualTo(first.get("incidentId").asText());
    assertThat(server.count("reports")).isEqualTo(before);
  }

  private static ObjectNode reversed(ObjectNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    ObjectNode out = Json.MAPPER.createObjectNode();
    for (int i = names.size() - 1; i >= 0; i--) {
      JsonNode v = n.get(names.get(i));
      out.set(names.get(i), v.isObject() ? reversed((ObjectNode) v) : v);
    }
    return out;
  }

  @Test
  void sameIdWithOtherContentIsAConflict() {
    ObjectNode r = report("2026-11-06T12:00:00+03:00");
    created(r);
    int before = server.count("reports");

    Answer a = submit(with(r.deepCopy(), x -> obj(x, "casualties").put("civiliansKilled", 3)));
    assertProblem(a, 409, "id");
    assertThat(server.count("reports")).isEqualTo(before);
    // the stored report kept its first content
    assertThat(server.get(REPORTS + "/" + id(r)).json().at("/casualties/civiliansKilled").asInt()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- place names

  @Test
  void placeNameAloneResolvesToTheGazetteerCoordinates() {
    for (String name : List.of("Saraqib", "سراقب")) {
      ObjectNode r = report("2026-11-07T10:00:00+03:00");
      ObjectNode loc = r.putObject("location");
      loc.put("placeName", name);
      JsonNode a = created(r);
      assertThat(a.get("zone").asText()).isEqualTo("idlib");

      JsonNode stored = server.get(REPORTS + "/" + id(r)).json();
      assertThat(stored.at("/location/lat").asDouble()).as(name).isCloseTo(SARAQIB_LAT, within(0.02));
      assertThat(stored.at("/location/lon").asDouble()).as(name).isCloseTo(SARAQIB_LON, within(0.02));
      assertThat(stored.at("/location/placeName").asText()).isEqualTo(name);
    }
  }

  @Test
  void unknownPlaceNameIsRefusedWithTheClosestKnownNames() {
    ObjectNode r = report("2026-11-07T11:00:00+03:00");
    r.putObject("location").put("placeName", "Saraqibb");
    int before = server.count("reports");

    JsonNode p = assertProblem(submit(r), 422, "location.placeName");
    String message = messageOf(p, "location.placeName");
    assertThat(message).contains("Saraqibb").contains("closest known names");
    String names = message.substring(message.indexOf("closest known names") + "closest known names".length());
    assertThat(names.split(",")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(names).containsPattern("Sar[aā]q");
    assertThat(server.count("reports")).isEqualTo(before);
    assertNotStored(id(r));
  }

  // ---------------------------------------------------------------- bad input

  /** One bad request: what is sent, and the status and fields the answer must name. */
  record Bad(String name, UUID id, byte[] body, String contentType, int status, List<String> fields) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String BAD_TIME = "2026-10-15T09:00:00+03:00";

  static Bad bad(String name, int status, Consumer<ObjectNode> change, String... fields) {
    ObjectNode r = with(report(BAD_TIME), change);
    UUID id;
    try {
      id = UUID.fromString(r.path("id").asText());
    } catch (IllegalArgumentException e) {
      id = null; // the case is about the id itself
    }
    return new Bad(name, id, bytes(r.toString()), JSON, status, List.of(fields));
  }

  /** A raw body: the valid report's JSON with text replaced, for what cannot be built as a tree. */
  static Bad raw(String name, int status, String target, String replacement, String... fields) {
    ObjectNode r = report(BAD_TIME);
    String json = r.toString();
    assertThat(json).contains(target);
    return new Bad(name, UUID.fromString(id(r)), bytes(json.replace(target, replacement)), JSON, status, List.of(fields));
  }

  static Stream<Bad> badReports() {
    String future = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    List<Bad> cases = new ArrayList<>();

    // malformed bodies: 400
    cases.add(raw("malformed JSON", 400, "\"type\":\"shelling\",", "\"type\":\"shelling\",,", "body"));
    ObjectNode r = report(BAD_TIME);
    byte[] json = bytes(r.toString());
    cases.add(new Bad("truncated JSON", UUID.fromString(id(r)), java.util.Arrays.copyOf(json, json.length - 3), JSON, 400,
        List.of("body")));
    ObjectNode latin1 = report(BAD_TIME);
    latin1.put("description", "Café bombardé");
    cases.add(new Bad("non-UTF-8 bytes (ISO-8859-1)", UUID.fromString(id(latin1)),
        latin1.toString().getBytes(StandardCharsets.ISO_8859_1), JSON, 400, List.of("body")));
    cases.add(new Bad("empty body", null, new byte[0], JSON, 400, List.of("body")));
    cases.add(raw("NaN literal", 400, "\"lat\":" + SARAQIB_LAT, "\"lat\":NaN", "body"));
    cases.add(raw("Infinity literal", 400, "\"lon\":" + SARAQIB_LON, "\"lon\":-Infinity", "body"));
    cases.add(raw("duplicate keys", 400, "\"type\":\"shelling\"", "\"type\":\"shelling\",\"type\":\"air_strike\"", "body"));
    cases.add(raw("JSON nested 100 levels deep", 400, "\"language\":\"en\"",
        "\"language\":\"en\",\"colour\":" + "[".repeat(100) + "]".repeat(100), "body"));
    cases.add(raw("trailing garbage after the object", 400, "\"language\":\"en\"}", "\"language\":\"en\"} {}", "body"));

    // wrong types: 422
    cases.add(bad("lat as string", 422, x -> obj(x, "location").put("lat", "35.864"), "location.lat"));
    cases.add(bad("lon as boolean", 422, x -> obj(x, "location").put("lon", true), "location.lon"));
    cases.add(bad("casualties as string", 422, x -> x.put("casualties", "many"), "casualties"));
    cases.add(bad("casualty count as string", 422, x -> obj(x, "casualties").put("civiliansKilled", "3"),
        "casualties.civiliansKilled"));
    cases.add(bad("weapons as object", 422, x -> x.putObject("weapons").put("artillery", 1), "weapons"));
    cases.add(bad("weapon as number", 422, x -> x.putArray("weapons").add(12), "weapons[0]"));
    cases.add(bad("source as string", 422, x -> x.put("source", "SY-OPP"), "source"));
    cases.add(bad("type as number", 422, x -> x.put("type", 7), "type"));
    cases.add(bad("description as array", 422, x -> x.putArray("description").add("text"), "description"));
    cases.add(bad("id not a UUID", 422, x -> x.put("id", "report-1"), "id"));

    // missing required fields: 422
    cases.add(bad("missing source", 422, x -> x.remove("source"), "source"));
    cases.add(bad("missing source.type", 422, x -> obj(x, "source").remove("type"), "source.type"));
    cases.add(bad("missing source.party", 422, x -> obj(x, "source").remove("party"), "source.party"));
    cases.add(bad("missing occurredAt", 422, x -> x.remove("occurredAt"), "occurredAt"));
    cases.add(bad("missing location", 422, x -> x.remove("location"), "location"));
    cases.add(bad("empty location", 422, x -> x.putObject("location"), "location"));
    cases.add(bad("lat without lon", 422, x -> obj(x, "location").remove("lon"), "location.lon"));
    cases.add(bad("missing type", 422, x -> x.remove("type"), "type"));
    cases.add(bad("null type", 422, x -> x.putNull("type"), "type"));
    cases.add(bad("every required field missing", 422, x -> {
      x.retain("id");
      x.putObject("source");
    }, "source.type", "source.party", "occurredAt", "location", "type"));
    cases.add(bad("nothing but an id", 422, x -> x.retain("id"), "source", "occurredAt", "location", "type"));

    // out of range: 422
    cases.add(bad("lat 123", 422, x -> obj(x, "location").put("lat", 123), "location.lat"));
    cases.add(bad("lon -200", 422, x -> obj(x, "location").put("lon", -200), "location.lon"));
    cases.add(raw("lat 1e400", 422, "\"lat\":" + SARAQIB_LAT, "\"lat\":1e400", "location.lat"));
    cases.add(bad("point in Paris, outside the area of operation", 422,
        x -> obj(x, "location").put("lat", 48.85).put("lon", 2.35), "location"));
    cases.add(bad("lat and lon swapped", 422,
        x -> obj(x, "location").put("lat", SARAQIB_LON).put("lon", SARAQIB_LAT), "location"));
    cases.add(bad("precisionKm 0", 422, x -> obj(x, "location").put("precisionKm", 0), "location.precisionKm"));

    // unknown codes: 422
    cases.add(bad("unknown type", 422, x -> x.put("type", "bombardment"), "type"));
    cases.add(bad("unknown source type", 422, x -> obj(x, "source").put("type", "rumour"), "source.type"));
    cases.add(bad("unknown alleged perpetrator", 422, x -> x.put("allegedPerpetrator", "NATO"), "allegedPerpetrator"));
    cases.add(bad("unknown source party", 422, x -> obj(x, "source").put("party", "NATO"), "source.party"));
    cases.add(bad("source party 'unknown'", 422, x -> obj(x, "source").put("party", "unknown"), "source.party"));
    cases.add(bad("unknown time precision", 422, x -> x.put("timePrecision", "week"), "timePrecision"));

    // times: 422
    cases.add(bad("occurredUntil before occurredAt", 422, x -> x.put("occurredUntil", "2026-10-15T08:00:00+03:00"),
        "occurredUntil"));
    cases.add(bad("occurredAt in the future", 422, x -> x.put("occurredAt", future), "occurredAt"));
    cases.add(bad("occurredAt before 2011", 422, x -> x.put("occurredAt", "2010-12-31T23:59:00Z"), "occurredAt"));
    cases.add(bad("time without offset", 422, x -> x.put("occurredAt", "2026-10-15T09:00:00"), "occurredAt"));
    cases.add(bad("date without time", 422, x -> x.put("occurredAt", "2026-10-15"), "occurredAt"));
    cases.add(bad("window over 7 days", 422, x -> x.put("occurredUntil", "2026-10-23T09:00:00+03:00"), "occurredUntil"));

    // casualties: 422
    cases.add(bad("negative casualties", 422, x -> obj(x, "casualties").put("civiliansKilled", -1),
        "casualties.civiliansKilled"));
    cases.add(bad("absurd casualties", 422, x -> obj(x, "casualties").put("civiliansInjured", 1_000_000),
        "casualties.civiliansInjured"));
    cases.add(bad("fractional casualties", 422, x -> obj(x, "casualties").put("combatantsKilled", 1.5),
        "casualties.combatantsKilled"));
    cases.add(bad("unknown casualty kind", 422, x -> obj(x, "casualties").put("animalsKilled", 1),
        "casualties.animalsKilled"));

    // text: 422
    cases.add(bad("description over 20000 characters", 422, x -> x.put("description", "x".repeat(20_001)), "description"));
    cases.add(bad("NUL character in description", 422, x -> x.put("description", "before\u0000after"), "description"));
    // a lone surrogate can only arrive as a JSON escape (as raw bytes it would not be UTF-8)
    cases.add(raw("unpaired surrogate in description", 422, "Artillery shells", "broken \\uD83D shells", "description"));
    cases.add(bad("source reference over 200 characters", 422, x -> obj(x, "source").put("reference", "r".repeat(201)),
        "source.reference"));
    cases.add(bad("language not a language tag", 422, x -> x.put("language", "Arabic language"), "language"));
    cases.add(bad("unknown field", 422, x -> x.put("colour", "red"), "colour"));
    cases.add(bad("unknown nested field", 422, x -> obj(x, "location").put("altitude", 300), "location.altitude"));

    // several faults at once: one answer names them all
    cases.add(bad("three faults at once", 422, x -> {
      obj(x, "location").put("lat", 123);
      x.put("type", "bombardment");
      obj(x, "casualties").put("civiliansKilled", -4);
    }, "location.lat", "type", "casualties.civiliansKilled"));

    // size and media type
    cases.add(bad("body over 64 KiB", 413, x -> x.put("description", "x".repeat(70_000))));
    ObjectNode plain = report(BAD_TIME);
    cases.add(new Bad("Content-Type text/plain", UUID.fromString(id(plain)), bytes(plain.toString()), "text/plain", 415,
        List.of()));
    ObjectNode latinCharset = report(BAD_TIME);
    cases.add(new Bad("charset other than UTF-8", UUID.fromString(id(latinCharset)), bytes(latinCharset.toString()),
        "application/json; charset=ISO-8859-1", 415, List.of()));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badReports")
  void badReportIsRefusedAndNothingIsStored(Bad c) {
    int before = server.count("reports");
    Answer a = c.status() == 413 ? postOversized(REPORTS, c.body(), c.contentType())
        : server.post(REPORTS, c.body(), c.contentType(), TestServer.ADMIN_TOKEN);
    assertProblem(a, c.status(), c.fields().toArray(String[]::new));
    assertThat(server.count("reports")).as("reports stored").isEqualTo(before);
    if (c.id() != null) {
      assertNotStored(c.id().toString());
    }
  }

  @Test
  void nonObjectBodyIsRefusedAsInvalid() {
    int before = server.count("reports");
    for (String body : List.of("[" + report(BAD_TIME) + "]", "\"a report\"", "42", "null")) {
      Answer a = server.post(REPORTS, bytes(body), JSON, TestServer.ADMIN_TOKEN);
      JsonNode p = assertProblem(a, 422);
      assertThat(p.get("errors")).as(body).hasSize(1);
      // the whole body is at fault; it is named by the empty JSON pointer (or "body")
      assertThat(p.at("/errors/0/field").asText()).isIn("", "body");
      assertThat(p.at("/errors/0/message").asText()).contains("object");
    }
    assertThat(server.count("reports")).isEqualTo(before);
  }

  @Test
  void unknownTypeListsTheAllowedTypes() {
    JsonNode p = assertProblem(submit(with(report(BAD_TIME), x -> x.put("type", "bombardment"))), 422, "type");
    assertThat(messageOf(p, "type")).contains("bombardment").contains("shelling", "air_strike", "drone_strike");
  }

  @Test
  void unknownPartyListsTheAllowedParties() {
    JsonNode p = assertProblem(submit(with(report(BAD_TIME), x -> {
      x.put("allegedPerpetrator", "NATO");
      obj(x, "source").put("party", "XX");
    })), 422, "allegedPerpetrator", "source.party");
    assertThat(messageOf(p, "allegedPerpetrator")).contains("NATO").contains("SY-GOV", "SY-OPP", "RU", "TR", "IR");
    assertThat(messageOf(p, "source.party")).contains("XX").contains("SY-GOV", "UN").doesNotContain("unknown,");
  }

  @Test
  void refusalsSayWhatIsAllowed() {
    JsonNode lat = assertProblem(submit(with(report(BAD_TIME), x -> obj(x, "location").put("lat", 123))), 422,
        "location.lat");
    assertThat(messageOf(lat, "location.lat")).contains("-90").contains("90");
    JsonNode cas = assertProblem(submit(with(report(BAD_TIME), x -> obj(x, "casualties").put("civiliansKilled", 1_000_000))),
        422, "casualties.civiliansKilled");
    assertThat(messageOf(cas, "casualties.civiliansKilled")).contains("10000");
    JsonNode time = assertProblem(submit(with(report(BAD_TIME), x -> x.put("occurredAt", "20/11/2026 14:30"))), 422,
        "occurredAt");
    assertThat(messageOf(time, "occurredAt")).contains("offset");
    JsonNode unknown = assertProblem(submit(with(report(BAD_TIME), x -> x.put("colour", "red"))), 422, "colour");
    assertThat(messageOf(unknown, "colour")).contains("occurredAt", "location", "description");
  }

  @Test
  void tooLargeAndWrongMediaTypeSayWhatIsAccepted() {
    ObjectNode big = with(report(BAD_TIME), x -> x.put("description", "x".repeat(70_000)));
    JsonNode p413 = assertProblem(postOversized(REPORTS, bytes(big.toString()), JSON), 413);
    assertThat(p413.get("detail").asText()).contains(Integer.toString(64 * 1024));

    JsonNode p415 = assertProblem(server.post(REPORTS, bytes(report(BAD_TIME).toString()), "text/plain", TestServer.ADMIN_TOKEN),
        415);
    assertThat(p415.get("detail").asText()).contains("application/json");
  }

  // ---------------------------------------------------------------- free text

  @Test
  void freeTextIsStoredVerbatimAndNeverInterpreted() {
    String description = "'); DROP TABLE reports; --\n<script>alert(1)</script>\n=HYPERLINK(\"x\")\n"
        + "\uD83D\uDCA5\uD83D\uDE91 \uD83C\uDDF8\uD83C\uDDFE\n"           // emoji, including a flag (two regional indicators)
        + "قصف مدفعي على السوق الشرقي في سراقب\n"                         // Arabic
        + "گلوله‌باران بازار شرقی سراقب\n"                                 // Persian, with a zero-width non-joiner
        + "\"quoted\" \\backslash\\ 100% _under_score_ \t tab \r\n crlf ${jndi:ldap://x} {{7*7}} %s %n";
    String reference = "REF'; SELECT * FROM users; -- <b>bold</b>";
    String placeName = "<img src=x onerror=alert(1)> سراقب";
    String weapon = "=cmd|' /C calc'!A0";
    ObjectNode r = with(report("2026-11-08T10:00:00+03:00"), x -> {
      x.put("description", description);
      obj(x, "source").put("reference", reference);
      obj(x, "location").put("placeName", placeName);
      x.putArray("weapons").add(weapon).add("120mm mortar");
      x.put("language", "ar");
    });
    created(r);

    Answer got = server.get(REPORTS + "/" + id(r));
    assertThat(got.status()).isEqualTo(200);
    JsonNode stored = got.json();
    assertThat(stored.get("description").asText()).isEqualTo(description);
    assertThat(bytes(stored.get("description").asText())).isEqualTo(bytes(description));
    assertThat(stored.at("/source/reference").asText()).isEqualTo(reference);
    assertThat(stored.at("/location/placeName").asText()).isEqualTo(placeName);
    assertThat(stored.get("weapons").get(0).asText()).isEqualTo(weapon);
    // the table the SQL tried to drop is still there and still counts
    assertThat(server.count("reports")).isPositive();
    // the answer is JSON, not HTML
    assertThat(got.contentType()).startsWith(JSON);
  }

  @Test
  void descriptionAtItsLimitIsStored() {
    String description = "ق".repeat(20_000);
    ObjectNode r = with(report("2026-11-08T11:00:00+03:00"), x -> x.put("description", description));
    created(r);
    assertThat(server.get(REPORTS + "/" + id(r)).json().get("description").asText()).isEqualTo(description);
  }

  @Test
  void longestAllowedWeaponsListIsStored() {
    // 20 weapons of 200 characters each: both at their documented limit
    ObjectNode r = with(report("2026-11-08T12:00:00+03:00"), x -> {
      ArrayNode w = x.putArray("weapons");
      for (int i = 0; i < 20; i++) {
        w.add(String.format("%02d", i) + "\"".repeat(198));
      }
    });
    Answer a = submit(r);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(server.get(REPORTS + "/" + id(r)).json().get("weapons")).hasSize(20);
  }

  @Test
  void shortTextAtItsLimitInAstralCharactersIsStored() {
    // limits count characters (code points); an emoji is one character but two UTF-16 code units
    String reference = "\uD83D\uDD4A".repeat(200);
    ObjectNode r = with(report("2026-11-08T13:00:00+03:00"), x -> obj(x, "source").put("reference", reference));
    Answer a = submit(r);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(server.get(REPORTS + "/" + id(r)).json().at("/source/reference").asText()).isEqualTo(reference);
  }

  @Test
  void longDescriptionInAstralCharactersIsStored() {
    // 15000 characters (under the 20000 limit) that are 30000 UTF-16 code units, in under 64 KiB of UTF-8
    String description = "\uD83D\uDD4A".repeat(15_000);
    ObjectNode r = with(report("2026-11-08T14:00:00+03:00"), x -> x.put("description", description));
    Answer a = submit(r);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(server.get(REPORTS + "/" + id(r)).json().get("description").asText()).isEqualTo(description);
  }

  @Test
  void hugeExponentIsRefusedQuickly() {
    ObjectNode r = report(BAD_TIME);
    String json = r.toString().replace("\"civiliansKilled\":2", "\"civiliansKilled\":1e999999999");
    long start = System.nanoTime();
    Answer a = server.post(REPORTS, json);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertProblem(a, 422, "casualties.civiliansKilled");
    // expanding the number would take minutes and gigabytes; refusing it takes milliseconds
    assertThat(millis).as("answered in ms").isLessThan(10_000);
  }

  // ---------------------------------------------------------------- access

  @Test
  void requestWithoutTokenIsUnauthorized() {
    ObjectNode r = report("2026-11-09T10:00:00+03:00");
    assertProblem(server.post(REPORTS, bytes(r.toString()), JSON, null), 401);
    assertProblem(server.get(REPORTS + "/" + id(r), null, null), 401);
    assertNotStored(id(r));
  }

  @Test
  void requestWithBadTokenIsUnauthorized() {
    ObjectNode r = report("2026-11-09T10:00:00+03:00");
    assertProblem(server.post(REPORTS, bytes(r.toString()), JSON, "not-a-token"), 401);
    assertProblem(server.post(REPORTS, bytes(r.toString()), JSON, TestServer.ADMIN_TOKEN + "x"), 401);
    assertNotStored(id(r));
  }

  @Test
  void observerMayNotSubmitReports() {
    String observer = server.token("obs", "UN", Role.OBSERVER);
    ObjectNode r = with(report("2026-11-09T10:00:00+03:00"), x -> obj(x, "source").put("party", "UN"));
    assertProblem(submit(r, observer), 403);
    assertNotStored(id(r));
    // but may read
    assertThat(server.get("/api/v1/incidents", observer, null).status()).isEqualTo(200);
  }

  @Test
  void reporterMaySubmitOnlyForItsOwnParty() {
    String gov = server.token("gov-reporter", "SY-GOV", Role.REPORTER);
    ObjectNode opp = with(report("2026-11-09T11:00:00+03:00"), x -> {
      obj(x, "source").put("party", "SY-OPP");
      x.put("allegedPerpetrator", "SY-GOV");
    });
    assertProblem(submit(opp, gov), 403, "source.party");
    assertNotStored(id(opp));

    ObjectNode own = with(report("2026-11-09T11:00:00+03:00"), x -> {
      obj(x, "source").put("party", "SY-GOV");
      x.put("allegedPerpetrator", "SY-OPP");
    });
    Answer a = submit(own, gov);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(server.get(REPORTS + "/" + id(own)).json().at("/source/party").asText()).isEqualTo("SY-GOV");
  }

  // ---------------------------------------------------------------- batches

  @Test
  void batchAnswersEachItemAndStoresOnlyTheValidOnes() {
    ObjectNode a = report("2026-11-10T10:00:00+03:00");
    ObjectNode b = with(report("2026-11-10T10:00:00+03:00"), x -> obj(x, "location").put("lat", 123));
    ObjectNode c = report("2026-11-10T10:00:00+03:00", DARAA_LAT, DARAA_LON);
    ArrayNode batch = Json.MAPPER.createArrayNode().add(a).add(b).add(c);
    int before = server.count("reports");

    Answer ans = server.post(BATCH, batch.toString());
    assertThat(ans.status()).as(ans.body()).isEqualTo(200);
    JsonNode body = ans.json();
    assertThat(body.get("received").asInt()).isEqualTo(3);
    assertThat(body.get("created").asInt()).isEqualTo(2);
    assertThat(body.get("rejected").asInt()).isEqualTo(1);
    JsonNode results = body.get("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
    assertThat(results.get(0).get("id").asText()).isEqualTo(id(a));
    assertThat(results.get(0).get("zone").asText()).isEqualTo("idlib");
    assertThat(results.get(1).get("status").asInt()).isEqualTo(422);
    assertThat(results.get(1).get("index").asInt()).isEqualTo(1);
    assertThat(fields(results.get(1))).containsExactly("location.lat");
    assertThat(results.get(2).get("status").asInt()).isEqualTo(201);
    assertThat(results.get(2).get("zone").asText()).isEqualTo("south");

    assertThat(server.count("reports")).isEqualTo(before + 2);
    assertThat(server.get(REPORTS + "/" + id(a)).status()).isEqualTo(200);
    assertNotStored(id(b));
    assertThat(server.get(REPORTS + "/" + id(c)).status()).isEqualTo(200);

    // sending the same batch again stores nothing new
    JsonNode again = server.post(BATCH, batch.toString()).json();
    assertThat(again.get("created").asInt()).isZero();
    assertThat(again.get("existing").asInt()).isEqualTo(2);
    assertThat(again.at("/results/0/status").asInt()).isEqualTo(200);
    assertThat(again.at("/results/0/incidentId").asText()).isEqualTo(results.get(0).get("incidentId").asText());
    assertThat(server.count("reports")).isEqualTo(before + 2);
  }

  @Test
  void ndjsonBatchAnswersMalformedLinesWith400() {
    ObjectNode a = report("2026-11-11T10:00:00+03:00");
    ObjectNode c = report("2026-11-11T10:00:00+03:00", DARAA_LAT, DARAA_LON);
    ObjectNode broken = report("2026-11-11T10:00:00+03:00", ALEPPO_LAT, ALEPPO_LON);
    String brokenLine = broken.toString().substring(0, 40);
    String ndjson = a + "\n" + brokenLine + "\n" + c + "\n";
    int before = server.count("reports");

    Answer ans = server.post(BATCH, bytes(ndjson), "application/x-ndjson", TestServer.ADMIN_TOKEN);
    assertThat(ans.status()).as(ans.body()).isEqualTo(200);
    JsonNode body = ans.json();
    assertThat(body.get("received").asInt()).isEqualTo(3);
    assertThat(body.get("created").asInt()).isEqualTo(2);
    assertThat(body.get("rejected").asInt()).isEqualTo(1);
    assertThat(body.at("/results/0/status").asInt()).isEqualTo(201);
    assertThat(body.at("/results/1/status").asInt()).isEqualTo(400);
    assertThat(fields(body.at("/results/1"))).containsExactly("line 2");
    assertThat(body.at("/results/2/status").asInt()).isEqualTo(201);
    assertThat(server.count("reports")).isEqualTo(before + 2);
    assertNotStored(id(broken));
  }

  @Test
  void batchOfNonArrayJsonIsRefused() {
    int before = server.count("reports");
    assertProblem(server.post(BATCH, report("2026-11-11T11:00:00+03:00").toString()), 422, "body");
    assertThat(server.count("reports")).isEqualTo(before);
  }

  @Test
  void batchOverTenThousandItemsIsTooLarge() {
    int before = server.count("reports");
    String items = String.join(",", java.util.Collections.nCopies(10_001, "{}"));
    JsonNode p = assertProblem(server.post(BATCH, "[" + items + "]"), 413);
    assertThat(p.get("detail").asText()).contains("10000");

    ByteArrayOutputStream nd = new ByteArrayOutputStream();
    for (int i = 0; i < 10_001; i++) {
      nd.writeBytes(bytes("{}\n"));
    }
    assertProblem(server.post(BATCH, nd.toByteArray(), "application/x-ndjson", TestServer.ADMIN_TOKEN), 413);
    assertThat(server.count("reports")).isEqualTo(before);
  }

  @Test
  void observerMayNotSubmitBatches() {
    String observer = server.token("obs-batch", "UN", Role.OBSERVER);
    ObjectNode r = report("2026-11-11T12:00:00+03:00");
    String batch = Json.MAPPER.createArrayNode().add(r).toString();
    assertProblem(server.post(BATCH, bytes(batch), JSON, observer), 403);
    assertProblem(server.post(BATCH, bytes(batch), JSON, null), 401);
    assertNotStored(id(r));
  }

  // ---------------------------------------------------------------- reading reports back

  @Test
  void storedReportShowsTheFieldsAsSubmitted() {
    ObjectNode r = with(report("2026-11-12T14:30:00+03:00"), x -> {
      x.put("occurredUntil", "2026-11-12T15:00:00+03:00");
      x.put("timePrecision", "hour");
      obj(x, "location").put("precisionKm", 2.5);
      x.put("allegedPerpetrator", "SY-GOV");
      x.putArray("weapons").add("artillery").add("MLRS");
      obj(x, "casualties").put("combatantsKilled", 0).put("combatantsInjured", 1);
      x.put("description", "قصف مدفعي على السوق");
      x.put("language", "ar");
    });
    JsonNode answer = created(r);

    Answer got = server.get(REPORTS + "/" + id(r));
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.contentType()).startsWith(JSON);
    JsonNode s = got.json();
    assertThat(s.get("id").asText()).isEqualTo(id(r));
    assertThat(s.at("/source/type").asText()).isEqualTo("party_complaint");
    assertThat(s.at("/source/party").asText()).isEqualTo("SY-OPP");
    assertThat(s.at("/source/reference").asText()).isEqualTo("OPP-2026-0001");
    assertThat(s.get("occurredAt").asText()).isEqualTo("2026-11-12T11:30:00Z");
    assertThat(s.get("occurredUntil").asText()).isEqualTo("2026-11-12T12:00:00Z");
    assertThat(s.get("timePrecision").asText()).isEqualTo("hour");
    assertThat(s.at("/location/lat").asDouble()).isEqualTo(SARAQIB_LAT);
    assertThat(s.at("/location/lon").asDouble()).isEqualTo(SARAQIB_LON);
    assertThat(s.at("/location/precisionKm").asDouble()).isEqualTo(2.5);
    assertThat(s.get("type").asText()).isEqualTo("shelling");
    assertThat(s.get("allegedPerpetrator").asText()).isEqualTo("SY-GOV");
    assertThat(s.get("weapons")).extracting(JsonNode::asText).containsExactly("artillery", "MLRS");
    assertThat(s.at("/casualties/civiliansKilled").asInt()).isEqualTo(2);
    assertThat(s.at("/casualties/civiliansInjured").asInt()).isEqualTo(5);
    assertThat(s.at("/casualties/combatantsKilled").asInt()).isZero();
    assertThat(s.at("/casualties/combatantsInjured").asInt()).isEqualTo(1);
    assertThat(s.get("description").asText()).isEqualTo("قصف مدفعي على السوق");
    assertThat(s.get("language").asText()).isEqualTo("ar");
    assertThat(s.get("zone").asText()).isEqualTo("idlib");
    assertThat(s.get("incidentId").asText()).isEqualTo(answer.get("incidentId").asText());
  }

  @Test
  void casualtiesNotGivenStayUnknownRatherThanZero() {
    ObjectNode r = with(report("2026-11-12T16:00:00+03:00"), x -> x.remove("casualties"));
    created(r);
    JsonNode s = server.get(REPORTS + "/" + id(r)).json();
    assertThat(s.at("/casualties/civiliansKilled").isNull()).as(s.toString()).isTrue();
  }

  @Test
  void unknownReportIsNotFound() {
    assertProblem(server.get(REPORTS + "/" + UUID.randomUUID()), 404);
    assertProblem(server.get(REPORTS + "/not-a-uuid"), 404);
    assertProblem(server.get(REPORTS + "/1-2-3-4-5"), 404);
  }
}
