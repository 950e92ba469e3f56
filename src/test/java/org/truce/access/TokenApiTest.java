package org.truce.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.audit.AuditLog;
import org.truce.audit.AuditVerifier;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/** Every user's own API tokens over HTTP: issued once, listed without secret, revoked at once, others' unseen. */
@Tag("db")
class TokenApiTest {

  private static final String TOKENS = "/api/v1/tokens";

  /** A clock a test moves by hand: the token cache's expiry is tested without sleeping. */
  static final class MovableClock extends Clock {
    volatile Instant now = Instant.parse("2026-11-20T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static final MovableClock clock = new MovableClock();
  static TestServer t;
  String alice;
  String bob;

  @BeforeAll
  static void start() {
    t = TestServer.start(clock);
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @BeforeEach
  void users() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    alice = t.token("alice-" + run, "SY-OPP", Role.REPORTER);
    bob = t.token("bob-" + run, "RU", Role.REVIEWER);
  }

  private Answer issue(String token, String label) {
    return t.request("POST", TOKENS, "{\"label\": \"" + label + "\"}", token);
  }

  private Answer list(String token) {
    return t.request("GET", TOKENS, null, token);
  }

  @Test
  void anIssuedTokenIsShownOnceAndWorks() throws Exception {
    Answer a = issue(alice, "field laptop");
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    JsonNode n = a.json();
    assertThat(n.fieldNames()).toIterable().containsExactly("id", "label", "createdAt", "token");
    assertThat(n.get("label").asText()).isEqualTo("field laptop");
    assertThat(n.get("createdAt").asText()).isEqualTo(clock.now.toString());
    String secret = n.get("token").asText();
    assertThat(secret).startsWith("truce_").hasSizeGreaterThan(40);

    Answer mine = list(secret);
    assertThat(mine.status()).as("the new token authenticates").isEqualTo(200);
    assertThat(mine.body()).doesNotContain(secret).doesNotContain(Users.hash(secret));
    assertThat(t.get("/api/v1/zones", secret, null).status()).isEqualTo(200);

    // the answer that issues a token must not be kept by caches
    HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(t.base + TOKENS))
        .header("Authorization", "Bearer " + alice).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"cache check\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(raw.statusCode()).isEqualTo(201);
    assertThat(raw.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void tokensAreListedWithoutSecretOrHash() {
    String secret = issue(alice, "second").json().get("token").asText();
    Answer a = list(alice);
    assertThat(a.status()).isEqualTo(200);
    JsonNode items = a.json().get("items");
    assertThat(items).hasSize(2);
    for (JsonNode item : items) {
      assertThat(item.fieldNames()).toIterable().containsExactly("id", "label", "createdAt", "revokedAt");
      assertThat(item.get("revokedAt").isNull()).isTrue();
    }
    assertThat(items.get(0).get("label").asText()).as("newest first").isIn("second", "initial");
    assertThat(a.body()).doesNotContain(secret).doesNotContain(alice)
        .doesNotContain(Users.hash(secret)).doesNotContain(Users.hash(alice))
        .doesNotContain(Users.hash(alice).substring(0, 16));
  }

  @Test
  void aRevokedTokenStopsWorkingAtOnceAndRevokingAgainChangesNothing() {
    JsonNode issued = issue(alice, "to revoke").json();
    String secret = issued.get("token").asText();
    String id = issued.get("id").asText();
    assertThat(list(secret).status()).as("used once, so cached").isEqualTo(200);

    assertThat(t.request("DELETE", TOKENS + "/" + id, null, alice).status()).isEqualTo(204);
    assertThat(list(secret).status()).as("refused at once, not after the cache time").isEqualTo(401);
    assertThat(list(alice).status()).as("the user's other tokens still work").isEqualTo(200);

    assertThat(t.request("DELETE", TOKENS + "/" + id, null, alice).status()).as("idempotent").isEqualTo(204);
    JsonNode listed = find(list(alice).json().get("items"), id);
    assertThat(listed.get("revokedAt").asText()).isEqualTo(clock.now.toString());
    assertThat(actions("token.revoke", id)).as("one entry, not two").hasSize(1);
  }

  @Test
  void aTokenCanRevokeItself() {
    String id = find(list(alice).json().get("items"), null).get("id").asText();
    assertThat(t.request("DELETE", TOKENS + "/" + id, null, alice).status()).isEqualTo(204);
    assertThat(list(alice).status()).isEqualTo(401);
  }

  @Test
  void anotherUsersTokenIsNotFound() {
    String bobsId = find(list(bob).json().get("items"), null).get("id").asText();
    Answer a = t.request("DELETE", TOKENS + "/" + bobsId, null, alice);
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.body()).doesNotContain("bob-");
    Answer unknown = t.request("DELETE", TOKENS + "/" + UUID.randomUUID(), null, alice);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(a.json().get("title")).isEqualTo(unknown.json().get("title"));
    assertThat(t.request("DELETE", TOKENS + "/not-a-token-id", null, alice).status()).isEqualTo(404);
    assertThat(list(bob).status()).as("bob's token untouched").isEqualTo(200);
    assertThat(list(alice).json().get("items").toString()).doesNotContain(bobsId);
  }

  @Test
  void withoutCredentialsEveryTokenRouteIs401() {
    assertThat(list(null).status()).isEqualTo(401);
    assertThat(issue(null, "x").status()).isEqualTo(401);
    assertThat(t.request("DELETE", TOKENS + "/" + UUID.randomUUID(), null, null).status()).isEqualTo(401);
    assertThat(list("truce_not-a-real-token").status()).isEqualTo(401);
  }

  @Test
  void aBadLabelIsRefusedNamingTheField() {
    for (String body : List.of("{}", "{\"label\": \"\"}", "{\"label\": \"   \"}", "{\"label\": 7}",
        "{\"label\": \"" + "x".repeat(201) + "\"}", "{\"label\": \"a\\nb\"}")) {
      Answer a = t.request("POST", TOKENS, body, alice);
      assertThat(a.status()).as(body).isEqualTo(422);
      assertThat(a.json().get("errors").get(0).get("field").asText()).as(body).isEqualTo("label");
    }
    assertThat(t.request("POST", TOKENS, "{\"label\": \"" + "x".repeat(200) + "\"}", alice).status()).isEqualTo(201);

    Answer extra = t.request("POST", TOKENS, "{\"label\": \"ok\", \"userId\": \"x\"}", alice);
    assertThat(extra.status()).isEqualTo(422);
    assertThat(extra.json().get("errors").get(0).get("field").asText()).isEqualTo("userId");
    assertThat(extra.json().get("errors").get(0).get("message").asText()).contains("allowed here: label");
    Answer array = t.request("POST", TOKENS, "[]", alice);
    assertThat(array.status()).isEqualTo(422);
    assertThat(array.json().get("errors").get(0).get("field").asText()).isEqualTo("body");
    assertThat(t.post(TOKENS, "{\"label\":\"x\"}".getBytes(), "text/plain", alice).status()).isEqualTo(415);
    assertThat(t.request("POST", TOKENS, "{\"label\":", alice).status()).isEqualTo(400);
  }

  @Test
  void aUserHoldsAtMostAHundredUnrevokedTokens() {
    UUID aliceId = t.app.users.authenticate(alice).orElseThrow().id();
    // straight into the table, in one transaction: the bound is under test, not issuing
    t.app.db.jdbi().useTransaction(h -> {
      var batch = h.prepareBatch("insert into api_tokens(token_hash, user_id, label, created_at) values (:hash, :user, :label, :at)");
      for (int i = 1; i < Tokens.MAX_ACTIVE; i++) {
        batch.bind("hash", Users.hash("bulk-" + aliceId + "-" + i)).bind("user", aliceId).bind("label", "bulk " + i)
            .bind("at", java.time.OffsetDateTime.now(clock)).add();
      }
      batch.execute();
    });
    Answer a = issue(alice, "one too many");
    assertThat(a.status()).isEqualTo(409);
    assertThat(a.json().get("detail").asText()).contains("revoke one first");
    String some = find(list(alice).json().get("items"), null).get("id").asText();
    t.request("DELETE", TOKENS + "/" + some, null, alice);
    assertThat(issue(alice, "after a revocation").status()).isEqualTo(201);
  }

  @Test
  void tokenChangesAreAuditedWithoutSecretsAndTheChainHolds() {
    JsonNode issued = issue(alice, "audited").json();
    String id = issued.get("id").asText();
    String secret = issued.get("token").asText();
    t.request("DELETE", TOKENS + "/" + id, null, alice);

    UUID aliceId = t.app.users.authenticate(alice).orElseThrow().id();
    for (String action : List.of("token.create", "token.revoke")) {
      List<AuditLog.Entry> e = actions(action, id);
      assertThat(e).as(action).hasSize(1);
      assertThat(e.get(0).userId()).isEqualTo(aliceId);
      assertThat(e.get(0).party()).isEqualTo("SY-OPP");
      assertThat(e.get(0).entityType()).isEqualTo("token");
      assertThat(e.get(0).change()).contains("\"label\":\"audited\"").contains(aliceId.toString());
    }
    List<String> changes = t.app.db.jdbi().withHandle(h -> h.createQuery("select change from audit_log").mapTo(String.class).list());
    String all = String.join("\n", changes);
    assertThat(all).doesNotContain(secret).doesNotContain(Users.hash(secret)).doesNotContain(alice)
        .doesNotContain(Users.hash(alice));
    AuditVerifier.Result r = new AuditVerifier(t.app.db.jdbi()).verify(null);
    assertThat(r.ok()).as(r.problem()).isTrue();
  }

  @Test
  void anotherProcessStopsAcceptingARevokedTokenWithinTheCacheTime() {
    // a second Users over the same database stands for another server, with its own cache
    Users other = new Users(t.app.db.jdbi(), t.app.audit, clock);
    JsonNode issued = issue(alice, "shared").json();
    String secret = issued.get("token").asText();
    assertThat(other.authenticate(secret)).isPresent();

    t.request("DELETE", TOKENS + "/" + issued.get("id").asText(), null, alice);
    assertThat(t.app.users.authenticate(secret)).as("this process: at once").isEmpty();
    assertThat(other.authenticate(secret)).as("the other, from its cache").isPresent();
    clock.now = clock.now.plus(Duration.ofMillis(Users.CACHE_MILLIS + 1));
    assertThat(other.authenticate(secret)).as("the other, after the cache time").isEmpty();
  }

  /** The item with that id, or the first when id is null. */
  private static JsonNode find(JsonNode items, String id) {
    for (JsonNode n : items) {
      if (id == null || n.get("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("no item " + id + " in " + items);
  }

  private List<AuditLog.Entry> actions(String action, String entityId) {
    List<AuditLog.Entry> out = new ArrayList<>();
    t.app.db.jdbi().useHandle(h -> h.createQuery("select * from audit_log where action = :a and entity_id = :e order by seq")
        .bind("a", action).bind("e", entityId)
        .map((rs, ctx) -> new AuditLog.Entry(rs.getLong("seq"), null, rs.getObject("user_id", UUID.class), rs.getString("party"),
            rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("change"), null, null))
        .forEach(out::add));
    return out;
  }
}
