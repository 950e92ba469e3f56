package org.truce.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.access.Role;
import org.truce.http.Json;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/**
 * The open-data exports over HTTP against the real server: ACLED's columns and codes for known incidents, the HXL
 * hashtag row, filters and their errors, who sees the text of reports, formula cells, GeoJSON read back by
 * Jackson and by GDAL, and an export of thousands of incidents.
 */
@Tag("db")
class ExportApiTest {

  static final String ACLED = "/api/v1/exports/incidents.acled.csv";
  static final String HXL = "/api/v1/exports/incidents.hxl.csv";
  static final String GEOJSON = "/api/v1/exports/incidents.geojson";
  static final String ZONES = "/api/v1/exports/zones.geojson";

  /** ACLED's columns, in ACLED's order. */
  static final List<String> ACLED_COLUMNS = List.of("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
      "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
      "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
      "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp");

  static final String HYPERLINK = "=HYPERLINK(\"http://x\",\"y\") shelling";

  private static TestServer server;
  /** Incident id by letter. */
  private static final Map<String, String> incident = new LinkedHashMap<>();
  private static String observer;
  private static String oppReporter;
  private static String govReporter;
  private static String reviewer;

  @BeforeAll
  static void seed() {
    server = TestServer.start();
    observer = server.token("export-observer", "UN", Role.OBSERVER);
    oppReporter = server.token("export-opp", "SY-OPP", Role.REPORTER);
    govReporter = server.token("export-gov", "SY-GOV", Role.REPORTER);
    reviewer = server.token("export-ru", "RU", Role.REVIEWER);
    // A: shelling of Saraqib reported by the opposition, then seen by UN monitors (one incident, two reports)
    seed("A", "SY-OPP", "party_complaint", "2026-11-10T08:00:00Z", 35.864, 36.806, "shelling", "SY-GOV",
        "Artillery shells hit the vegetable market", 2, 5);
    seed("A", "UN", "monitor_observation", "2026-11-10T11:10:00+03:00", 35.868, 36.808, "shelling", "SY-GOV",
        "Monitors heard impacts in the town centre", null, null);
    seed("B", "SY-OPP", "party_complaint", "2026-11-11T08:00:00Z", 32.62, 36.10, "air_strike", "RU",
        "Aircraft struck near the bakery", 1, null);
    // C: its text would start a formula in a spreadsheet
    seed("C", "SY-OPP", "party_complaint", "2026-11-12T14:30:00+03:00", 33.52, 36.39, "attack_on_civilians", "SY-GOV",
        HYPERLINK, 1, 2);
    seed("D", "SY-GOV", "party_complaint", "2026-11-13T09:00:00Z", 34.927, 36.733, "small_arms_fire", "SY-OPP",
        "@SUM(1+1) gunfire at a checkpoint", null, null);
    seed("E", "UN", "observation_post", "2026-11-14T06:30:00Z", 35.95, 39.01, "drone_strike", null,
        "-Drone seen over the road", null, null);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static void seed(String letter, String party, String sourceType, String at, double lat, double lon, String type,
                           String perpetrator, String description, Integer civiliansKilled, Integer civiliansInjured) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", UUID.randomUUID().toString());
    r.putObject("source").put("type", sourceType).put("party", party);
    r.put("occurredAt", at);
    r.putObject("location").put("lat", lat).put("lon", lon);
    r.put("type", type);
    if (perpetrator != null) {
      r.put("allegedPerpetrator", perpetrator);
    }
    ObjectNode cas = r.putObject("casualties");
    if (civiliansKilled != null) {
      cas.put("civiliansKilled", civiliansKilled);
    }
    if (civiliansInjured != null) {
      cas.put("civiliansInjured", civiliansInjured);
    }
    r.put("description", description);
    Answer a = server.post("/api/v1/reports", r.toString());
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    String id = a.json().get("incidentId").asText();
    assertThat(incident.getOrDefault(letter, id)).as("report of %s in its own incident", letter).isEqualTo(id);
    incident.put(letter, id);
  }

  // ---------------------------------------------------------------- helpers

  private static Answer get(String path, String token) {
    return server.get(path, token, null);
  }

