package org.truce.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.access.Role;
import org.truce.audit.AuditLog;
import org.truce.support.MutableClock;
import org.truce.support.TestServer;

/** Every state-changing form and every cookie-authenticated API call needs its CSRF token; a bearer call does not. */
@Tag("db")
class CsrfTest {

  static final String PASSWORD = "correct horse battery staple";

  TestServer t;
  Browser b;
  UUID alice;
  String reporterToken;

  @BeforeEach
  void start() {
    t = TestServer.start(new MutableClock(Instant.parse("2026-11-20T10:00:00Z")));
    var created = t.app.users.addUser("alice", "SY-OPP", Role.REPORTER, t.app.parties);
    alice = created.user().id();
    reporterToken = created.token();
    t.app.logins.setPassword(AuditLog.Actor.SYSTEM, "test", alice, PASSWORD);
    b = new Browser(t.base);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private long audited() {
    return t.count("audit_log");
  }

  @Test
  void signInWithoutTheFormsTokenIsRefusedAndChangesNothing() {
    String token = b.get("/login").csrf();
    long before = audited();
    Map<String, String> noToken = Map.of("username", "alice", "password", PASSWORD);
    Map<String, String> wrongToken = Map.of("csrf", token.substring(1) + "x", "username", "alice", "password", PASSWORD);
    assertThat(b.post("/login", noToken).status()).isEqualTo(403);
    assertThat(b.post("/login", wrongToken).status()).isEqualTo(403);

    // the right field without its cookie: what a forged cross-site form would send
    Browser attacker = new Browser(t.base);
    Browser.Page forged = attacker.post("/login", Map.of("csrf", token, "username", "alice", "password", PASSWORD));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.header("Content-Type")).startsWith("text/html");
    assertThat(forged.body()).contains("403 Forbidden");

    assertThat(t.count("web_sessions")).isZero();
    assertThat(audited()).isEqualTo(before);
    assertThat(t.app.logins.state(alice).failures()).isZero();
    assertThat(b.post("/login", Map.of("csrf", token, "username", "alice", "password", PASSWORD)).status()).isEqualTo(303);
  }

  @Test
  void logoutAndPasswordChangeWithoutTheSessionsTokenAreRefused() {
    b.signIn("alice", PASSWORD);
    String csrf = b.get("/").csrf();
    // the token with its first character changed (a random token may itself begin with "x")
    String wrong = (csrf.charAt(0) == 'x' ? "y" : "x") + csrf.substring(1);
    String hash = passwordHash();
    long before = audited();

    assertThat(b.post("/logout", Map.of()).status()).isEqualTo(403);
    assertThat(b.post("/logout", Map.of("csrf", wrong)).status()).isEqualTo(403);
    String newPassword = "an entirely new passphrase";
    assertThat(b.post("/account/password", Map.of("current", PASSWORD, "password", newPassword)).status()).isEqualTo(403);
    assertThat(b.post("/account/password", Map.of("csrf", wrong, "current", PASSWORD,
        "password", newPassword)).status()).isEqualTo(403);
    // another session's token does not do either
    Browser other = new Browser(t.base);
    other.signIn("alice", PASSWORD);
    String othersToken = other.get("/").csrf();
    assertThat(b.post("/logout", Map.of("csrf", othersToken)).status()).isEqualTo(403);
    before++;   // that other sign-in

    assertThat(passwordHash()).isEqualTo(hash);
    assertThat(audited()).isEqualTo(before);
    assertThat(b.get("/").status()).as("still signed in").isEqualTo(200);
    assertThat(b.post("/logout", Map.of("csrf", csrf)).status()).isEqualTo(303);
  }

  @Test
  void cookieApiCallsThatChangeSomethingNeedTheTokenHeader() {
    b.signIn("alice", PASSWORD);
    String csrf = b.get("/").body().replaceAll("(?s).*<meta name=\"csrf-token\" content=\"([^\"]+)\".*", "$1");
    assertThat(csrf).hasSize(43);
    long reports = t.count("reports");

    assertThat(b.send("POST", "/api/v1/reports", "{}", Map.of()).status()).isEqualTo(403);
    assertThat(b.send("POST", "/api/v1/reports", "{}", Map.of(WebAuth.CSRF_HEADER, "wrong")).status()).isEqualTo(403);
    assertThat(b.send("GET", "/api/v1/zones", null, Map.of()).status()).as("reads need no token").isEqualTo(200);
    // with the token the request gets through to the handler, which judges the (empty) report
    assertThat(b.send("POST", "/api/v1/reports", "{}", Map.of(WebAuth.CSRF_HEADER, csrf)).status()).isEqualTo(422);
    assertThat(t.count("reports")).isEqualTo(reports);
  }

  @Test
  void bearerApiCallsNeedNoToken() {
    Browser machine = new Browser(t.base);
    Browser.Page p = machine.send("POST", "/api/v1/reports", "{}", Map.of("Authorization", "Bearer " + reporterToken));
    assertThat(p.status()).isEqualTo(422);
    // a bearer token wins over a cookie sent along with it
    b.signIn("alice", PASSWORD);
    assertThat(b.send("POST", "/api/v1/reports", "{}", Map.of("Authorization", "Bearer " + reporterToken)).status())
        .isEqualTo(422);
    assertThat(b.send("POST", "/api/v1/reports", "{}", Map.of("Authorization", "Bearer not-a-token")).status())
        .isEqualTo(401);
  }

  private String passwordHash() {
    return t.app.db.jdbi().withHandle(h -> h.createQuery("select password_hash from users where id = :id")
        .bind("id", alice).mapTo(String.class).one());
  }
}
