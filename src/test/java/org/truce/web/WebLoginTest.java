package org.truce.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.access.Role;
import org.truce.audit.AuditLog;
import org.truce.audit.AuditVerifier;
import org.truce.support.MutableClock;
import org.truce.support.TestServer;

/** Web sign-in over the real server: cookies, the growing waits and the lock-out, logout, escaping. */
@Tag("db")
class WebLoginTest {

  static final String PASSWORD = "correct horse battery staple";

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
  TestServer t;
  Browser b;
  UUID alice;

  @BeforeEach
  void start() {
    t = TestServer.start(clock);
    b = new Browser(t.base);
    alice = addUser("alice", PASSWORD);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  UUID addUser(String name, String password) {
    UUID id = t.app.users.addUser(name, "SY-OPP", Role.REPORTER, t.app.parties).user().id();
    t.app.logins.setPassword(AuditLog.Actor.SYSTEM, "test", id, password);
    return id;
  }

  List<String> audit(String action) {
    return t.app.db.jdbi().withHandle(h -> h.createQuery("select change from audit_log where action = :a order by seq")
        .bind("a", action).mapTo(String.class).list());
  }

  @Test
  void signingInSetsAStrictHttpOnlySessionCookieAndShowsTheAccount() {
    Browser.Page form = b.get("/login");
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.header("Content-Security-Policy")).startsWith("default-src 'self'");
    assertThat(form.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(form.header("Referrer-Policy")).isEqualTo("same-origin");
    assertThat(form.setCookies()).singleElement().asString()
        .startsWith("truce-login=").contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain("Secure");

    Browser.Page in = b.post("/login", Map.of("csrf", form.csrf(), "username", "alice", "password", PASSWORD));
    assertThat(in.status()).isEqualTo(303);
    assertThat(in.header("Location")).isEqualTo("/");
    String session = in.setCookies().stream().filter(c -> c.startsWith("truce-session=")).findFirst().orElseThrow();
    assertThat(session).contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200").doesNotContain("Secure");
    assertThat(b.cookies).containsKey("truce-session").doesNotContainKey("truce-login");

    String value = b.cookies.get("truce-session");
    String stored = t.app.db.jdbi().withHandle(h -> h.createQuery("select id_hash from web_sessions").mapTo(String.class).one());
    assertThat(stored).hasSize(64).isNotEqualTo(value);

    Browser.Page account = b.get("/account");
    assertThat(account.status()).isEqualTo(200);
    assertThat(account.body()).contains("Signed in as alice", "Syrian armed opposition (SY-OPP)", "Reporter", "Change password");
    assertThat(account.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(b.send("GET", "/api/v1/zones", null, Map.of()).status()).isEqualTo(200);
    assertThat(audit("session.start")).singleElement().asString().contains("\"name\":\"alice\"");
    assertThat(b.get("/login").status()).as("signed in: the form sends you on").isEqualTo(303);
  }

  @Test
  void cookiesAreSecureWhenATrustedProxySaysHttps() {
    // not trusted (the default): a client's own X-Forwarded-Proto changes nothing
    b.always.put("X-Forwarded-Proto", "https");
    assertThat(b.signIn("alice", PASSWORD).setCookies()).allSatisfy(c -> assertThat(c).doesNotContain("Secure"));
    t.close();

    t = TestServer.start(clock, s -> s.withWeb(s.web().withTrustForwardedProto(true)));
    addUser("alice", PASSWORD);
    Browser tls = new Browser(t.base);
    tls.always.put("X-Forwarded-Proto", "https");
    Browser.Page form = tls.get("/login");
    assertThat(form.setCookies()).singleElement().asString().startsWith("__Host-truce-login=").contains("; Secure");
    Browser.Page in = tls.post("/login", Map.of("csrf", form.csrf(), "username", "alice", "password", PASSWORD));
    assertThat(in.status()).isEqualTo(303);
    assertThat(in.setCookies()).filteredOn(c -> c.startsWith("__Host-truce-session=")).singleElement().asString()
        .contains("HttpOnly", "SameSite=Strict", "Path=/", "; Secure");
    assertThat(tls.get("/account").body()).contains("Signed in as alice");

    // the same trusted server over plain HTTP: no Secure
    Browser plain = new Browser(t.base);
    assertThat(plain.get("/login").setCookies()).singleElement().asString().startsWith("truce-login=").doesNotContain("Secure");
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
    for (int i = 1; i <= 4; i++) {
      Browser.Page wrong = b.signIn("alice", "not the password at all");
      Browser.Page unknown = b.signIn("nobody-here", "not the password at all");
      assertThat(unknown.status()).as("attempt " + i).isEqualTo(wrong.status()).isEqualTo(i <= 3 ? 401 : 429);
      assertThat(unknown.header("Retry-After")).isEqualTo(wrong.header("Retry-After"));
      assertThat(unknown.setCookies()).isEqualTo(wrong.setCookies());
      assertThat(unknown.body().replace("nobody-here", "NAME")).isEqualTo(wrong.body().replace("alice", "NAME"));
    }
    assertThat(b.signIn("alice", "x").body()).contains("Try again in 1 second.");
    assertThat(audit("login.fail")).hasSize(6)
        .anySatisfy(c -> assertThat(c).contains("\"reason\":\"wrong password\"", "\"name\":\"alice\""))
        .anySatisfy(c -> assertThat(c).contains("\"reason\":\"unknown user\"", "\"knownUser\":false").doesNotContain("nobody-here"));
  }

  @Test
  void theWaitGrowsAndRefusesEvenTheRightPasswordUntilTheClockMoves() {
    for (int i = 0; i < 3; i++) {
      assertThat(b.signIn("alice", "wrong password " + i).status()).isEqualTo(401);
    }
    Browser.Page early = b.signIn("alice", PASSWORD);
    assertThat(early.status()).isEqualTo(429);
    assertThat(early.header("Retry-After")).isEqualTo("1");
    assertThat(b.cookies).doesNotContainKey("truce-session");

    clock.advance(Duration.ofSeconds(1));
    assertThat(b.signIn("alice", "wrong again").status()).isEqualTo(401);
    assertThat(b.signIn("alice", PASSWORD).header("Retry-After")).isEqualTo("2");
    clock.advance(Duration.ofMillis(1500));
    assertThat(b.signIn("alice", PASSWORD).header("Retry-After")).as("half a second left, rounded up").isEqualTo("1");
    clock.advance(Duration.ofMillis(500));
    assertThat(b.signIn("alice", PASSWORD).status()).isEqualTo(303);
    assertThat(t.app.logins.state(alice).failures()).as("a success resets the count").isZero();
    assertThat(audit("login.fail")).as("refused attempts are not checked, so not counted").hasSize(4);
  }

  @Test
  void theTenthFailureLocksTheAccountUntilAnAdminUnlocksIt() {
    for (int i = 1; i <= 10; i++) {
      assertThat(b.signIn("alice", "wrong password " + i).status()).as("failure " + i).isEqualTo(401);
      clock.advance(Duration.ofSeconds(60));
    }
    Browser.Page locked = b.signIn("alice", PASSWORD);
    assertThat(locked.status()).isEqualTo(429);
    assertThat(Long.parseLong(locked.header("Retry-After"))).isEqualTo(3600 - 60);
    assertThat(audit("user.lock")).singleElement().asString().contains("\"failures\":10");

    clock.advance(Duration.ofMinutes(30));
    assertThat(b.signIn("alice", PASSWORD).status()).isEqualTo(429);
    Browser.Page unlock = b.send("POST", "/api/v1/users/" + alice + "/unlock", null,
        Map.of("Authorization", "Bearer " + TestServer.ADMIN_TOKEN));
    assertThat(unlock.status()).isEqualTo(204);
    assertThat(audit("user.unlock")).singleElement().asString().contains("\"failures\":10");
    assertThat(b.signIn("alice", PASSWORD).status()).isEqualTo(303);
  }

  @Test
  void anExpiredLockAllowsOneAttemptAndAFailureLocksAgain() {
    for (int i = 1; i <= 10; i++) {
      b.signIn("alice", "wrong password " + i);
      clock.advance(Duration.ofSeconds(60));
    }
    clock.advance(Duration.ofHours(1));
    assertThat(b.signIn("alice", "still wrong").status()).isEqualTo(401);
    assertThat(b.signIn("alice", PASSWORD).header("Retry-After")).isEqualTo("3600");
    clock.advance(Duration.ofHours(1));
    assertThat(b.signIn("alice", PASSWORD).status()).isEqualTo(303);
  }

  @Test
  void aDisabledUserCannotSignInAndItsSessionsStop() {
    assertThat(b.signIn("alice", PASSWORD).status()).isEqualTo(303);
    t.app.db.jdbi().useHandle(h -> h.createUpdate("update users set disabled_at = :at where id = :id")
        .bind("at", java.time.OffsetDateTime.now(clock)).bind("id", alice).execute());
    assertThat(b.send("GET", "/api/v1/zones", null, Map.of()).status()).isEqualTo(401);

    Browser other = new Browser(t.base);
    Browser.Page refused = other.signIn("alice", PASSWORD);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body()).contains(Messages.shipped().get(Lang.EN, "login.failed"));
    assertThat(audit("login.fail")).singleElement().asString().contains("\"reason\":\"disabled\"");
  }

  @Test
  void disablingThroughTheAdminEndsTheSessionsSoThatEnablingDoesNotBringThemBack() {
    assertThat(b.signIn("alice", PASSWORD).status()).isEqualTo(303);
    assertThat(b.send("GET", "/api/v1/zones", null, Map.of()).status()).isEqualTo(200);
    assertThat(t.request("POST", "/api/v1/users/" + alice + "/disable", null, TestServer.ADMIN_TOKEN).status()).isEqualTo(200);
    assertThat(t.request("POST", "/api/v1/users/" + alice + "/enable", null, TestServer.ADMIN_TOKEN).status()).isEqualTo(200);
    assertThat(b.send("GET", "/api/v1/zones", null, Map.of()).status()).as("the cookie taken before").isEqualTo(401);
    assertThat(audit("user.disable")).singleElement().asString().contains("\"sessionsEnded\":1");
  }

  @Test
  void logoutEndsTheSessionEverywhere() {
    b.signIn("alice", PASSWORD);
    String cookie = b.cookies.get("truce-session");
    String csrf = b.get("/").csrf();
    Browser.Page out = b.post("/logout", Map.of("csrf", csrf));
    assertThat(out.status()).isEqualTo(303);
    assertThat(out.header("Location")).isEqualTo("/login");
    assertThat(out.setCookies()).anySatisfy(c -> assertThat(c).startsWith("truce-session=;").contains("Max-Age=0"));

    // the old cookie, kept by someone, no longer works
    b.cookies.put("truce-session", cookie);
    Browser.Page api = b.send("GET", "/api/v1/zones", null, Map.of());
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.body()).contains("session has ended or expired");
    Browser.Page home = b.get("/");
    assertThat(home.status()).as("signed out, the home page is the sign-in form").isEqualTo(200);
    assertThat(home.body()).contains("name=\"password\"").contains("action=\"/login\"").contains("src=\"/zones-map.png\"");
    Browser.Page map = new Browser(t.base).get("/zones-map.png");
    assertThat(map.status()).as("the zones' picture is public, like the zones").isEqualTo(200);
    assertThat(map.header("Content-Type")).isEqualTo("image/png");
    assertThat(t.count("web_sessions")).isEqualTo(1);
    assertThat(audit("session.end")).singleElement().asString().contains("\"reason\":\"logout\"");
  }