  private static List<CSVRecord> csv(String path, String token) {
    Answer a = get(path, token);
    assertThat(a.status()).as(path + ": " + a.body()).isEqualTo(200);
    assertThat(a.contentType()).isEqualTo("text/csv; charset=utf-8");
    return parse(a.body());
  }

  static List<CSVRecord> parse(String body) {
    try {
      return CSVFormat.RFC4180.parse(new StringReader(body)).getRecords();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The ACLED rows (without the header) by incident letter. */
  private static Map<String, Map<String, String>> acled(String query, String token) {
    List<CSVRecord> rows = csv(ACLED + query, token);
    assertThat(rows.get(0).toList()).isEqualTo(ACLED_COLUMNS);
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (CSVRecord r : rows.subList(1, rows.size())) {
      Map<String, String> byColumn = new LinkedHashMap<>();
      for (int i = 0; i < ACLED_COLUMNS.size(); i++) {
        byColumn.put(ACLED_COLUMNS.get(i), r.get(i));
      }
      out.put(letterOf(byColumn.get("event_id_cnty").substring("SYR-".length())), byColumn);
    }
    return out;
  }

  private static String letterOf(String id) {
    return incident.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst().orElse(id);
  }

  private static JsonNode problem(Answer a, String field) {
    assertThat(a.status()).as(a.body()).isEqualTo(422);
    assertThat(a.contentType()).startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    a.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).as(a.body()).containsOnly(field);
    return a.json();
  }

  // ---------------------------------------------------------------- ACLED

  @Test
  void acledCsvHasAcledsColumnsInAcledsOrder() {
    List<CSVRecord> rows = csv(ACLED, TestServer.ADMIN_TOKEN);
    assertThat(rows.get(0).toList()).containsExactlyElementsOf(ACLED_COLUMNS);
    assertThat(rows).hasSize(1 + incident.size());
    assertThat(rows).allSatisfy(r -> assertThat(r.size()).isEqualTo(ACLED_COLUMNS.size()));
  }

  @Test
  void acledRowOfAKnownIncident() {
    Map<String, String> a = acled("", reviewer).get("A");
    assertThat(a.get("event_id_cnty")).isEqualTo("SYR-" + incident.get("A"));
    assertThat(a.get("event_date")).isEqualTo("2026-11-10");
    assertThat(a.get("year")).isEqualTo("2026");
    assertThat(a.get("time_precision")).isEqualTo("1");
    assertThat(a.get("disorder_type")).isEqualTo("Political violence");
    assertThat(a.get("event_type")).isEqualTo("Explosions/Remote violence");
    assertThat(a.get("sub_event_type")).isEqualTo("Shelling/artillery/missile attack");
    assertThat(a.get("actor1")).isEqualTo("Government of the Syrian Arab Republic");
    assertThat(a.get("inter1")).isEqualTo("1");
    assertThat(a.get("actor2")).isEmpty();
    assertThat(a.get("inter2")).isEmpty();
    assertThat(a.get("interaction")).isEqualTo("10");
    assertThat(a.get("civilian_targeting")).isEmpty();
    assertThat(a.get("iso")).isEqualTo("760");
    assertThat(a.get("region")).isEqualTo("Middle East");
    assertThat(a.get("country")).isEqualTo("Syria");
    assertThat(a.get("admin1")).isEqualTo("Idlib");
    assertThat(a.get("location")).isEqualTo("Sarāqib");
    assertThat(Double.parseDouble(a.get("latitude"))).isCloseTo(35.866, within(0.003));
    assertThat(Double.parseDouble(a.get("longitude"))).isCloseTo(36.807, within(0.003));
    assertThat(a.get("latitude")).matches("\\d+\\.\\d{1,4}");
    assertThat(a.get("geo_precision")).isEqualTo("1");
    assertThat(a.get("source")).isEqualTo("Party complaint; Monitor observation");
    assertThat(a.get("source_scale")).isEqualTo("National-International");
    assertThat(a.get("notes")).startsWith("On 2026-11-10, shelling near Sarāqib (Idlib); alleged perpetrator: Government of"
        + " the Syrian Arab Republic. Finding: open. 2 reports (party complaint, monitor observation). Casualties, best"
        + " estimates: 2 civilians killed, 5 civilians injured.");
    assertThat(a.get("fatalities")).isEqualTo("2");
    assertThat(a.get("tags")).isEqualTo("finding=open; zone=idlib");
    JsonNode stored = server.get("/api/v1/incidents/" + incident.get("A")).json();
    assertThat(Long.parseLong(a.get("timestamp")))
        .isEqualTo(java.time.OffsetDateTime.parse(stored.get("updatedAt").asText()).toEpochSecond());
  }

  @Test
  void acledCodesViolenceAgainstCiviliansAndOtherActors() {
    Map<String, Map<String, String>> rows = acled("", TestServer.ADMIN_TOKEN);
    Map<String, String> c = rows.get("C");
    assertThat(c.get("event_type")).isEqualTo("Violence against civilians");
    assertThat(c.get("sub_event_type")).isEqualTo("Attack");
    assertThat(c.get("actor2")).isEqualTo("Civilians (Syria)");
    assertThat(c.get("inter2")).isEqualTo("7");
    assertThat(c.get("interaction")).isEqualTo("17");
    assertThat(c.get("civilian_targeting")).isEqualTo("Civilian targeting");
    assertThat(c.get("event_date")).isEqualTo("2026-11-12");
    Map<String, String> b = rows.get("B");
    assertThat(b.get("sub_event_type")).isEqualTo("Air/drone strike");
    assertThat(b.get("actor1")).isEqualTo("Russian Federation");
    assertThat(b.get("inter1")).isEqualTo("8");
    assertThat(b.get("interaction")).isEqualTo("80");
    assertThat(b.get("fatalities")).isEqualTo("1");
    Map<String, String> d = rows.get("D");
    assertThat(d.get("event_type")).isEqualTo("Battles");
    assertThat(d.get("sub_event_type")).isEqualTo("Armed clash");
    assertThat(d.get("inter1")).isEqualTo("2");
    assertThat(d.get("fatalities")).isEqualTo("0");
    Map<String, String> e = rows.get("E");
    assertThat(e.get("actor1")).isEqualTo("Unknown or unidentified");
    assertThat(e.get("inter1")).isEqualTo("3");
    assertThat(e.get("source")).isEqualTo("Observation post");
    assertThat(e.get("source_scale")).isEqualTo("International");
    assertThat(e.get("admin1")).isEqualTo("Raqqa");
  }

  @Test
  void incidentsAreExportedNewestFirst() {
    assertThat(acled("", TestServer.ADMIN_TOKEN).keySet()).containsExactly("E", "D", "C", "B", "A");
  }

  // ---------------------------------------------------------------- HXL

  @Test
  void hxlCsvHasHeadersThenHashtagsThenIncidents() {
    List<CSVRecord> rows = csv(HXL, TestServer.ADMIN_TOKEN);
    assertThat(rows).hasSize(2 + incident.size());
    assertThat(rows.get(0).toList()).startsWith("Incident", "Date");
    List<String> tags = rows.get(1).toList();
    assertThat(tags).allSatisfy(t -> assertThat(t).matches("#[a-z][a-z0-9_]*( \\+[a-z][a-z0-9_]*)*"));
    assertThat(tags).contains("#event +id", "#date +occurred", "#geo +lat", "#geo +lon", "#adm1 +name", "#affected +killed",
        "#description");
    Map<String, String> a = new LinkedHashMap<>();
    CSVRecord row = rows.stream().filter(r -> r.get(0).equals(incident.get("A"))).findFirst().orElseThrow();
    for (int i = 0; i < tags.size(); i++) {
      a.put(tags.get(i), row.get(i));
    }
    assertThat(a.get("#date +occurred")).isEqualTo("2026-11-10");
    assertThat(a.get("#date +start")).isEqualTo("2026-11-10T08:00:00Z");
    assertThat(a.get("#date +end")).isEqualTo("2026-11-10T08:10:00Z");
    assertThat(a.get("#adm1 +name")).isEqualTo("Idlib");
    assertThat(a.get("#loc +name")).isEqualTo("Sarāqib");
    assertThat(a.get("#affected +killed")).isEqualTo("2");
    assertThat(a.get("#affected +killed +civilians")).isEqualTo("2");
    assertThat(a.get("#affected +injured +civilians")).isEqualTo("5");
    assertThat(a.get("#affected +killed +combatants")).isEmpty();
    assertThat(a.get("#meta +reports +num")).isEqualTo("2");
    assertThat(a.get("#group +perpetrator +code")).isEqualTo("SY-GOV");
    assertThat(a.get("#loc +zone +code")).isEqualTo("idlib");
  }

  // ---------------------------------------------------------------- filters

  @Test
  void theIncidentListsFiltersApplyToEveryExport() {
    assertThat(acled("?zone=idlib", TestServer.ADMIN_TOKEN).keySet()).containsExactly("A");
    assertThat(acled("?type=air_strike,drone_strike", TestServer.ADMIN_TOKEN).keySet()).containsExactly("E", "B");
    assertThat(acled("?perpetrator=SY-GOV", TestServer.ADMIN_TOKEN).keySet()).containsExactly("C", "A");
    assertThat(acled("?from=2026-11-11&to=2026-11-12", TestServer.ADMIN_TOKEN).keySet()).containsExactly("C", "B");
    assertThat(acled("?q=vegetable", TestServer.ADMIN_TOKEN).keySet()).containsExactly("A");
    assertThat(acled("?finding=verified", TestServer.ADMIN_TOKEN)).isEmpty();
    assertThat(csv(HXL + "?perpetrator=SY-OPP", TestServer.ADMIN_TOKEN)).hasSize(3);
    JsonNode fc = get(GEOJSON + "?type=shelling", TestServer.ADMIN_TOKEN).json();
    assertThat(fc.get("features")).hasSize(1);
    assertThat(fc.at("/features/0/id").asText()).isEqualTo(incident.get("A"));
  }

  @Test
  void aBadFilterIs422NamingTheField() {
    for (String path : List.of(ACLED, HXL, GEOJSON)) {
      JsonNode p = problem(get(path + "?zone=atlantis", TestServer.ADMIN_TOKEN), "zone");
      assertThat(p.at("/errors/0/message").asText()).contains("unknown value 'atlantis'", "idlib");
      problem(get(path + "?from=yesterday", TestServer.ADMIN_TOKEN), "from");
      problem(get(path + "?limit=10", TestServer.ADMIN_TOKEN), "limit");
      problem(get(path + "?from=2026-11-12&to=2026-11-10", TestServer.ADMIN_TOKEN), "to");
      problem(get(path + "?finding=maybe", TestServer.ADMIN_TOKEN), "finding");
    }
    problem(get(ZONES + "?zone=atlantis", TestServer.ADMIN_TOKEN), "zone");
    problem(get(ZONES + "?type=shelling", TestServer.ADMIN_TOKEN), "type");
  }

  // ---------------------------------------------------------------- who sees what

  @Test
  void notesCarryAReportsTextOnlyForCallersWhoMayReadThatReport() {
    // A and C were opened by reports of SY-OPP, D by one of SY-GOV, E by one of UN
    Map<String, Map<String, String>> opp = acled("", oppReporter);
    Map<String, Map<String, String>> gov = acled("", govReporter);
    Map<String, Map<String, String>> un = acled("", observer);
    Map<String, Map<String, String>> ru = acled("", reviewer);
    assertThat(opp.get("A").get("notes")).endsWith("First report: Artillery shells hit the vegetable market");
    assertThat(ru.get("A").get("notes")).endsWith("First report: Artillery shells hit the vegetable market");
    assertThat(gov.get("A").get("notes")).doesNotContain("vegetable", "First report");
    assertThat(un.get("A").get("notes")).doesNotContain("vegetable", "First report");
    assertThat(gov.get("D").get("notes")).endsWith("First report: @SUM(1+1) gunfire at a checkpoint");
    assertThat(opp.get("D").get("notes")).doesNotContain("checkpoint");
    assertThat(un.get("E").get("notes")).endsWith("First report: -Drone seen over the road");
    assertThat(opp.get("E").get("notes")).doesNotContain("Drone");
    // the rest of the row is the same for everyone
    for (Map<String, Map<String, String>> rows : List.of(opp, gov, un)) {
      assertThat(rows.keySet()).containsExactlyElementsOf(ru.keySet());
      rows.forEach((letter, row) -> row.forEach((column, value) -> {
        if (!column.equals("notes")) {
          assertThat(value).as(letter + " " + column).isEqualTo(ru.get(letter).get(column));
        }
      }));
    }
    // the HXL description follows the same rule
    String hxl = get(HXL, observer).body();
    assertThat(hxl).doesNotContain("vegetable", "HYPERLINK", "checkpoint").contains("Drone seen over the road");
  }

  @Test
  void everyRoleMayExport() {
    for (String token : List.of(observer, oppReporter, govReporter, reviewer, TestServer.ADMIN_TOKEN)) {
      for (String path : List.of(ACLED, HXL, GEOJSON, ZONES)) {
        assertThat(get(path, token).status()).as(path).isEqualTo(200);
      }
    }
    assertThat(get(ACLED, null).status()).isEqualTo(401);
  }

  // ---------------------------------------------------------------- formulas

  @Test
  void noCellOfEitherCsvCanStartAFormula() {
    for (String token : List.of(TestServer.ADMIN_TOKEN, observer, oppReporter)) {
      for (String path : List.of(ACLED, HXL)) {
        for (CSVRecord row : csv(path, token)) {
          for (String cell : row) {
            // the contract's check: = + @ never; - only before a digit (a negative number)
            boolean bad = !cell.isEmpty() && ("=+@\t\r".indexOf(cell.charAt(0)) >= 0
                || cell.charAt(0) == '-' && (cell.length() == 1 || !Character.isDigit(cell.charAt(1))));
            assertThat(bad).as(path + ": " + cell).isFalse();
          }
        }
      }
    }
    // the text itself is kept whole where it is shown
    assertThat(acled("", oppReporter).get("C").get("notes")).endsWith("First report: " + HYPERLINK);
  }

  // ---------------------------------------------------------------- GeoJSON

  @Test
  void geoJsonIsAnRfc7946FeatureCollectionWithLonLatPoints() {
    Answer a = get(GEOJSON, TestServer.ADMIN_TOKEN);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).isEqualTo("application/geo+json");
    JsonNode fc = a.json();
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(fc.has("crs")).isFalse();
    assertThat(fc.get("features")).hasSize(incident.size());
    JsonNode a0 = null;
    for (JsonNode f : fc.get("features")) {
      assertThat(f.get("type").asText()).isEqualTo("Feature");
      assertThat(f.at("/geometry/type").asText()).isEqualTo("Point");
      assertThat(f.at("/geometry/coordinates")).hasSize(2);
      if (f.get("id").asText().equals(incident.get("A"))) {
        a0 = f;
      }
    }
    assertThat(a0).isNotNull();
    // [lon, lat]
    assertThat(a0.at("/geometry/coordinates/0").asDouble()).isCloseTo(36.807, within(0.003));
    assertThat(a0.at("/geometry/coordinates/1").asDouble()).isCloseTo(35.866, within(0.003));
    JsonNode p = a0.get("properties");
    assertThat(p.get("type").asText()).isEqualTo("shelling");
    assertThat(p.get("place").asText()).isEqualTo("Sarāqib");
    assertThat(p.get("admin1").asText()).isEqualTo("Idlib");
    assertThat(p.get("reportCount").asInt()).isEqualTo(2);
    assertThat(p.get("sources")).hasSize(2);
    assertThat(p.get("acledEventType").asText()).isEqualTo("Explosions/Remote violence");
    assertThat(p.has("notes") || p.has("description")).as("no report text in the GeoJSON").isFalse();
  }

