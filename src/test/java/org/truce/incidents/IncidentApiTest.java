package org.truce.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.truce.http.Json;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/**
 * Incidents over HTTP against the real server: twenty reports seeded through the API form sixteen incidents
 * across the four zones, outside them, over ten days; every filter, paging, GeoJSON and the zones layer are read back.
 */
@Tag("db")
class IncidentApiTest {

  private static final String INCIDENTS = "/api/v1/incidents";
  private static final String GEOJSON = "application/geo+json";
  private static final String PROBLEM = "application/problem+json";

  private static TestServer server;
  /** Incident id by the letter of the seeded incident. */
  private static final Map<String, String> incident = new LinkedHashMap<>();
  /** Report ids by the letter of their incident. */
  private static final Map<String, List<String>> reportsOf = new HashMap<>();
  /** Letters of every seeded incident. */
  private static final String ALL = "PABCDEFGHIJKLMNO";

  @BeforeAll
  static void seed() {
    server = TestServer.start();
    // letter, occurredAt, lat, lon, type, alleged perpetrator (null: not given), source type, source party, description;
    // the second report of A, D, H and L comes from another source within 10 minutes and 0.5 km, so it joins
    // under any sensible tolerances; every other pair of incidents is hours or tens of kilometres apart
    seedReport("P", "2026-11-09T10:00:00Z", 35.614, 36.561, "other", "SY-OPP", "party_complaint", "SY-GOV",
        "Unclear incident; about 100% of the shops closed");
    seedReport("A", "2026-11-10T08:00:00Z", 35.864, 36.806, "shelling", "SY-GOV", "party_complaint", "SY-OPP",
        "Artillery shells hit the vegetable market");
    seedReport("A", "2026-11-10T11:10:00+03:00", 35.868, 36.808, "shelling", "SY-GOV", "monitor_observation", "UN",
        "Monitors heard impacts in the town centre");
    seedReport("B", "2026-11-10T08:00:00Z", 32.62, 36.10, "air_strike", "RU", "party_complaint", "SY-OPP",
        "Aircraft struck about 100 metres from the bakery");
    seedReport("C", "2026-11-10T08:00:00Z", 34.927, 36.733, "small_arms_fire", "SY-OPP", "party_complaint", "SY-GOV",
        "Gunfire at an army checkpoint");
    seedReport("D", "2026-11-11T12:00:00Z", 33.572, 36.402, "shelling", "SY-GOV", "party_complaint", "SY-OPP",
        "Mortar rounds landed near the hospital");
    seedReport("D", "2026-11-11T12:10:00Z", 33.575, 36.404, "shelling", "SY-GOV", "hotline", "ICRC",
        "A caller reports explosions in Douma");
    seedReport("E", "2026-11-12T06:30:00Z", 35.930, 36.633, "drone_strike", null, "monitor_observation", "UN",
        "غارة بطائرة مسيرة على الطريق الدولي");
    seedReport("F", "2026-11-12T23:30:00Z", 36.20, 37.15, "sniper_fire", "SY-OPP", "party_complaint", "SY-GOV",
        "Sniper fire on the ring road");
    seedReport("G", "2026-11-13T00:30:00Z", 35.648, 36.674, "ground_assault", "SY-GOV", "party_complaint", "SY-OPP",
        "Infantry advanced on the southern outskirts");
    seedReport("H", "2026-11-14T10:00:00Z", 32.888, 36.043, "shelling", "SY-OPP", "party_complaint", "SY-GOV",
        "Rockets hit a school yard");
    seedReport("H", "2026-11-14T10:05:00Z", 32.891, 36.045, "shelling", "SY-OPP", "monitor_observation", "JO",
        "Observed rocket impacts");
    seedReport("I", "2026-11-15T14:00:00Z", 35.813, 36.610, "shelling", "SY-GOV", "party_complaint", "SY-OPP",
        "Shelling damaged the water station");
    seedReport("J", "2026-11-15T14:05:00Z", 33.520, 36.390, "attack_on_civilians", "SY-GOV", "party_complaint", "SY-OPP",
        "Civilians fired upon while queueing for bread");
    seedReport("K", "2026-11-16T09:00:00Z", 34.842, 36.730, "heavy_weapons_in_zone", "SY-GOV", "observation_post", "UN",
        "Two tanks seen inside the zone");
    seedReport("L", "2026-11-17T18:00:00Z", 35.930, 36.633, "air_strike", "RU", "party_complaint", "SY-OPP",
        "Jets struck the industrial area");
    seedReport("L", "2026-11-17T18:08:00Z", 35.933, 36.636, "air_strike", "RU", "monitor_observation", "TR",
        "Air strike confirmed by an observation post");
    seedReport("M", "2026-11-18T07:00:00Z", 32.84, 36.34, "abduction", "SY-OPP", "party_complaint", "SY-GOV",
        "Two farmers abducted");
    seedReport("N", "2026-11-19T11:00:00Z", 35.95, 39.01, "forces_movement", "TR", "party_complaint", "SY-GOV",
        "Convoy movement observed");
    seedReport("O", "2026-11-19T20:00:00Z", 35.864, 36.806, "obstruction_of_monitors", "SY-GOV", "monitor_observation", "UN",
        "Monitors were stopped at a checkpoint");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static void seedReport(String letter, String at, double lat, double lon, String type, String perpetrator,
                                 String sourceType, String sourceParty, String description) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", UUID.randomUUID().toString());
    r.putObject("source").put("type", sourceType).put("party", sourceParty);
    r.put("occurredAt", at);
    r.putObject("location").put("lat", lat).put("lon", lon);
    r.put("type", type);
    if (perpetrator != null) {
      r.put("allegedPerpetrator", perpetrator);
    }
    r.put("description", description);
    Answer a = server.post("/api/v1/reports", r.toString());
    assertThat(a.status()).as("seeding %s: %s", letter, a.body()).isEqualTo(201);
    String incidentId = a.json().get("incidentId").asText();
    if (incident.containsKey(letter)) {
      assertThat(incidentId).as("report of %s joins its incident", letter).isEqualTo(incident.get(letter));
    } else {
      assertThat(incident.values()).as("report of %s opens a new incident", letter).doesNotContain(incidentId);
      incident.put(letter, incidentId);
    }
    reportsOf.computeIfAbsent(letter, k -> new ArrayList<>()).add(r.get("id").asText());
  }

