package org.truce.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.truce.access.Role;
import org.truce.audit.AuditLog;
import org.truce.support.MutableClock;
import org.truce.support.TestServer;

/** The pages over plain HTTP: languages and direction, security headers, escaping, who may open what. */
class WebPagesTest {

  static final String PASSWORD = "correct horse battery staple";

  TestServer t;

  @BeforeEach
  void start() {
    t = TestServer.start(new MutableClock(Instant.parse("2026-11-20T10:00:00Z")));
  }

  @AfterEach
  void stop() {
    t.close();
  }

  Browser signedIn(String name, String party, Role role) {
    return Browser.signedIn(t, name, party, role, PASSWORD);
  }

  @Test
  void theLanguageComesFromTheQueryThenTheCookieThenTheBrowser() {
    Browser b = new Browser(t.base);
    assertThat(b.get("/login").body()).contains("<html lang=\"en\" dir=\"ltr\"", "Sign in");
    Browser.Page ar = b.get("/login?lang=ar");
    assertThat(ar.body()).contains("<html lang=\"ar\" dir=\"rtl\"", "تسجيل الدخول");
    assertThat(ar.setCookies()).anySatisfy(c -> assertThat(c).startsWith("truce-lang=ar;"));
    assertThat(b.get("/login").body()).as("kept in the cookie").contains("<html lang=\"ar\" dir=\"rtl\"");
    assertThat(b.get("/login?lang=fa").body()).contains("<html lang=\"fa\" dir=\"rtl\"", "ورود");
    assertThat(b.get("/login?lang=xx").body()).as("unknown: the cookie's").contains("<html lang=\"fa\"");

    Browser russian = new Browser(t.base);
    russian.always.put("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.8");
    assertThat(russian.get("/login").body()).contains("<html lang=\"ru\" dir=\"ltr\"", "Вход");
    Browser turkish = new Browser(t.base);
    assertThat(turkish.get("/login?lang=tr").body()).contains("<html lang=\"tr\" dir=\"ltr\"", "Giriş");
  }

  @Test
  void theLanguageLinksKeepThePageAndItsQuery() {
    Browser b = signedIn("alice", "SY-OPP", Role.REPORTER);
    String body = b.get("/account?lang=ru&x=%3Cb%3E").body();
    assertThat(body).contains("href=\"/account?x=%3Cb%3E&amp;lang=ar\"", "Учётная запись", "Источник сообщений");
  }