  @Test
  void zonesGeoJsonHasEveryZoneAsStored() {
    Answer a = get(ZONES, observer);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).isEqualTo("application/geo+json");
    JsonNode fc = a.json();
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(fc.has("crs")).isFalse();
    List<String> ids = new ArrayList<>();
    fc.get("features").forEach(f -> ids.add(f.get("id").asText()));
    assertThat(ids).containsExactly("area-of-operation", "eastern-ghouta", "idlib", "northern-homs", "south");
    JsonNode idlib = fc.get("features").get(2);
    assertThat(idlib.at("/properties/approximate").asBoolean()).isTrue();
    assertThat(idlib.at("/properties/validFrom").asText()).isEqualTo("2017-05-06");
    assertThat(idlib.at("/geometry/type").asText()).isEqualTo("Polygon");
    // [lon, lat]: Idlib lies east of 35.9 and north of 35
    assertThat(idlib.at("/geometry/coordinates/0/0/0").asDouble()).isBetween(35.9, 37.5);
    assertThat(idlib.at("/geometry/coordinates/0/0/1").asDouble()).isBetween(35.0, 36.5);
    assertThat(get(ZONES + "?zone=idlib,south", observer).json().get("features")).hasSize(2);
    assertThat(get(ZONES + "?to=2017-01-01", observer).json().get("features")).hasSize(1); // only the area has no start
  }

  @Test
  void gdalReadsBothGeoJsonExports(@TempDir Path dir) throws Exception {
    Path ogrinfo = Path.of("/usr/bin/ogrinfo");
    Assumptions.assumeTrue(Files.isExecutable(ogrinfo), "GDAL's ogrinfo (Debian: gdal-bin) is not installed");
    Path incidents = dir.resolve("incidents.geojson");
    Files.writeString(incidents, get(GEOJSON, observer).body());
    String out = run(ogrinfo.toString(), "-ro", "-al", "-so", incidents.toString());
    assertThat(out).contains("Geometry: Point", "Feature Count: " + incident.size(), "WGS 84");
    assertThat(out).contains("finding", "admin1", "reportCount");
    Path zones = dir.resolve("zones.geojson");
    Files.writeString(zones, get(ZONES, observer).body());
    assertThat(run(ogrinfo.toString(), "-ro", "-al", "-so", zones.toString())).contains("Feature Count: 5", "Polygon");
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  // ---------------------------------------------------------------- many incidents

  @Test
  void thousandsOfIncidentsAreStreamedWhole() throws Exception {
    // 3,000 reports, a day apart from 2016 on: 3,000 incidents, three times the rows of one database fetch
    int n = 3000;
    StringBuilder ndjson = new StringBuilder();
    LocalDate day = LocalDate.of(2016, 1, 1);
    for (int i = 0; i < n; i++) {
      ndjson.append("{\"source\":{\"type\":\"hotline\",\"party\":\"ICRC\"},\"occurredAt\":\"").append(day.plusDays(i))
          .append("T12:00:00Z\",\"location\":{\"lat\":33.51,\"lon\":36.29},\"type\":\"other\",\"description\":\"bulk ")
          .append(i).append("\"}\n");
    }
    assertThat(ExportStore.FETCH_SIZE * 3).isLessThanOrEqualTo(n);
    try (TestServer many = TestServer.start()) {
      Answer stored = many.post("/api/v1/reports/batch", ndjson.toString().getBytes(StandardCharsets.UTF_8),
          "application/x-ndjson", TestServer.ADMIN_TOKEN);
      assertThat(stored.status()).as(stored.body()).isEqualTo(200);
      assertThat(many.count("incidents")).isEqualTo(n);
      exportsWhole(many, n);
      String q = "?q=" + URLEncoder.encode("bulk 2999", StandardCharsets.UTF_8);
      assertThat(parse(many.get(ACLED + q, TestServer.ADMIN_TOKEN, null).body())).hasSize(2);
    }
  }

  private static void exportsWhole(TestServer many, int n) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : List.of(ACLED, HXL, GEOJSON)) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(many.base + path))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).timeout(Duration.ofSeconds(120)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      // written as it was read: sent in chunks, its length unknown when the answer began
      assertThat(r.headers().firstValue("Content-Length")).as(path).isEmpty();
      assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment; filename=\"truce-");
      Set<String> ids = new HashSet<>();
      if (path.equals(GEOJSON)) {
        Json.MAPPER.readTree(r.body()).get("features").forEach(f -> ids.add(f.get("id").asText()));
      } else {
        List<CSVRecord> rows = parse(r.body());
        rows.subList(path.equals(HXL) ? 2 : 1, rows.size()).forEach(row -> ids.add(row.get(0)));
      }
      assertThat(ids).as(path).hasSize(n);
    }
  }
}
