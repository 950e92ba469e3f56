package org.truce.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.App;
import org.truce.config.Settings;
import org.truce.http.Json;
import org.truce.scenario.ScenarioGenerator;
import org.truce.support.ServerProcess;
import org.truce.support.TestDatabase;

/** Kills the server with SIGKILL in the middle of a bulk import: nothing acknowledged is lost, nothing is doubled. */
@Tag("db")
class CrashRecoveryTest {

  static final String TOKEN = "crash-test-admin-token-0123456789";
  static final int BATCH = 250;

  @Test
  void killDashNineMidImportLosesNothingAcknowledgedAndResendingAddsNoDuplicate() throws Exception {
    String db = TestDatabase.freshUrl();
    Path log = Files.createTempFile("truce-crash-", ".log");
    List<String> lines = scenario(12_000);
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += BATCH) {
      batches.add(lines.subList(i, Math.min(lines.size(), i + BATCH)));
    }
    Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerProcess first = ServerProcess.start(db, TOKEN, log);
    Thread sender = new Thread(() -> {
      for (List<String> b : batches) {
        try {
          JsonNode answer = postBatch(http, first.base, b);
          for (JsonNode r : answer.get("results")) {
            int status = r.get("status").asInt();
            if (status == 201 || status == 200) {
              acknowledged.add(r.get("id").asText());
            }
          }
        } catch (Exception e) {
          return; // the server died under us: whatever was not answered was not acknowledged
        }
      }
    });
    sender.start();
    // kill while batches are in flight: after some are acknowledged, well before all are
    while (acknowledged.size() < lines.size() / 4 && sender.isAlive()) {
      Thread.sleep(5);
    }
    first.kill9();
    sender.join(60_000);
    assertThat(acknowledged).hasSizeGreaterThan(0).hasSizeLessThan(lines.size());

    try (ServerProcess second = ServerProcess.start(db, TOKEN, log)) {
      for (String id : acknowledged) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(second.base + "/api/v1/reports/" + id))
            .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("acknowledged report %s after kill -9", id).isEqualTo(200);
      }
      int created = 0;
      int existing = 0;
      for (List<String> b : batches) {
        JsonNode a = postBatch(http, second.base, b);
        assertThat(a.get("rejected").asInt()).isZero();
        created += a.get("created").asInt();
        existing += a.get("existing").asInt();
      }
      assertThat(existing).isGreaterThanOrEqualTo(acknowledged.size());
      assertThat(created + existing).isEqualTo(lines.size());
      int again = 0;
      for (List<String> b : batches) {
        again += postBatch(http, second.base, b).get("created").asInt();
      }
      assertThat(again).as("re-sending the whole file creates nothing").isZero();
    }
    Settings s = Settings.fromEnvironment(Map.of()).withDbUrl(db);
    try (App app = App.open(s, Clock.systemUTC())) {
      int stored = app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from reports").mapTo(Integer.class).one());
      assertThat(stored).isEqualTo(lines.size());
      int orphans = app.db.jdbi().withHandle(h -> h.createQuery(
          "select count(*) from reports r left join incidents i on i.id = r.incident_id where i.id is null").mapTo(Integer.class).one());
      assertThat(orphans).as("every report has its incident").isZero();
    }
  }

  private static JsonNode postBatch(HttpClient http, String base, List<String> lines) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports/batch"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/x-ndjson")
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines), StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  private static List<String> scenario(int max) {
    List<String> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Iterator<ScenarioGenerator.Generated> it = new ScenarioGenerator(
        new ScenarioGenerator.Options(LocalDate.of(2026, 10, 1), 30, 11, 1.0, 1.0)).iterator();
    while (it.hasNext() && out.size() < max) {
      ScenarioGenerator.Generated g = it.next();
      if (ids.add(g.report().get("id").asText())) {
        out.add(g.report().toString());
      }
    }
    return out;
  }
}
