package org.truce.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/**
 * The map's clusters over HTTP: 1,200 incidents in two towns, counted per grid cell in SQL; few incidents come as
 * single points; the list's filters apply; bad parameters are 422.
 */
@Tag("db")
class ClusterApiTest {

  static TestServer server;
  static final String CLUSTERS = "/api/v1/incidents/clusters";

  @BeforeAll
  static void seed() throws Exception {
    server = TestServer.start();
    // 1,000 incidents around Saraqib (Idlib), 200 around Daraa (south); every 10th verified; November 2026
    try (Connection c = server.app.db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "insert into incidents(id, founder_report, t_start, t_end, time_precision, lat, lon, precision_km, geo_precision,"
            + " zone_id, type, perpetrator, perpetrators, report_count, needs_review, finding, search_text, created_at, updated_at)"
            + " values (?,?,?,?,'minute',?,?,1.0,1,?,'shelling','SY-GOV','SY-GOV',1,false,?,'',?,?)")) {
      for (int i = 0; i < 1200; i++) {
        boolean north = i < 1000;
        OffsetDateTime t = OffsetDateTime.of(2026, 11, 1 + i % 28, 10, 0, 0, 0, ZoneOffset.UTC);
        ps.setObject(1, UUID.randomUUID());
        ps.setObject(2, UUID.randomUUID());
        ps.setObject(3, t);
        ps.setObject(4, t);
        ps.setDouble(5, (north ? 35.86 : 32.62) + (i % 10) * 0.001);
        ps.setDouble(6, (north ? 36.80 : 36.10) + (i % 7) * 0.001);
        ps.setString(7, north ? "idlib" : "south");
        ps.setString(8, i % 10 == 0 ? "verified" : "open");
        ps.setObject(9, t);
        ps.setObject(10, t);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void manyIncidentsComeAsCellsWithCountsByFinding() {
    JsonNode v = server.get(CLUSTERS + "?zoom=6&bbox=35,32,43,38").json();
    assertThat(v.get("total").asLong()).isEqualTo(1200);
    assertThat(v.get("findings").get("verified").asLong()).isEqualTo(120);
    assertThat(v.get("findings").get("open").asLong()).isEqualTo(1080);
    assertThat(v.get("points")).isEmpty();
    assertThat(v.get("cells")).hasSize(2);
    JsonNode saraqib = v.get("cells").get(0).get("count").asLong() == 1000 ? v.get("cells").get(0) : v.get("cells").get(1);
    assertThat(saraqib.get("count").asLong()).isEqualTo(1000);
    assertThat(saraqib.get("findings").get("verified").asLong()).isEqualTo(100);
    assertThat(saraqib.get("lat").asDouble()).isBetween(35.86, 35.87);
    assertThat(saraqib.get("findings").has("disputed")).as("findings without incidents are left out").isFalse();
    assertThat(v.get("cellDegrees").asDouble()).isEqualTo(360.0 / 64 / 4);
  }

  @Test
  void theFiltersOfTheListApply() {
    JsonNode v = server.get(CLUSTERS + "?zoom=6&zone=south&finding=verified").json();
    assertThat(v.get("total").asLong()).isEqualTo(20);
    assertThat(v.get("points")).as("few: single points").hasSize(20);
    JsonNode p = v.get("points").get(0);
    assertThat(p.get("finding").asText()).isEqualTo("verified");
    assertThat(server.get("/api/v1/incidents/" + p.get("id").asText()).status()).isEqualTo(200);
    assertThat(server.get(CLUSTERS + "?zoom=6&from=2026-11-01&to=2026-11-01").json().get("total").asLong())
        .as("one day of 28").isEqualTo(43);
  }

  @Test
  void aSmallViewAtHighZoomShowsSinglePoints() {
    JsonNode v = server.get(CLUSTERS + "?zoom=14&bbox=36.09,32.61,36.12,32.64").json();
    assertThat(v.get("total").asLong()).isEqualTo(200);
    assertThat(v.get("cells")).isEmpty();
    assertThat(v.get("points")).hasSize(200);
  }

  @Test
  void badParametersAreRefusedNamingTheField() {
    for (String q : new String[] {"zoom=23", "zoom=x", "bbox=1,2,3", "bbox=40,30,35,38", "limit=5", "finding=maybe"}) {
      Answer a = server.get(CLUSTERS + "?" + q);
      assertThat(a.status()).as(q).isEqualTo(422);
      assertThat(a.body()).contains("\"field\":\"" + q.substring(0, q.indexOf('=')) + "\"");
    }
  }

  @Test
  void placesAreFoundByWhatIsTypedInEitherScript() {
    JsonNode latin = server.get("/api/v1/places?q=saraq&limit=3").json().get("items");
    assertThat(latin.get(0).get("name").asText()).isEqualTo("Sarāqib");
    JsonNode arabic = server.get("/api/v1/places?q=" + java.net.URLEncoder.encode("سراقب", java.nio.charset.StandardCharsets.UTF_8)).json();
    assertThat(arabic.get("items").get(0).get("name").asText()).isEqualTo("Sarāqib");
    assertThat(arabic.get("items").get(0).get("lat").asDouble()).isBetween(35.8, 35.9);
    assertThat(server.get("/api/v1/places?q=Saraqeeb").json().get("items").get(0).get("name").asText())
        .as("misspelt: the closest").isEqualTo("Sarāqib");
    assertThat(server.get("/api/v1/places").status()).isEqualTo(422);
    assertThat(server.get("/api/v1/places?q=x&limit=51").status()).isEqualTo(422);
  }
}