  // ---------------------------------------------------------------- helpers

  private static Answer list(String query) {
    return server.get(INCIDENTS + (query.isEmpty() ? "" : "?" + query));
  }

  private static JsonNode listOk(String query) {
    Answer a = list(query);
    assertThat(a.status()).as(query + ": " + a.body()).isEqualTo(200);
    assertThat(a.contentType()).startsWith("application/json");
    return a.json();
  }

  private static String letterOf(String incidentId) {
    return incident.entrySet().stream().filter(e -> e.getValue().equals(incidentId)).map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new AssertionError("incident " + incidentId + " was not seeded"));
  }

  /** The letters of the listed incidents, in the order listed. */
  private static List<String> letters(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("items").forEach(i -> out.add(letterOf(i.get("id").asText())));
    return out;
  }

  private static List<String> split(String letters) {
    return Arrays.asList(letters.split(""));
  }

  /** The query answers exactly these incidents (all on one page), newest first. */
  private static void assertLists(String query, String expectedLetters) {
    JsonNode page = listOk(query);
    List<String> got = letters(page);
    if (expectedLetters.isEmpty()) {
      assertThat(got).as(query).isEmpty();
    } else {
      assertThat(got).as(query).containsExactlyInAnyOrderElementsOf(split(expectedLetters));
    }
    assertNewestFirst(page.get("items"));
    assertThat(page.get("next").isNull()).as("one page only: " + query).isTrue();
  }

  private static void assertNewestFirst(JsonNode items) {
    OffsetDateTime previous = null;
    for (JsonNode i : items) {
      OffsetDateTime start = OffsetDateTime.parse(i.get("start").asText());
      if (previous != null) {
        assertThat(start).as("newest first").isBeforeOrEqualTo(previous);
      }
      previous = start;
    }
  }

  private static JsonNode assertProblem(Answer a, int status, String field) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.contentType()).startsWith(PROBLEM);
    JsonNode p = a.json();
    List<String> fields = new ArrayList<>();
    p.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).as(a.body()).containsOnly(field);
    return p;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- the seeded incidents

  @Test
  void everyIncidentIsListedNewestFirst() {
    JsonNode page = listOk("");
    assertThat(letters(page)).containsExactlyInAnyOrderElementsOf(split(ALL));
    assertNewestFirst(page.get("items"));
    assertThat(letters(page).get(0)).isEqualTo("O");
    assertThat(letters(page).get(ALL.length() - 1)).isEqualTo("P");
  }

  @Test
  void incidentSummarisesItsReports() {
    JsonNode a = listOk("zone=idlib&type=shelling&to=2026-11-10").get("items").get(0);
    assertThat(a.get("id").asText()).isEqualTo(incident.get("A"));
    assertThat(a.get("zone").asText()).isEqualTo("idlib");
    assertThat(a.get("type").asText()).isEqualTo("shelling");
    assertThat(a.get("allegedPerpetrator").asText()).isEqualTo("SY-GOV");
    assertThat(a.get("reportCount").asInt()).isEqualTo(2);
    assertThat(a.get("finding").asText()).isEqualTo("open");
    assertThat(OffsetDateTime.parse(a.get("start").asText())).isEqualTo(OffsetDateTime.parse("2026-11-10T08:00:00Z"));
    assertThat(OffsetDateTime.parse(a.get("end").asText())).isEqualTo(OffsetDateTime.parse("2026-11-10T08:10:00Z"));
    assertThat(a.at("/location/lat").asDouble()).isCloseTo(35.866, within(0.01));
    assertThat(a.at("/location/lon").asDouble()).isCloseTo(36.807, within(0.01));
  }

  // ---------------------------------------------------------------- filters

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      // time: from keeps incidents that end at or after it, to keeps those that start before it
      "from=2026-11-15T00:00:00Z                  | IJKLMNO",
      "from=2026-11-15                            | IJKLMNO",
      "from=2026-11-15T03:00:00%2B03:00           | IJKLMNO",
      "from=2026-11-14T10:03:00Z                  | HIJKLMNO",
      "to=2026-11-12T23:59:59Z                    | PABCDEF",
      "to=2026-11-12                              | PABCDEF",
      "to=2026-11-13T00:30:00Z                    | PABCDEF",
      "to=2026-11-13T00:31:00Z                    | PABCDEFG",
      "from=2026-11-12&to=2026-11-13              | EFG",
      "from=2026-11-10T08:00:00Z&to=2026-11-10T08:00:01Z | ABC",
      // zones, one or several
      "zone=idlib                                 | PAEGILO",
      "zone=south                                 | BHM",
      "zone=northern-homs                         | CK",
      "zone=eastern-ghouta                        | DJ",
      "zone=idlib,south                           | PAEGILOBHM",
      "zone=idlib&zone=south                      | PAEGILOBHM",
      // types
      "type=shelling                              | ADHI",
      "type=shelling,air_strike                   | ADHIBL",
      "type=abduction                             | M",
      "type=attack_on_humanitarian                | ''",
      // perpetrators
      "perpetrator=SY-OPP                         | CFHMP",
      "perpetrator=RU                             | BL",
      "perpetrator=TR                             | N",
      "perpetrator=unknown                        | E",
      "perpetrator=RU,TR                          | BLN",
      // findings
      "finding=open                               | PABCDEFGHIJKLMNO",
      "finding=verified                           | ''",
      "finding=open,dismissed                     | PABCDEFGHIJKLMNO",
      // text in descriptions, without case, with % and _ taken literally
      "q=hospital                                 | D",
      "q=ARTILLERY                                | A",
      "q=checkpoint                               | CO",
      "q=100                                      | BP",
      "q=100%25                                   | P",
      "q=%25                                      | P",
      "q=_                                        | ''",
      "q=Monitors heard                           | A",
      "q=no such words anywhere                   | ''",
      // filters together
      "zone=idlib&type=shelling&from=2026-11-11   | I",
      "zone=south&perpetrator=SY-OPP&q=rocket     | H",
      "type=shelling&perpetrator=SY-GOV&to=2026-11-12 | AD",
  })
  void filterAnswersExactlyTheMatchingIncidents(String query, String expected) {
    assertLists(query.replace(" ", "%20"), expected == null ? "" : expected);
  }

  @Test
  void textSearchFindsArabicDescriptions() {
    assertLists("q=" + enc("مسيرة"), "E");
    assertLists("q=" + enc("غارة") + "&zone=idlib", "E");
  }

  // ---------------------------------------------------------------- paging

  @Test
  void pagingVisitsEveryIncidentOnceNewestFirst() {
    List<String> seen = new ArrayList<>();
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = listOk("limit=3" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
      assertThat(page.get("items").size()).isBetween(1, 3);
      page.get("items").forEach(items::add);
      seen.addAll(letters(page));
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
      assertThat(pages).as("paging ends").isLessThanOrEqualTo(10);
    } while (cursor != null);

    assertThat(pages).isEqualTo(6);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(split(ALL));
    assertThat(seen).isEqualTo(letters(listOk("limit=1000")));
    com.fasterxml.jackson.databind.node.ArrayNode all = Json.MAPPER.createArrayNode();
    items.forEach(all::add);
    assertNewestFirst(all);
  }

  @Test
  void pagingKeepsTheFilter() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = listOk("zone=idlib&limit=2" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
      seen.addAll(letters(page));
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
    } while (cursor != null && seen.size() < 20);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(split("PAEGILO"));
  }

  @Test
  void lastFullPageHasNoNextCursor() {
    JsonNode page = listOk("limit=16");
    assertThat(page.get("items")).hasSize(16);
    assertThat(page.get("next").isNull()).isTrue();
    assertThat(listOk("limit=15").get("next").isNull()).isFalse();
  }

  @Test
  void badCursorIsRefused() {
    assertProblem(list("cursor=not-a-cursor"), 422, "cursor");
    assertProblem(list("cursor=" + enc(java.util.Base64.getUrlEncoder().encodeToString(
        "yesterday:someone".getBytes(StandardCharsets.US_ASCII)))), 422, "cursor");
    assertProblem(list("cursor=%25%25%25"), 422, "cursor");
  }

  // ---------------------------------------------------------------- bad parameters

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "zone=atlantis                   | zone",
      "zone=idlib,atlantis             | zone",
      "type=bombardment                | type",
      "perpetrator=NATO                | perpetrator",
      "finding=maybe                   | finding",
      "limit=0                         | limit",
      "limit=5000                      | limit",
      "limit=-1                        | limit",
      "limit=ten                       | limit",
      "colour=red                      | colour",
      "from=yesterday                  | from",
      "to=2026-13-45                   | to",
      "from=2026-11-15&to=2026-11-14   | to",
      "to=%2B999999999-12-31T23:59:59-18:00 | to",
  })
  void badParameterIsRefusedNamingIt(String query, String field) {
    JsonNode p = assertProblem(list(query), 422, field);
    assertThat(p.at("/errors/0/message").asText()).isNotBlank();
  }

  @Test
  void unknownValueListsTheAllowedOnes() {
    JsonNode zone = assertProblem(list("zone=atlantis"), 422, "zone");
    assertThat(zone.at("/errors/0/message").asText()).contains("atlantis", "idlib", "northern-homs", "eastern-ghouta", "south");
    JsonNode type = assertProblem(list("type=bombardment"), 422, "type");
    assertThat(type.at("/errors/0/message").asText()).contains("shelling", "air_strike");
    JsonNode unknown = assertProblem(list("colour=red"), 422, "colour");
    assertThat(unknown.at("/errors/0/message").asText()).contains("zone", "cursor", "limit");
  }

  @Test
  void listNeedsAToken() {
    Answer a = server.get(INCIDENTS, null, null);
    assertThat(a.status()).isEqualTo(401);
    assertThat(a.contentType()).startsWith(PROBLEM);
    assertThat(server.get(INCIDENTS, "wrong-token", null).status()).isEqualTo(401);
  }

  // ---------------------------------------------------------------- GeoJSON

  @Test
  void geoJsonListIsAFeatureCollectionOfPoints() {
    Answer a = server.get(INCIDENTS, TestServer.ADMIN_TOKEN, GEOJSON);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.contentType()).startsWith(GEOJSON);
    JsonNode fc = a.json();
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(fc.get("features")).hasSize(ALL.length());
    for (JsonNode f : fc.get("features")) {
      assertThat(f.get("type").asText()).isEqualTo("Feature");
      assertThat(f.at("/geometry/type").asText()).isEqualTo("Point");
      assertThat(f.at("/geometry/coordinates")).hasSize(2);
    }
    // coordinates are [lon, lat]: Aleppo's sniper fire (F) and the Raqqa convoy (N) lie where they were reported
    Map<String, JsonNode> byId = new HashMap<>();
    fc.get("features").forEach(f -> byId.put(f.get("id").asText(), f));
    JsonNode f = byId.get(incident.get("F"));
    assertThat(f.at("/geometry/coordinates/0").asDouble()).isCloseTo(37.15, within(1e-9));
    assertThat(f.at("/geometry/coordinates/1").asDouble()).isCloseTo(36.20, within(1e-9));
    JsonNode n = byId.get(incident.get("N"));
    assertThat(n.at("/geometry/coordinates/0").asDouble()).isCloseTo(39.01, within(1e-9));
    assertThat(n.at("/geometry/coordinates/1").asDouble()).isCloseTo(35.95, within(1e-9));
    assertThat(f.at("/properties/type").asText()).isEqualTo("sniper_fire");
    assertThat(f.at("/properties/zone").isNull()).isTrue();
  }

  @Test
  void geoJsonListKeepsFiltersAndPaging() {
    Answer a = server.get(INCIDENTS + "?zone=south&limit=2", TestServer.ADMIN_TOKEN, GEOJSON);
    assertThat(a.contentType()).startsWith(GEOJSON);
    JsonNode fc = a.json();
    assertThat(fc.get("features")).hasSize(2);
    assertThat(fc.get("next").asText()).isNotBlank();
    List<String> ids = new ArrayList<>();
    fc.get("features").forEach(x -> ids.add(x.get("id").asText()));
    JsonNode rest = server.get(INCIDENTS + "?zone=south&limit=2&cursor=" + enc(fc.get("next").asText()),
        TestServer.ADMIN_TOKEN, GEOJSON).json();
    rest.get("features").forEach(x -> ids.add(x.get("id").asText()));
    assertThat(ids).containsExactlyInAnyOrder(incident.get("B"), incident.get("H"), incident.get("M"));
  }

  // ---------------------------------------------------------------- one incident

  @Test
  void incidentShowsItsReports() {
    Answer a = server.get(INCIDENTS + "/" + incident.get("A"));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    JsonNode i = a.json();
    assertThat(i.get("id").asText()).isEqualTo(incident.get("A"));
    assertThat(i.get("reportCount").asInt()).isEqualTo(2);
    List<String> ids = new ArrayList<>();
    i.get("reports").forEach(r -> ids.add(r.get("id").asText()));
    assertThat(ids).containsExactlyInAnyOrderElementsOf(reportsOf.get("A"));
    for (JsonNode r : i.get("reports")) {
      assertThat(r.get("incidentId").asText()).isEqualTo(incident.get("A"));
      assertThat(r.get("type").asText()).isEqualTo("shelling");
    }
    assertThat(i.get("reports").findValuesAsText("description"))
        .contains("Artillery shells hit the vegetable market", "Monitors heard impacts in the town centre");

    JsonNode single = server.get(INCIDENTS + "/" + incident.get("E")).json();
    assertThat(single.get("reports")).hasSize(1);
    assertThat(single.at("/reports/0/description").asText()).isEqualTo("غارة بطائرة مسيرة على الطريق الدولي");
    assertThat(single.get("allegedPerpetrator").asText()).isEqualTo("unknown");
  }

  @Test
  void unknownIncidentIsNotFound() {
    Answer a = server.get(INCIDENTS + "/" + UUID.randomUUID());
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.contentType()).startsWith(PROBLEM);
    assertThat(server.get(INCIDENTS + "/not-a-uuid").status()).isEqualTo(404);
  }

  // ---------------------------------------------------------------- zones and health

  @Test
  void zonesAreGeoJsonAndMarkedApproximate() {
    Answer a = server.get("/api/v1/zones");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.contentType()).startsWith(GEOJSON);
    JsonNode fc = a.json();
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    Map<String, JsonNode> byId = new HashMap<>();
    fc.get("features").forEach(f -> byId.put(f.at("/properties/id").asText(), f));
    assertThat(byId).containsKeys("idlib", "northern-homs", "eastern-ghouta", "south");
    for (String id : List.of("idlib", "northern-homs", "eastern-ghouta", "south")) {
      JsonNode z = byId.get(id);
      assertThat(z.at("/properties/approximate").asBoolean()).as(id).isTrue();
      assertThat(z.at("/geometry/type").asText()).as(id).isIn("Polygon", "MultiPolygon");
      assertThat(z.at("/properties/name").asText()).as(id).isNotBlank();
    }
    assertThat(server.get("/api/v1/zones", null, null).status()).isEqualTo(401);
  }

  @Test
  void healthAnswersWithoutAToken() {
    Answer a = server.get("/health", null, null);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().get("status").asText()).isEqualTo("ok");
  }
}
