package org.truce.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.truce.audit.AuditVerifier;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/** The admin API for users and their tokens against the real server: who may call it, what it checks, what it records. */
@Tag("db")
class UserAdminApiTest {

  private static final String USERS = "/api/v1/users";
  private static final String ADMIN = TestServer.ADMIN_TOKEN;

  static TestServer t;
  static String reviewer;
  static String reviewerId;

  String run;

  @BeforeAll
  static void start() {
    t = TestServer.start();
    reviewer = t.token("reviewer-ru", "RU", Role.REVIEWER);
    reviewerId = t.app.users.authenticate(reviewer).orElseThrow().id().toString();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @BeforeEach
  void name() {
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  private static Answer as(String token, String method, String path, String json) {
    return t.request(method, path, json, token);
  }

  /** A new user through the API; its JSON, with the first token under "token". */
  private JsonNode create(String name, String party, String... roles) {
    Answer a = as(ADMIN, "POST", USERS, "{\"name\":\"" + name + "-" + run + "\",\"party\":\"" + party + "\",\"roles\":"
        + rolesJson(roles) + "}");
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json();
  }

  private static String rolesJson(String... roles) {
    return Stream.of(roles).map(r -> "\"" + r + "\"").reduce((x, y) -> x + "," + y).map(s -> "[" + s + "]").orElse("[]");
  }

  private static List<String> fields(Answer a) {
    List<String> out = new ArrayList<>();
    a.json().get("errors").forEach(e -> out.add(e.get("field").asText()));
    return out;
  }

  private static String message(Answer a, String field) {
    for (JsonNode e : a.json().get("errors")) {
      if (e.get("field").asText().equals(field)) {
        return e.get("message").asText();
      }
    }
    throw new AssertionError("no error on " + field + ": " + a.body());
  }

  // ---------------------------------------------------------------- who may call it

  /** Every admin route, with a body it would accept; {id} is a real user, {tokenId} one of its tokens. */
  static Stream<String[]> adminRoutes() {
    return Stream.of(
        new String[] {"GET", USERS, null},
        new String[] {"POST", USERS, "{\"name\":\"never-made\",\"party\":\"RU\",\"roles\":[\"reviewer\"]}"},
        new String[] {"GET", USERS + "/{id}", null},
        new String[] {"PUT", USERS + "/{id}/roles", "{\"roles\":[\"observer\"]}"},
        new String[] {"POST", USERS + "/{id}/disable", null},
        new String[] {"POST", USERS + "/{id}/enable", null},
        new String[] {"GET", USERS + "/{id}/tokens", null},
        new String[] {"POST", USERS + "/{id}/tokens", "{\"label\":\"x\"}"},
        new String[] {"DELETE", USERS + "/{id}/tokens/{tokenId}", null});
  }

  private static String path(String template, String id, String tokenId) {
    return template.replace("{id}", id).replace("{tokenId}", tokenId);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("adminRoutes")
  void withoutCredentialsEveryAdminRouteIs401(String method, String template, String body) {
    Answer a = as(null, method, path(template, reviewerId, UUID.randomUUID().toString()), body);
    assertThat(a.status()).isEqualTo(401);
    assertThat(a.contentType()).startsWith("application/problem+json");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("adminRoutes")
  void aReviewerIsRefusedEveryAdminRouteWith403AndNothingChanges(String method, String template, String body) {
    String tokenId = t.app.tokens.list(UUID.fromString(reviewerId)).get(0).id().toString();
    long before = t.count("audit_log");
    Answer a = as(reviewer, method, path(template, reviewerId, tokenId), body);
    assertThat(a.status()).as(a.body()).isEqualTo(403);
    assertThat(a.json().get("detail").asText()).contains("allowed: admin");
    assertThat(t.count("audit_log")).isEqualTo(before);
    assertThat(as(reviewer, "GET", "/api/v1/tokens", null).status()).as("the reviewer still works").isEqualTo(200);
  }

  static Stream<String[]> userRoutes() {
    return adminRoutes().filter(r -> r[1].contains("{id}"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("userRoutes")
  void anUnknownUserIs404(String method, String template, String body) {
    for (String id : List.of(UUID.randomUUID().toString(), "not-a-user-id")) {
      Answer a = as(ADMIN, method, path(template, id, UUID.randomUUID().toString()), body);
      assertThat(a.status()).as(method + " " + template + " " + a.body()).isEqualTo(404);
    }
  }

  @Test
  void anUnknownTokenOrAnotherUsersTokenIs404() {
    String user = create("tokens", "SY-GOV", "reporter").get("id").asText();
    String reviewersToken = t.app.tokens.list(UUID.fromString(reviewerId)).get(0).id().toString();
    assertThat(as(ADMIN, "DELETE", USERS + "/" + user + "/tokens/" + UUID.randomUUID(), null).status()).isEqualTo(404);
    assertThat(as(ADMIN, "DELETE", USERS + "/" + user + "/tokens/" + reviewersToken, null).status()).isEqualTo(404);
    assertThat(as(reviewer, "GET", "/api/v1/tokens", null).status()).as("not revoked").isEqualTo(200);
  }

  // ---------------------------------------------------------------- creating and reading users

  @Test
  void anAdminCreatesAUserWhoseFirstTokenIsShownOnceAndWorks() throws Exception {
    String body = "{\"name\":\"tr-reviewer-" + run + "\",\"party\":\"TR\",\"roles\":[\"reviewer\",\"observer\"]}";
    HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(t.base + USERS))
        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(raw.statusCode()).as(raw.body()).isEqualTo(201);
    JsonNode u = new Answer(201, "application/json", raw.body()).json();
    String id = u.get("id").asText();
    assertThat(raw.headers().firstValue("Location")).hasValue(USERS + "/" + id);
    assertThat(raw.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(u.get("name").asText()).isEqualTo("tr-reviewer-" + run);
    assertThat(u.get("party").asText()).isEqualTo("TR");
    assertThat(u.get("roles")).extracting(JsonNode::asText).containsExactly("observer", "reviewer");
    assertThat(u.get("disabled").asBoolean()).isFalse();
    assertThat(u.get("locked").asBoolean()).isFalse();
    assertThat(OffsetDateTime.parse(u.get("createdAt").asText()).getOffset().getTotalSeconds()).isZero();
    JsonNode token = u.get("token");
    assertThat(token.get("label").asText()).isEqualTo("initial");
    String secret = token.get("token").asText();
    assertThat(as(secret, "GET", "/api/v1/tokens", null).json().get("items").get(0).get("id").asText())
        .isEqualTo(token.get("id").asText());

    Answer got = as(ADMIN, "GET", USERS + "/" + id, null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body()).doesNotContain(secret).doesNotContain("\"token\"");
    assertThat(got.json().get("roles")).isEqualTo(u.get("roles"));
    Answer tokens = as(ADMIN, "GET", USERS + "/" + id + "/tokens", null);
    assertThat(tokens.json().get("items")).hasSize(1);
    assertThat(tokens.json().get("items").get(0).get("createdAt")).as("as issued").isEqualTo(token.get("createdAt"));
    assertThat(tokens.body()).doesNotContain(secret).doesNotContain(Users.hash(secret));
  }

  @Test
  void invalidFieldsAreNamedWithWhatIsAllowed() {
    Answer a = as(ADMIN, "POST", USERS, "{\"name\":\"  \",\"party\":\"XX\",\"roles\":[\"reviewer\",\"superuser\"]}");
    assertThat(a.status()).isEqualTo(422);
    assertThat(fields(a)).containsExactlyInAnyOrder("name", "party", "roles[1]");
    assertThat(message(a, "party")).contains("unknown party 'XX'").contains("allowed: ").contains("RU").contains("SY-OPP")
        .doesNotContain("unknown,");
    assertThat(message(a, "roles[1]")).contains("superuser").contains("allowed: reporter, reviewer, coordinator, observer, wg-member, admin");

    Answer missing = as(ADMIN, "POST", USERS, "{}");
    assertThat(fields(missing)).containsExactlyInAnyOrder("name", "party", "roles");
    assertThat(fields(as(ADMIN, "POST", USERS, "{\"name\":\"x-" + run + "\",\"party\":\"RU\",\"roles\":[]}")))
        .containsExactly("roles");
    assertThat(fields(as(ADMIN, "POST", USERS, "{\"name\":\"" + "n".repeat(201) + "\",\"party\":\"RU\",\"roles\":[\"reviewer\"]}")))
        .containsExactly("name");
    assertThat(fields(as(ADMIN, "POST", USERS, "{\"name\":\"x\",\"party\":\"unknown\",\"roles\":[\"reviewer\"]}")))
        .containsExactly("party");
    Answer extra = as(ADMIN, "POST", USERS, "{\"name\":\"x-" + run + "\",\"party\":\"RU\",\"roles\":[\"reviewer\"],\"admin\":true}");
    assertThat(fields(extra)).containsExactly("admin");
    assertThat(message(extra, "admin")).contains("allowed here: name, party, roles");

    String id = create("roles", "RU", "reviewer").get("id").asText();
    Answer roles = as(ADMIN, "PUT", USERS + "/" + id + "/roles", "{\"roles\":[\"root\"]}");
    assertThat(roles.status()).isEqualTo(422);
    assertThat(message(roles, "roles[0]")).contains("allowed: reporter, reviewer");
    assertThat(fields(as(ADMIN, "PUT", USERS + "/" + id + "/roles", "{\"roles\":\"admin\"}"))).containsExactly("roles");
    assertThat(fields(as(ADMIN, "POST", USERS + "/" + id + "/tokens", "{\"label\":\"\"}"))).containsExactly("label");
    assertThat(usersNamed("x-" + run)).as("nothing made by a refused request").isZero();
  }

  private int usersNamed(String name) {
    return t.app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from users where name = :n").bind("n", name)
        .mapTo(Integer.class).one());
  }

  @Test
  void aTakenNameIs409() {
    create("twice", "RU", "reviewer");
    Answer a = as(ADMIN, "POST", USERS, "{\"name\":\"twice-" + run + "\",\"party\":\"IR\",\"roles\":[\"observer\"]}");
    assertThat(a.status()).isEqualTo(409);
    assertThat(fields(a)).containsExactly("name");
    assertThat(a.json().get("detail").asText()).contains("already exists");
  }

  @Test
  void usersAreListedByNameInPages() {
    create("page-a", "RU", "reviewer");
    create("page-b", "IR", "reviewer");
    Answer all = as(ADMIN, "GET", USERS + "?limit=1000", null);
    assertThat(all.status()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    all.json().get("items").forEach(u -> names.add(u.get("name").asText()));
    assertThat(names).contains("admin", "reviewer-ru", "page-a-" + run, "page-b-" + run).isSorted();
    assertThat(all.json().get("next").isNull()).isTrue();
    assertThat(all.json().get("items").get(0).fieldNames()).toIterable()
        .containsExactly("id", "name", "party", "roles", "createdAt", "disabled", "locked");

    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      Answer p = as(ADMIN, "GET", USERS + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), null);
      assertThat(p.json().get("items").size()).isLessThanOrEqualTo(2);
      p.json().get("items").forEach(u -> paged.add(u.get("name").asText()));
      cursor = p.json().get("next").isNull() ? null : p.json().get("next").asText();
    } while (cursor != null);
    assertThat(paged).isEqualTo(names);

    assertThat(fields(as(ADMIN, "GET", USERS + "?limit=0", null))).containsExactly("limit");
    assertThat(fields(as(ADMIN, "GET", USERS + "?limit=many", null))).containsExactly("limit");
    assertThat(fields(as(ADMIN, "GET", USERS + "?cursor=***", null))).containsExactly("cursor");
  }

  @Test
  void aLockedOutUserIsShownLocked() {
    String id = create("locked", "UN", "observer").get("id").asText();
    t.app.db.jdbi().useHandle(h -> h.createUpdate("update users set locked_until = :t where id = :id")
        .bind("t", OffsetDateTime.now().plusHours(1)).bind("id", UUID.fromString(id)).execute());
    assertThat(as(ADMIN, "GET", USERS + "/" + id, null).json().get("locked").asBoolean()).isTrue();
  }

  // ---------------------------------------------------------------- changes

  @Test
  void newRolesTakeEffectAtOnceAndAreAuditedBeforeAndAfter() {
    JsonNode u = create("promoted", "SEC", "reviewer");
    String id = u.get("id").asText();
    String token = u.get("token").get("token").asText();
    assertThat(as(token, "GET", USERS, null).status()).isEqualTo(403);

    Answer a = as(ADMIN, "PUT", USERS + "/" + id + "/roles", "{\"roles\":[\"admin\",\"coordinator\"]}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().get("roles")).extracting(JsonNode::asText).containsExactly("admin", "coordinator");
    assertThat(as(token, "GET", USERS, null).status()).as("no wait for the token cache").isEqualTo(200);

    assertThat(as(ADMIN, "PUT", USERS + "/" + id + "/roles", "{\"roles\":[\"coordinator\",\"admin\"]}").status()).isEqualTo(200);
    assertThat(as(ADMIN, "PUT", USERS + "/" + id + "/roles", "{\"roles\":[\"observer\"]}").status()).isEqualTo(200);
    assertThat(as(token, "GET", USERS, null).status()).isEqualTo(403);

    List<Map<String, Object>> entries = audit("user.roles", id);
    assertThat(entries).as("the unchanged PUT appends nothing").hasSize(2);
    assertThat((String) entries.get(0).get("change")).contains("\"before\":\"reviewer\"").contains("\"after\":\"admin,coordinator\"");
    assertThat((String) entries.get(1).get("change")).contains("\"before\":\"admin,coordinator\"").contains("\"after\":\"observer\"");
    assertThat(entries.get(0).get("party")).isEqualTo("SEC");
    assertThat(entries.get(0).get("user_id").toString()).isEqualTo(adminId());
  }

  @Test
  void aDisabledUsersTokensStopAtOnceAndWorkAgainWhenEnabled() {
    JsonNode u = create("disabled", "SY-OPP", "reporter");
    String id = u.get("id").asText();
    String token = u.get("token").get("token").asText();
    assertThat(as(token, "GET", "/api/v1/tokens", null).status()).isEqualTo(200);

    Answer d = as(ADMIN, "POST", USERS + "/" + id + "/disable", null);
    assertThat(d.status()).isEqualTo(200);
    assertThat(d.json().get("disabled").asBoolean()).isTrue();
    assertThat(as(token, "GET", "/api/v1/tokens", null).status()).as("at once").isEqualTo(401);
    assertThat(as(ADMIN, "POST", USERS + "/" + id + "/disable", null).json().get("disabled").asBoolean()).isTrue();

    Answer e = as(ADMIN, "POST", USERS + "/" + id + "/enable", null);
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.json().get("disabled").asBoolean()).isFalse();
    assertThat(as(token, "GET", "/api/v1/tokens", null).status()).isEqualTo(200);
    assertThat(as(ADMIN, "POST", USERS + "/" + id + "/enable", null).status()).isEqualTo(200);

    assertThat(audit("user.disable", id)).as("disabling twice appends once").hasSize(1);
    assertThat(audit("user.enable", id)).hasSize(1);
  }

  @Test
  void anAdminManagesAnotherUsersTokens() {
    JsonNode u = create("managed", "IQ", "observer");
    String id = u.get("id").asText();
    Answer issued = as(ADMIN, "POST", USERS + "/" + id + "/tokens", "{\"label\":\"handed over in Astana\"}");
    assertThat(issued.status()).isEqualTo(201);
    String secret = issued.json().get("token").asText();
    String tokenId = issued.json().get("id").asText();
    List<String> mine = new ArrayList<>();
    as(secret, "GET", "/api/v1/tokens", null).json().get("items").forEach(n -> mine.add(n.get("id").asText()));
    assertThat(mine).as("the token is the user's, not the admin's").contains(tokenId).hasSize(2);

    assertThat(as(ADMIN, "DELETE", USERS + "/" + id + "/tokens/" + tokenId, null).status()).isEqualTo(204);
    assertThat(as(secret, "GET", "/api/v1/tokens", null).status()).isEqualTo(401);
    assertThat(as(ADMIN, "DELETE", USERS + "/" + id + "/tokens/" + tokenId, null).status()).isEqualTo(204);
    JsonNode listed = as(ADMIN, "GET", USERS + "/" + id + "/tokens", null).json().get("items");
    assertThat(listed.toString()).contains(tokenId).doesNotContain(secret);

    List<Map<String, Object>> created = audit("token.create", tokenId);
    assertThat(created).hasSize(1);
    assertThat(created.get(0).get("user_id").toString()).as("the actor is the admin").isEqualTo(adminId());
    assertThat((String) created.get(0).get("change")).contains(id).contains("handed over in Astana");
    assertThat(audit("token.revoke", tokenId)).hasSize(1);
  }

  // ---------------------------------------------------------------- the last admin

  @Test
  void theLastEnabledAdminCanBeNeitherDisabledNorDemoted() {
    // a server of its own: the other tests make admins
    try (TestServer s = TestServer.start()) {
      String admin = s.app.users.authenticate(ADMIN).orElseThrow().id().toString();
      Answer d = s.request("POST", USERS + "/" + admin + "/disable", null, ADMIN);
      assertThat(d.status()).isEqualTo(409);
      assertThat(d.json().get("detail").asText()).contains("last enabled admin");
      Answer r = s.request("PUT", USERS + "/" + admin + "/roles", "{\"roles\":[\"coordinator\"]}", ADMIN);
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("roles");
      assertThat(s.request("PUT", USERS + "/" + admin + "/roles", "{\"roles\":[\"admin\",\"coordinator\"]}", ADMIN).status())
          .as("keeping admin among other roles is fine").isEqualTo(200);

      // a second admin, disabled, does not count
      Answer second = s.request("POST", USERS, "{\"name\":\"second\",\"party\":\"SEC\",\"roles\":[\"admin\"]}", ADMIN);
      String secondId = second.json().get("id").asText();
      String secondToken = second.json().get("token").get("token").asText();
      assertThat(s.request("POST", USERS + "/" + secondId + "/disable", null, ADMIN).status()).isEqualTo(200);
      assertThat(s.request("POST", USERS + "/" + admin + "/disable", null, ADMIN).status()).isEqualTo(409);

      // once it is enabled, either may go, but not both
      assertThat(s.request("POST", USERS + "/" + secondId + "/enable", null, ADMIN).status()).isEqualTo(200);
      assertThat(s.request("POST", USERS + "/" + admin + "/disable", null, secondToken).status()).isEqualTo(200);
      assertThat(s.request("GET", USERS, null, ADMIN).status()).as("the disabled admin's token").isEqualTo(401);
      assertThat(s.request("POST", USERS + "/" + secondId + "/disable", null, secondToken).status()).isEqualTo(409);
      assertThat(s.request("PUT", USERS + "/" + secondId + "/roles", "{\"roles\":[\"observer\"]}", secondToken).status())
          .isEqualTo(409);
      AuditVerifier.Result v = new AuditVerifier(s.app.db.jdbi()).verify(null);
      assertThat(v.ok()).as(v.problem()).isTrue();
    }
  }

  @Test
  void twoAdminsDisablingEachOtherAtOnceLeaveOneEnabled() throws Exception {
    try (TestServer s = TestServer.start()) {
      String first = s.app.users.authenticate(ADMIN).orElseThrow().id().toString();
      Answer made = s.request("POST", USERS, "{\"name\":\"second\",\"party\":\"SEC\",\"roles\":[\"admin\"]}", ADMIN);
      String second = made.json().get("id").asText();
      String secondToken = made.json().get("token").get("token").asText();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 5; round++) {
          Future<Answer> a = pool.submit(() -> s.request("POST", USERS + "/" + second + "/disable", null, ADMIN));
          Future<Answer> b = pool.submit(() -> s.request("POST", USERS + "/" + first + "/disable", null, secondToken));
          List<Integer> codes = List.of(a.get(30, TimeUnit.SECONDS).status(), b.get(30, TimeUnit.SECONDS).status());
          // the loser was either refused (409) or disabled before it was even authenticated (401)
          assertThat(codes).as("round " + round).containsOnlyOnce(200).containsAnyOf(409, 401);
          int enabledAdmins = s.app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from users u where disabled_at is null "
              + "and exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'admin')").mapTo(Integer.class).one());
          assertThat(enabledAdmins).as("round " + round).isEqualTo(1);
          String survivor = codes.get(0) == 200 ? ADMIN : secondToken;
          String loser = codes.get(0) == 200 ? second : first;
          assertThat(s.request("POST", USERS + "/" + loser + "/enable", null, survivor).status()).isEqualTo(200);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  // ---------------------------------------------------------------- the record

  @Test
  void everyChangeIsAuditedWithTheAdminAsActorAndNoSecretAndTheChainHolds() {
    JsonNode u = create("audited", "JO", "observer");
    String id = u.get("id").asText();
    String secret = u.get("token").get("token").asText();
    List<Map<String, Object>> created = audit("user.create", id);
    assertThat(created).hasSize(1);
    assertThat(created.get(0).get("user_id").toString()).isEqualTo(adminId());
    assertThat(created.get(0).get("party")).isEqualTo("SEC");
    assertThat((String) created.get(0).get("change")).contains("\"roles\":\"observer\"").contains("\"party\":\"JO\"");
    assertThat(audit("token.create", u.get("token").get("id").asText())).hasSize(1);

    List<String> changes = t.app.db.jdbi().withHandle(h -> h.createQuery("select change from audit_log").mapTo(String.class).list());
    assertThat(String.join("\n", changes)).doesNotContain(secret).doesNotContain(Users.hash(secret))
        .doesNotContain(ADMIN).doesNotContain(Users.hash(ADMIN));
    AuditVerifier.Result v = new AuditVerifier(t.app.db.jdbi()).verify(null);
    assertThat(v.ok()).as(v.problem()).isTrue();
    assertThat(v.entries()).isEqualTo(t.count("audit_log"));
  }

  private static String adminId() {
    return t.app.users.authenticate(ADMIN).orElseThrow().id().toString();
  }

  private static List<Map<String, Object>> audit(String action, String entityId) {
    return t.app.db.jdbi().withHandle(h -> h.createQuery("select user_id, party, change from audit_log "
            + "where action = :a and entity_id = :e order by seq")
        .bind("a", action).bind("e", entityId).mapToMap().list());
  }
}
