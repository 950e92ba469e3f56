package org.truce.bulletins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.access.Role;
import org.truce.http.Json;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/** The database refuses to change or remove bulletins and signatures, while draft, sign and issue go on as before. */
@Tag("db")
class BulletinImmutabilityTest {

  private static TestServer server;
  private static String coordinator;
  private static String issued;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    coordinator = server.token("coordinator", "SEC", Role.COORDINATOR);
    String opp = server.token("reporter-opp", "SY-OPP", Role.REPORTER);
    BulletinApiTest.report(server, opp, "SY-OPP", "SY-GOV", "2026-11-12T10:00:00+03:00", 35.864, 36.806, null, null, "shelling");

    // the whole flow over HTTP: draft, three guarantors sign, issued
    issued = draft("2026-11-12");
    JsonNode doc = server.request("GET", "/api/v1/bulletins/" + issued + "/signed", null, coordinator).json();
    byte[] bytes = SignedDocument.signedBytes(doc);
    Answer last = null;
    for (String party : List.of("IR", "RU", "TR")) {
      String token = server.token("reviewer-" + party, party, Role.REVIEWER);
      KeyPair k = Ed25519.generate();
      Answer key = server.request("POST", "/api/v1/guarantor-keys",
          Json.MAPPER.createObjectNode().put("publicKey", Ed25519.pem(k.getPublic())).toString(), token);
      assertThat(key.status()).as(key.body()).isEqualTo(201);
      last = server.request("POST", "/api/v1/bulletins/" + issued + "/signatures", Json.MAPPER.createObjectNode()
          .put("keyId", key.json().get("id").asText()).put("signature", Ed25519.sign(k.getPrivate(), bytes)).toString(), token);
      assertThat(last.status()).as(last.body()).isEqualTo(201);
    }
    assertThat(last.json().get("status").asText()).isEqualTo("issued");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String draft(String day) {
    Answer d = server.request("POST", "/api/v1/bulletins",
        Json.MAPPER.createObjectNode().put("from", day).put("to", day).put("note", "as drafted").toString(), coordinator);
    assertThat(d.status()).as(d.body()).isEqualTo(201);
    return d.json().get("id").asText();
  }

  private static void sql(String statement) {
    server.app.db.jdbi().useHandle(h -> h.execute(statement));
  }

  @Test
  void anIssuedBulletinCannotBeChangedNorDeleted() {
    String where = " where id = '" + issued + "'";
    assertThatThrownBy(() -> sql("update bulletins set content = '{}'" + where)).hasMessageContaining("immutable");
    assertThatThrownBy(() -> sql("update bulletins set internal_note = 'changed'" + where)).hasMessageContaining("immutable");
    assertThatThrownBy(() -> sql("update bulletins set issued_at = null" + where)).hasMessageContaining("immutable");
    assertThatThrownBy(() -> sql("update bulletins set issued_at = current_timestamp" + where)).hasMessageContaining("immutable");
    assertThatThrownBy(() -> sql("delete from bulletins" + where)).hasMessageContaining("immutable");
    if (server.app.db.isPostgres()) {
      assertThatThrownBy(() -> sql("truncate bulletins cascade")).hasMessageContaining("immutable");
    }
    JsonNode b = server.request("GET", "/api/v1/bulletins/" + issued, null, coordinator).json();
    assertThat(b.get("status").asText()).isEqualTo("issued");
    assertThat(b.at("/bulletin/draft/note").asText()).isEqualTo("as drafted");
  }

  @Test
  void signaturesCannotBeChangedNorDeleted() {
    String where = " where bulletin_id = '" + issued + "'";
    assertThatThrownBy(() -> sql("update bulletin_signatures set signature = 'forged'" + where)).hasMessageContaining("immutable");
    assertThatThrownBy(() -> sql("update bulletin_signatures set signed_at = current_timestamp" + where)).hasMessageContaining("immutable");
    assertThatThrownBy(() -> sql("delete from bulletin_signatures" + where)).hasMessageContaining("immutable");
    if (server.app.db.isPostgres()) {
      assertThatThrownBy(() -> sql("truncate bulletin_signatures")).hasMessageContaining("immutable");
    }
    assertThat(server.request("GET", "/api/v1/bulletins/" + issued, null, coordinator).json().get("signatures")).hasSize(3);
  }

  @Test
  void aDraftIsIssuedOnceAndOtherwiseUntouched() {
    String id = draft("2026-11-13");
    String where = " where id = '" + id + "'";
    // setting issued_at together with anything else is refused; alone, from null, it is the issue step
    assertThatThrownBy(() -> sql("update bulletins set issued_at = current_timestamp, content_sha256 = 'x'" + where))
        .hasMessageContaining("immutable");
    assertThatThrownBy(() -> sql("update bulletins set number = number + 1000" + where)).hasMessageContaining("immutable");
    assertThatThrownBy(() -> sql("delete from bulletins" + where)).hasMessageContaining("immutable");
    sql("update bulletins set issued_at = current_timestamp" + where);
    assertThatThrownBy(() -> sql("update bulletins set issued_at = current_timestamp" + where)).hasMessageContaining("immutable");
  }
}
