package org.truce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.http.Json;
import org.truce.support.TestServer;

/** `truce export`: the API's exports written to a file, with the same filters and checks, from the database. */
@Tag("db")
class ExportCommandTest {

  @TempDir
  Path dir;
  String url;

  @BeforeEach
  void twoIncidents() {
    try (TestServer server = TestServer.start()) {
      url = server.app.settings.dbUrl();
      report(server, 35.864, 36.806, "shelling", "Shells hit the market");
      report(server, 32.62, 36.10, "air_strike", "=cmd|' /C calc'!A0");
    }
    // H2 admits one process at a time: the command opens the database once the server is closed
  }

  private static void report(TestServer server, double lat, double lon, String type, String description) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", UUID.randomUUID().toString());
    r.putObject("source").put("type", "party_complaint").put("party", "SY-OPP");
    r.put("occurredAt", "2026-11-10T08:00:00Z");
    r.putObject("location").put("lat", lat).put("lon", lon);
    r.put("type", type);
    r.put("allegedPerpetrator", "SY-GOV");
    r.put("description", description);
    assertThat(server.post("/api/v1/reports", r.toString()).status()).isEqualTo(201);
  }

  record Run(int code, String out, String err) {}

  private Run truce(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--db");
    all.add(url);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new Run(Truce.run(all.toArray(String[]::new)), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static List<CSVRecord> csv(String text) throws IOException {
    return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
  }

  @Test
  void acledWithAFilter() throws IOException {
    Path file = dir.resolve("idlib.csv");
    Run r = truce("export", "incidents", "--format", "acled", "--zone", "idlib", "--out", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("exported 1 incidents to " + file + " (acled)");
    List<CSVRecord> rows = csv(Files.readString(file));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get(0)).isEqualTo("event_id_cnty");
    assertThat(rows.get(1).get(6)).isEqualTo("Shelling/artillery/missile attack");
    assertThat(Files.exists(dir.resolve("idlib.csv.part"))).isFalse();
  }

  @Test
  void reportTextOnlyWhenAskedFor() throws IOException {
    Path open = dir.resolve("open.hxl.csv");
    assertThat(truce("export", "incidents", "--format", "hxl", "--out", open.toString()).code()).isZero();
    List<CSVRecord> rows = csv(Files.readString(open));
    assertThat(rows).hasSize(4);
    assertThat(rows.get(1).get(0)).isEqualTo("#event +id");
    assertThat(Files.readString(open)).doesNotContain("market", "calc");

    Path full = dir.resolve("full.hxl.csv");
    assertThat(truce("export", "incidents", "--format", "hxl", "--with-report-text", "--out", full.toString()).code()).isZero();
    assertThat(Files.readString(full)).contains("First report: Shells hit the market", "First report: =cmd|' /C calc'!A0");
    for (CSVRecord row : csv(Files.readString(full))) {
      row.forEach(cell -> assertThat(cell).doesNotStartWith("="));
    }
  }

  @Test
  void geoJsonOfIncidentsAndOfZones() throws IOException {
    Path incidents = dir.resolve("incidents.geojson");
    assertThat(truce("export", "incidents", "--out", incidents.toString()).code()).isZero();
    JsonNode fc = Json.MAPPER.readTree(Files.readString(incidents));
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(fc.get("features")).hasSize(2);

    Path zones = dir.resolve("zones.geojson");
    Run r = truce("export", "zones", "--format", "geojson", "--zone", "idlib,area-of-operation", "--out", zones.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("exported 2 zones");
    assertThat(Json.MAPPER.readTree(Files.readString(zones)).get("features")).hasSize(2);
  }

  @Test
  void toStandardOutput() throws IOException {
    Run r = truce("export", "incidents", "--format", "acled", "--type", "air_strike", "--out", "-");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(csv(r.out())).hasSize(2);
    assertThat(r.err()).startsWith("exported 1 incidents to standard output");
  }

  @Test
  void badFiltersAndFormatsExit2NamingTheOption() {
    Path file = dir.resolve("never.csv");
    Run r = truce("export", "incidents", "--format", "acled", "--zone", "atlantis", "--from", "yesterday", "--out", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--from: must be a date", "--zone: unknown value 'atlantis'");
    assertThat(Files.exists(file)).isFalse();
    assertThat(truce("export", "incidents", "--format", "shapefile", "--out", file.toString()).err())
        .contains("--format must be geojson, acled, hxl");
    assertThat(truce("export", "zones", "--format", "acled", "--out", file.toString()).code()).isEqualTo(2);
    assertThat(truce("export", "reports", "--out", file.toString()).code()).isEqualTo(2);
    assertThat(Files.exists(file)).isFalse();
  }
}