  @Test
  void pagesCarryAStrictContentSecurityPolicy() {
    Browser.Page p = new Browser(t.base).get("/login");
    String csp = p.header("Content-Security-Policy");
    assertThat(csp).contains("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
    assertThat(p.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain(" onload=", " onclick=", "style=\"");
  }

  @Test
  void assetsComeFromTheJarWithLongCaching() {
    Browser b = new Browser(t.base);
    String css = b.get("/login").body().replaceAll("(?s).*href=\"(/assets/truce.css\\?v=[0-9a-f]+)\".*", "$1");
    Browser.Page p = b.get(css);
    assertThat(p.status()).isEqualTo(200);
    assertThat(p.header("Content-Type")).startsWith("text/css");
    assertThat(p.header("Cache-Control")).contains("max-age=31536000", "immutable");
    Browser.Page again = b.send("GET", css, null, Map.of("If-None-Match", p.header("ETag")));
    assertThat(again.status()).isEqualTo(304);
    Browser.Page leaflet = b.get("/assets/leaflet/leaflet.js");
    assertThat(leaflet.status()).isEqualTo(200);
    assertThat(leaflet.body()).contains("Leaflet 1.9.4");
    assertThat(b.get("/assets/../WebRoutes.class").status()).isEqualTo(404);
    assertThat(b.get("/assets/nothing.js").status()).isEqualTo(404);
  }

  @Test
  void signedOutPagesSendYouToSignInAndBack() {
    Browser b = new Browser(t.base);
    Browser.Page p = b.get("/account");
    assertThat(p.status()).isEqualTo(303);
    assertThat(p.header("Location")).isEqualTo("/login?next=%2Faccount");
    var id = t.app.users.addUser("bob", "SY-OPP", Role.REPORTER, t.app.parties).user().id();
    t.app.logins.setPassword(AuditLog.Actor.SYSTEM, "test", id, PASSWORD);
    String form = b.get("/login?next=%2Faccount").body();
    assertThat(form).contains("name=\"next\" value=\"/account\"");
    Browser.Page in = b.post("/login", Map.of("csrf", b.get("/login?next=/account").csrf(), "username", "bob",
        "password", PASSWORD, "next", "/account"));
    assertThat(in.header("Location")).isEqualTo("/account");
    assertThat(Web.localPath("//evil.example/")).isEqualTo("/");
    assertThat(Web.localPath("https://evil.example/")).isEqualTo("/");
    assertThat(Web.localPath("/\\evil.example")).isEqualTo("/");
  }

  /** A report whose free text tries to run script in its readers' browsers; returns its incident. */
  static final String SCRIPT = "<script>window.__pwned=1</script>";
  static final String IMG = "<img src=x onerror=\"window.__pwned=2;alert(2)\">";

  String hostileIncident() {
    String body = "{\"source\":{\"type\":\"party_complaint\",\"party\":\"SY-OPP\",\"reference\":\"\\\"><script>window.__pwned=4</script>\"},"
        + "\"occurredAt\":\"2026-11-19T10:00:00Z\",\"location\":{\"lat\":35.86,\"lon\":36.8,\"placeName\":\"<img src=x onerror=window.__pwned=3>\"},"
        + "\"type\":\"shelling\",\"allegedPerpetrator\":\"SY-GOV\",\"weapons\":[\"<svg onload=window.__pwned=5>\"],"
        + "\"description\":" + org.truce.http.Json.MAPPER.valueToTree(SCRIPT + IMG) + "}";
    TestServer.Answer a = t.post("/api/v1/reports", body);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json().get("incidentId").asText();
  }

  @Test
  void reportTextIsPrintedEscapedOnTheIncidentPage() {
    String incident = hostileIncident();
    Browser reviewer = signedIn("ru", "RU", Role.REVIEWER);
    Browser.Page p = reviewer.get("/incidents/" + incident);
    assertThat(p.status()).isEqualTo(200);
    assertThat(p.header("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(p.body()).doesNotContain("<script>window", "<img src=x", "<svg onload")
        .contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;", "&lt;img src=x onerror=window.__pwned=3&gt;",
            "&lt;svg onload=window.__pwned=5&gt;");
    // the only scripts are the site's own files
    assertThat(p.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=\"/assets/)");
  }

  @Test
  void theIncidentPageShowsTheReportsTheReaderMayRead() {
    String incident = hostileIncident();
    Browser observer = signedIn("un", "UN", Role.OBSERVER);
    Browser.Page p = observer.get("/incidents/" + incident);
    assertThat(p.status()).isEqualTo(200);
    assertThat(p.body()).doesNotContain("window.__pwned=1").contains("1 more reports support this incident");
    assertThat(p.body()).doesNotContain("action=\"/incidents/" + incident + "/assessments\"");
    assertThat(observer.get("/incidents/" + UUID.randomUUID()).status()).isEqualTo(404);
    assertThat(observer.get("/incidents/not-an-id").status()).isEqualTo(404);
  }

  @Test
  void pagesARoleMayNotOpenAnswer403InTheReadersLanguage() {
    Browser reporter = signedIn("opp", "SY-OPP", Role.REPORTER);
    for (String page : new String[] {"/review", "/admin/users", "/admin/users/" + UUID.randomUUID()}) {
      Browser.Page p = reporter.get(page);
      assertThat(p.status()).as(page).isEqualTo(403);
      assertThat(p.header("Content-Type")).startsWith("text/html");
    }
    assertThat(reporter.get("/review?lang=tr").body()).contains("Erişim engellendi");
    assertThat(reporter.get("/reports/new").status()).isEqualTo(200);
    assertThat(reporter.get("/").body()).doesNotContain("href=\"/review\"", "href=\"/admin/users\"").contains("href=\"/reports/new\"");
    Browser observer = signedIn("un-reviewer", "UN", Role.REVIEWER);
    assertThat(observer.get("/review").status()).as("a reviewer of no guarantor").isEqualTo(403);
    assertThat(observer.get("/reports/new").status()).isEqualTo(403);
    Browser reviewer = signedIn("tr", "TR", Role.REVIEWER);
    assertThat(reviewer.get("/review").status()).isEqualTo(200);
    assertThat(reviewer.get("/").body()).contains("href=\"/review\"").doesNotContain("href=\"/reports/new\"");
  }

  @Test
  void theAssessmentFormNeedsItsTokenAReviewerOfAGuarantorAndARationale() {
    String incident = hostileIncident();
    Browser reviewer = signedIn("ir", "IR", Role.REVIEWER);
    String csrf = reviewer.get("/incidents/" + incident).csrf();
    String path = "/incidents/" + incident + "/assessments";
    assertThat(reviewer.post(path, Map.of("assessment", "confirmed", "rationale", "seen")).status()).isEqualTo(403);
    Browser.Page empty = reviewer.post(path, Map.of("csrf", csrf, "assessment", "confirmed", "rationale", " "));
    assertThat(empty.status()).isEqualTo(422);
    assertThat(empty.body()).contains("Give a rationale");
    Browser reporter = signedIn("opp2", "SY-OPP", Role.REPORTER);
    String reporterCsrf = reporter.get("/").csrf();
    assertThat(reporter.post(path, Map.of("csrf", reporterCsrf, "assessment", "confirmed", "rationale", "x")).status()).isEqualTo(403);
    assertThat(t.count("assessments")).isZero();

    Browser.Page done = reviewer.post(path, Map.of("csrf", csrf, "assessment", "confirmed", "rationale", "Two witnesses.",
        "from", "review"));
    assertThat(done.status()).isEqualTo(303);
    assertThat(done.header("Location")).isEqualTo("/review?done=" + incident);
    assertThat(t.get("/api/v1/incidents/" + incident).json().get("finding").asText()).isEqualTo("under_review");
    assertThat(reviewer.get("/incidents/" + incident).body()).contains("Two witnesses.", "data-finding=\"under_review\"");
  }

  @Test
  void adminsCreateUsersAndTokensWhichAreShownOnce() {
    Browser admin = signedIn("root", "SEC", Role.ADMIN);
    String csrf = admin.get("/admin/users").csrf();
    Browser.Page made = admin.post("/admin/users", Map.of("csrf", csrf, "name", "<b>new</b>", "party", "RU", "roles", "reviewer"));
    assertThat(made.status()).isEqualTo(201);
    assertThat(made.body()).contains("User &lt;b&gt;new&lt;/b&gt; was created").doesNotContain("<b>new</b>");
    String token = made.body().replaceAll("(?s).*id=\"new-token\">([^<]+)<.*", "$1");
    assertThat(token).startsWith("truce_");
    assertThat(t.request("GET", "/api/v1/review-queue", null, token).status()).isEqualTo(200);
    assertThat(admin.get("/admin/users").body()).doesNotContain(token);
    Browser.Page taken = admin.post("/admin/users", Map.of("csrf", csrf, "name", "<b>new</b>", "party", "RU", "roles", "reviewer"));
    assertThat(taken.status()).isEqualTo(409);

    UUID id = t.app.userAdmin.byName("<b>new</b>").orElseThrow().user().id();
    String tokenId = t.app.tokens.list(id).get(0).id().toString();
    Browser.Page revoked = admin.post("/admin/users/" + id + "/tokens/" + tokenId + "/revoke", Map.of("csrf", csrf));
    assertThat(revoked.status()).isEqualTo(303);
    assertThat(t.request("GET", "/api/v1/review-queue", null, token).status()).isEqualTo(401);
    assertThat(admin.post("/admin/users/" + id + "/disable", Map.of("csrf", csrf)).header("Location"))
        .isEqualTo("/admin/users/" + id + "?done=disable");
    assertThat(admin.get("/admin/users/" + id).body()).contains("Disabled");
    Browser.Page pw = admin.post("/admin/users/" + id + "/password", Map.of("csrf", csrf, "password", "short"));
    assertThat(pw.status()).isEqualTo(422);
  }

  @Test
  void everyoneIssuesAndRevokesItsOwnTokensOnTheAccountPage() {
    Browser b = signedIn("obs", "UN", Role.OBSERVER);
    String csrf = b.get("/account").csrf();
    Browser.Page issued = b.post("/account/tokens", Map.of("csrf", csrf, "label", "laptop"));
    assertThat(issued.status()).isEqualTo(201);
    String token = issued.body().replaceAll("(?s).*id=\"new-token\">([^<]+)<.*", "$1");
    assertThat(t.request("GET", "/api/v1/zones", null, token).status()).isEqualTo(200);
    String tokenId = issued.body().replaceAll("(?s).*<tr data-token=\"([^\"]+)\">\\s*<td class=\"text\">laptop<.*", "$1");
    assertThat(b.post("/account/tokens/" + tokenId + "/revoke", Map.of("csrf", csrf)).status()).isEqualTo(303);
    assertThat(t.request("GET", "/api/v1/zones", null, token).status()).isEqualTo(401);
    // another user's token is not found
    String othersToken = t.app.tokens.list(t.app.userAdmin.byName("admin").orElseThrow().user().id()).get(0).id().toString();
    assertThat(b.post("/account/tokens/" + othersToken + "/revoke", Map.of("csrf", csrf)).status()).isEqualTo(404);
    assertThat(b.post("/account/tokens", Map.of("csrf", csrf, "label", "")).status()).isEqualTo(422);
  }

  @Test
  void anOnlineTileLayerIsOptInAndAllowedByThePolicyOnlyThen() {
    Browser b = signedIn("plain", "UN", Role.OBSERVER);
    Browser.Page p = b.get("/");
    assertThat(p.body()).doesNotContain("data-tiles=");
    assertThat(p.header("Content-Security-Policy")).contains("img-src 'self';");
    t.close();

    t = TestServer.start(new MutableClock(Instant.parse("2026-11-20T10:00:00Z")), s -> s.withWeb(s.web()
        .withMapTiles("https://tiles.example.org/{z}/{x}/{y}.png", "© Example & co")));
    Browser tiled = signedIn("tiled", "UN", Role.OBSERVER);
    Browser.Page q = tiled.get("/");
    assertThat(q.header("Content-Security-Policy")).contains("img-src 'self' https://tiles.example.org;")
        .doesNotContain("script-src 'self' https");
    assertThat(q.body()).contains("data-tiles=\"https://tiles.example.org/{z}/{x}/{y}.png\"", "data-tiles-credit=\"© Example &amp; co\"");

    for (String bad : new String[] {"javascript:alert(1)", "https://x.org/\"onload=\"", "ftp://tiles.example.org/{z}"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.truce.config.Settings.fromEnvironment(
          Map.of("TRUCE_MAP_TILES_URL", bad))).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("TRUCE_MAP_TILES_URL");
    }
  }
}