  @Test
  void aSessionExpiresAfterItsLifetime() {
    b.signIn("alice", PASSWORD);
    clock.advance(Duration.ofHours(12).minusSeconds(1));
    assertThat(b.send("GET", "/api/v1/zones", null, Map.of()).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(b.send("GET", "/api/v1/zones", null, Map.of()).status()).isEqualTo(401);
    assertThat(b.get("/").body()).contains("name=\"password\"");
    assertThat(b.get("/account").header("Location")).isEqualTo("/login?next=%2Faccount");
  }

  @Test
  void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
    Browser phone = new Browser(t.base);
    phone.signIn("alice", PASSWORD);
    b.signIn("alice", PASSWORD);
    String csrf = b.get("/account").csrf();

    Browser.Page wrong = b.post("/account/password", Map.of("csrf", csrf, "current", "not it at all", "password", "a new long passphrase"));
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.body()).contains("current password is not correct");
    Browser.Page tooShort = b.post("/account/password", Map.of("csrf", csrf, "current", PASSWORD, "password", "short"));
    assertThat(tooShort.status()).isEqualTo(422);
    assertThat(tooShort.body()).contains("must be at least 12 characters");

    Browser.Page done = b.post("/account/password", Map.of("csrf", csrf, "current", PASSWORD, "password", "a new long passphrase"));
    assertThat(done.status()).isEqualTo(303);
    assertThat(done.header("Location")).isEqualTo("/account?done=password");
    assertThat(b.get("/account?done=password").body()).contains("Your password was changed");
    assertThat(phone.send("GET", "/api/v1/zones", null, Map.of()).status()).as("the other session ended").isEqualTo(401);
    assertThat(audit("password.set")).last().asString().contains("\"by\":\"self\"", "\"sessionsEnded\":1")
        .doesNotContain("passphrase");
    assertThat(new Browser(t.base).signIn("alice", "a new long passphrase").status()).isEqualTo(303);
    assertThat(new Browser(t.base).signIn("alice", PASSWORD).status()).isEqualTo(401);
  }

  @Test
  void namesArePrintedEscaped() {
    String evil = "<script>alert(1)</script>\"'&";
    addUser(evil, PASSWORD);
    Browser.Page failed = b.signIn(evil, "wrong password here");
    // in an attribute value jte escapes what could end it or start markup: < " ' &
    assertThat(failed.body()).doesNotContain("<script").contains("value=\"&lt;script>alert(1)&lt;/script>&#34;&#39;&amp;\"");
    b.signIn(evil, PASSWORD);
    Browser.Page account = b.get("/account");
    assertThat(account.status()).isEqualTo(200);
    assertThat(account.body()).doesNotContain("<script>").contains("Signed in as &lt;script&gt;alert(1)&lt;/script&gt;\"'&amp;");
  }

  @Test
  void passwordsAreStoredAsArgon2idAndNeverAudited() {
    String phc = t.app.db.jdbi().withHandle(h -> h.createQuery("select password_hash from users where id = :id")
        .bind("id", alice).mapTo(String.class).one());
    assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    b.signIn("alice", "wrong horse battery staple");
    int mentions = t.app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from audit_log where change like '%horse%'")
        .mapTo(Integer.class).one());
    assertThat(mentions).isZero();
    AuditVerifier.Result r = new AuditVerifier(t.app.db.jdbi()).verify(null);
    assertThat(r.ok()).as(r.problem()).isTrue();
  }
}
