package org.truce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.config.Settings;
import org.truce.http.Json;
import org.truce.reports.BulkImport;
import org.truce.support.TestDatabase;

/** `truce import`: accepted lines are stored, rejected ones go to the error file with their line number and reasons. */
@Tag("db")
class ImportCommandTest {

  @TempDir
  Path dir;
  App app;

  @BeforeEach
  void open() {
    app = App.open(Settings.fromEnvironment(Map.of()).withDbUrl(TestDatabase.freshUrl()), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    app.close();
  }

  static String report(int n, String type) {
    return "{\"id\":\"00000000-0000-4000-8000-" + String.format("%012d", n) + "\",\"source\":{\"type\":\"party_complaint\","
        + "\"party\":\"SY-OPP\"},\"occurredAt\":\"2026-11-0" + (1 + n % 9) + "T10:00:00+03:00\",\"location\":{\"lat\":35.864,"
        + "\"lon\":36.806},\"type\":\"" + type + "\",\"allegedPerpetrator\":\"SY-GOV\",\"description\":\"line " + n + "\"}";
  }

  @Test
  void ndjsonImportStoresGoodLinesAndReportsBadOnesByLineNumber() throws Exception {
    Path file = dir.resolve("reports.ndjson");
    Files.writeString(file, String.join("\n", List.of(report(1, "shelling"), report(2, "air_strike"), "{\"id\": ",
        report(4, "sniper_fire"), "", report(6, "teleportation"), report(7, "shelling"))) + "\n");
    Path errors = dir.resolve("errors.ndjson");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    BulkImport.Summary s = BulkImport.run(app.parser, app.ingest, file, false, errors, 2, new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertThat(s.lines()).isEqualTo(6);
    assertThat(s.created()).isEqualTo(4);
    assertThat(s.rejected()).isEqualTo(2);
    List<String> errorLines = Files.readAllLines(errors);
    assertThat(errorLines).hasSize(2);
    JsonNode first = Json.MAPPER.readTree(errorLines.get(0));
    JsonNode second = Json.MAPPER.readTree(errorLines.get(1));
    assertThat(first.get("line").asInt()).isEqualTo(3);
    assertThat(first.get("errors").get(0).get("message").asText()).contains("malformed JSON");
    assertThat(second.get("line").asInt()).isEqualTo(6);
    assertThat(second.get("errors").get(0).get("field").asText()).isEqualTo("type");
    assertThat(count("reports")).isEqualTo(4);

    BulkImport.Summary again = BulkImport.run(app.parser, app.ingest, file, false, errors, 500, null);
    assertThat(again.created()).isZero();
    assertThat(again.existing()).isEqualTo(4);
    assertThat(count("reports")).isEqualTo(4);
  }

  @Test
  void aLineThatIsNotUtf8IsRefusedAloneAndTheRestIsStored() throws Exception {
    Path file = dir.resolve("mixed.ndjson");
    byte[] bad = "{\"description\": \"\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    try (var out = Files.newOutputStream(file)) {
      out.write((report(1, "shelling") + "\n").getBytes(StandardCharsets.UTF_8));
      out.write(bad);
      out.write(("\n" + report(3, "shelling") + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Path errors = dir.resolve("errors.ndjson");

    BulkImport.Summary s = BulkImport.run(app.parser, app.ingest, file, false, errors, 100, null);

    assertThat(s.created()).isEqualTo(2);
    assertThat(s.rejected()).isEqualTo(1);
    assertThat(Files.readString(errors)).contains("\"line\":2").contains("UTF-8");
  }

  @Test
  void csvImportMapsColumnsAndNamesBadFields() throws Exception {
    Path file = dir.resolve("reports.csv");
    String header = "id,source_type,source_party,source_reference,occurred_at,occurred_until,time_precision,lat,lon,"
        + "precision_km,place_name,type,alleged_perpetrator,weapons,civilians_killed,civilians_injured,combatants_killed,"
        + "combatants_injured,description,language";
    Files.writeString(file, header + "\n"
        + "00000000-0000-4000-8000-000000000101,party_complaint,SY-GOV,ref-1,2026-11-02T08:00:00+03:00,,hour,,,,Saraqib,"
        + "shelling,SY-OPP,mortar;MLRS,1,2,0,0,\"قصف, \"\"هاون\"\"\",ar\n"
        + "00000000-0000-4000-8000-000000000102,party_complaint,SY-GOV,ref-2,2026-11-02T08:00:00+03:00,,minute,north,36.8,,,"
        + "shelling,SY-OPP,,,,,,x,en\n"
        + "00000000-0000-4000-8000-000000000103,monitor_observation,RU,ref-3,2026-11-03T08:00:00+03:00,,minute,32.62,36.10,2,,"
        + "small_arms_fire,unknown,,-1,,,,,en\n");
    Path errors = dir.resolve("errors.ndjson");

    BulkImport.Summary s = BulkImport.run(app.parser, app.ingest, file, true, errors, 100, null);

    assertThat(s.created()).isEqualTo(1);
    assertThat(s.rejected()).isEqualTo(2);
    List<String> errorLines = Files.readAllLines(errors);
    assertThat(errorLines.get(0)).contains("\"line\":3").contains("location.lat");
    assertThat(errorLines.get(1)).contains("\"line\":4").contains("casualties.civiliansKilled");
    String description = app.db.jdbi().withHandle(h -> h.createQuery("select description from reports").mapTo(String.class).one());
    assertThat(description).isEqualTo("قصف, \"هاون\"");
    String weapons = app.db.jdbi().withHandle(h -> h.createQuery("select weapons from reports").mapTo(String.class).one());
    assertThat(weapons).contains("mortar").contains("MLRS");
  }

  private int count(String table) {
    return app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from " + table).mapTo(Integer.class).one());
  }
}
