package org.truce.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.Truce;
import org.truce.audit.AuditLog;
import org.truce.support.MutableClock;
import org.truce.support.TestServer;

/** The admin's password and unlock routes, the matching commands, and the audit log they leave. */
@Tag("db")
class LoginAdminTest {

  static final String PASSWORD = "correct horse battery staple";

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
  final HttpClient http = HttpClient.newHttpClient();
  TestServer t;
  UUID alice;
  String reporterToken;

  @BeforeEach
  void start() {
    t = TestServer.start(clock);
    var created = t.app.users.addUser("alice", "SY-OPP", Role.REPORTER, t.app.parties);
    alice = created.user().id();
    reporterToken = created.token();
  }

  @AfterEach
  void stop() {
    if (t != null) {
      t.close();
    }
  }

  private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.base + path)).timeout(Duration.ofSeconds(60))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<String> audit(String action) {
    return t.app.db.jdbi().withHandle(h -> h.createQuery("select change from audit_log where action = :a order by seq")
        .bind("a", action).mapTo(String.class).list());
  }

  private boolean signsIn(String password) {
    return t.app.logins.signIn("alice", password, "test") instanceof Logins.SignedIn;
  }

  @Test
  void onlyAnAdminSetsAPasswordForAUserThatExists() throws Exception {
    String path = "/api/v1/users/" + alice + "/password";
    String body = "{\"password\": \"" + PASSWORD + "\"}";
    assertThat(call("PUT", path, null, body).statusCode()).isEqualTo(401);
    HttpResponse<String> forbidden = call("PUT", path, reporterToken, body);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.body()).contains("may not set passwords");
    assertThat(call("PUT", "/api/v1/users/" + UUID.randomUUID() + "/password", TestServer.ADMIN_TOKEN, body).statusCode())
        .isEqualTo(404);
    assertThat(call("PUT", "/api/v1/users/not-a-uuid/password", TestServer.ADMIN_TOKEN, body).statusCode()).isEqualTo(404);
    HttpResponse<String> tooShort = call("PUT", path, TestServer.ADMIN_TOKEN, "{\"password\": \"short\"}");
    assertThat(tooShort.statusCode()).isEqualTo(422);
    assertThat(tooShort.body()).contains("\"field\":\"password\"", "must be at least 12 characters");
    assertThat(call("PUT", path, TestServer.ADMIN_TOKEN, "{}").statusCode()).isEqualTo(422);
    assertThat(audit("password.set")).isEmpty();

    assertThat(call("PUT", path, TestServer.ADMIN_TOKEN, body).statusCode()).isEqualTo(204);
    assertThat(audit("password.set")).singleElement().asString()
        .contains("\"by\":\"admin\"", "\"name\":\"alice\"").doesNotContain("horse");
    String admin = t.app.db.jdbi().withHandle(h -> h.createQuery("select cast(user_id as varchar(36)) from audit_log "
        + "where action = 'password.set'").mapTo(String.class).one());
    assertThat(admin).as("the admin is the actor").isNotNull().isNotEqualTo(alice.toString());
    assertThat(signsIn(PASSWORD)).isTrue();
  }

  @Test
  void onlyAnAdminUnlocks() throws Exception {
    t.app.logins.setPassword(AuditLog.Actor.SYSTEM, "test", alice, PASSWORD);
    for (int i = 0; i < 10; i++) {
      assertThat(t.app.logins.signIn("alice", "wrong password " + i, "test")).isInstanceOf(Logins.Failed.class);
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(t.app.logins.signIn("alice", PASSWORD, "test")).isInstanceOf(Logins.Refused.class);

    String path = "/api/v1/users/" + alice + "/unlock";
    assertThat(call("POST", path, null, null).statusCode()).isEqualTo(401);
    assertThat(call("POST", path, reporterToken, null).statusCode()).isEqualTo(403);
    assertThat(call("POST", "/api/v1/users/" + UUID.randomUUID() + "/unlock", TestServer.ADMIN_TOKEN, null).statusCode())
        .isEqualTo(404);
    assertThat(t.app.logins.state(alice).lockedUntil()).isNotNull();
    assertThat(call("POST", path, TestServer.ADMIN_TOKEN, null).statusCode()).isEqualTo(204);
    assertThat(t.app.logins.state(alice)).isEqualTo(LoginPolicy.State.NONE);
    assertThat(signsIn(PASSWORD)).isTrue();
  }

  @Test
  void theCommandsSetAPasswordFromStandardInputAndUnlockAndTheLogStaysIntact() {
    String url = t.app.settings.dbUrl();
    t.app.logins.setPassword(AuditLog.Actor.SYSTEM, "test", alice, "the first password");
    for (int i = 0; i < 10; i++) {
      t.app.logins.signIn("alice", "wrong password " + i, "test");
      clock.advance(Duration.ofMinutes(1));
    }
    t.app.logins.signIn("nobody", "wrong password", "test");
    t.close();
    t = null;

    // H2 admits one process at a time: the commands open the database once the server is closed
    assertThat(run(PASSWORD + "\n", "users", "password", "--name", "alice", "--password-stdin", "--db", url))
        .startsWith("0 password set for user alice");
    assertThat(run("short\n", "users", "password", "--name", "alice", "--password-stdin", "--db", url)).startsWith("2 ");
    assertThat(run("", "users", "password", "--name", "nobody", "--password-stdin", "--db", url)).startsWith("2 ");
    assertThat(run("", "users", "unlock", "--name", "alice", "--db", url)).startsWith("0 unlocked user alice");
    assertThat(run("", "audit", "verify", "--db", url)).startsWith("0 audit log intact");

    t = TestServer.reopen(url);
    assertThat(audit("login.fail")).hasSize(11);
    assertThat(audit("user.lock")).hasSize(1);
    assertThat(audit("user.unlock")).singleElement().asString().contains("\"failures\":10");
    assertThat(audit("password.set")).last().asString().contains("\"by\":\"command line\"").doesNotContain("horse");
    assertThat(signsIn(PASSWORD)).isTrue();
  }

  private static String run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    InputStream oldIn = System.in;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      int code = Truce.run(args);
      return code + " " + out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(old);
      System.setIn(oldIn);
    }
  }
}
