package org.truce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.access.Role;
import org.truce.http.Json;
import org.truce.support.Cli;
import org.truce.support.Cli.Run;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/**
 * `truce bulletin ...`: a bulletin written to a file, and the guarantors' offline round: keygen, sign the drafted
 * bulletin, and anyone verifying the issued one from the file and the public keys alone.
 */
class BulletinCommandTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    String opp = server.token("reporter-opp", "SY-OPP", Role.REPORTER);
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", UUID.randomUUID().toString());
    r.putObject("source").put("type", "party_complaint").put("party", "SY-OPP");
    r.put("occurredAt", "2026-11-20T14:30:00+03:00");
    r.putObject("location").put("lat", 35.864).put("lon", 36.806);
    r.put("type", "shelling");
    r.put("allegedPerpetrator", "SY-GOV");
    assertThat(server.request("POST", "/api/v1/reports", r.toString(), opp).status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Run truce(String... args) {
    return Cli.run(args);
  }

  @Test
  void writesABulletinInEachFormat(@TempDir Path dir) throws Exception {
    String db = server.app.settings.dbUrl();
    for (String format : List.of("json", "html", "pdf")) {
      Path f = dir.resolve("day." + format);
      Run run = truce("bulletin", "--from", "2026-11-20", "--to", "2026-11-20", "--format", format, "--out", f.toString(), "--db", db);
      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.out()).contains("1 incidents");
      byte[] b = Files.readAllBytes(f);
      switch (format) {
        case "json" -> assertThat(Json.MAPPER.readTree(b).at("/totals/incidents").asLong()).isEqualTo(1);
        case "html" -> assertThat(new String(b, StandardCharsets.UTF_8)).contains("Ceasefire monitoring bulletin");
        default -> assertThat(new String(b, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      }
    }
    Run bad = truce("bulletin", "--from", "someday", "--format", "pdf", "--out", dir.resolve("x").toString(), "--db", db);
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--from");
  }

  @Test
  void guarantorsSignOfflineAndAnyoneVerifiesOffline(@TempDir Path dir) throws Exception {
    Map<String, String> tokens = Map.of("IR", server.token("rev-ir", "IR", Role.REVIEWER),
        "RU", server.token("rev-ru", "RU", Role.REVIEWER), "TR", server.token("rev-tr", "TR", Role.REVIEWER));
    Map<String, String> keyIds = new java.util.HashMap<>();
    for (String p : List.of("IR", "RU", "TR")) {
      Run k = truce("bulletin", "keygen", "--out", dir.resolve(p).toString());
      assertThat(k.code()).as(k.err()).isZero();
      assertThat(truce("bulletin", "keygen", "--out", dir.resolve(p).toString()).code()).isEqualTo(2); // never overwritten
      Answer a = server.request("POST", "/api/v1/guarantor-keys", Json.MAPPER.createObjectNode()
          .put("publicKey", Files.readString(dir.resolve(p + ".pub"))).toString(), tokens.get(p));
      assertThat(a.status()).as(a.body()).isEqualTo(201);
      keyIds.put(p, a.json().get("id").asText());
    }
    String coordinator = server.token("coord", "SEC", Role.COORDINATOR);
    Answer d = server.request("POST", "/api/v1/bulletins", "{\"from\":\"2026-11-20\",\"to\":\"2026-11-20\"}", coordinator);
    assertThat(d.status()).as(d.body()).isEqualTo(201);
    String id = d.json().get("id").asText();

    Path draft = dir.resolve("draft.json");
    for (String p : List.of("IR", "RU", "TR")) {
      Files.writeString(draft, server.request("GET", "/api/v1/bulletins/" + id + "/signed", null, tokens.get(p)).body());
      Run s = truce("bulletin", "sign", draft.toString(), "--key", dir.resolve(p + ".key").toString());
      assertThat(s.code()).as(s.err()).isZero();
      Answer a = server.request("POST", "/api/v1/bulletins/" + id + "/signatures", Json.MAPPER.createObjectNode()
          .put("keyId", keyIds.get(p)).put("signature", s.out().trim()).toString(), tokens.get(p));
      assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    Path issued = dir.resolve("issued.json");
    Files.writeString(issued, server.request("GET", "/api/v1/bulletins/" + id + "/signed", null, TestServer.ADMIN_TOKEN).body());
    Run ok = truce("bulletin", "verify", issued.toString(), "--key", "IR=" + dir.resolve("IR.pub"), "--key", "RU=" + dir.resolve("RU.pub"),
        "--key", "TR=" + dir.resolve("TR.pub"));
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("VALID bulletin").contains("3 of 3");

    Path keys = dir.resolve("keys.json");
    Files.writeString(keys, server.request("GET", "/api/v1/guarantor-keys", null, TestServer.ADMIN_TOKEN).body());
    assertThat(truce("bulletin", "verify", issued.toString(), "--keys", keys.toString()).code()).isZero();

    // a key that is not the guarantor's, a changed figure, no keys at all: not valid
    Run other = truce("bulletin", "keygen", "--out", dir.resolve("X").toString());
    assertThat(other.code()).isZero();
    Run wrong = truce("bulletin", "verify", issued.toString(), "--key", "IR=" + dir.resolve("X.pub"), "--key", "RU=" + dir.resolve("RU.pub"),
        "--key", "TR=" + dir.resolve("TR.pub"));
    assertThat(wrong.code()).isEqualTo(1);
    assertThat(wrong.out()).contains("FAIL  IR").contains("INVALID");
    JsonNode doc = Json.MAPPER.readTree(Files.readAllBytes(issued));
    ((ObjectNode) doc.at("/bulletin/totals")).put("incidents", 0);
    Path changed = dir.resolve("changed.json");
    Files.write(changed, Json.MAPPER.writeValueAsBytes(doc));
    assertThat(truce("bulletin", "verify", changed.toString(), "--keys", keys.toString()).code()).isEqualTo(1);
    Run none = truce("bulletin", "verify", issued.toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("public keys");
    // majority: two of three trusted keys suffice
    assertThat(truce("bulletin", "verify", issued.toString(), "--rule", "majority", "--key", "IR=" + dir.resolve("X.pub"),
        "--key", "RU=" + dir.resolve("RU.pub"), "--key", "TR=" + dir.resolve("TR.pub")).code()).isEqualTo(1);
  }
}
