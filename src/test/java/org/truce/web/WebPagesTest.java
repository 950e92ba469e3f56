package org.truce.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
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
    var id = t.app.users.addUser(name, party, role, t.app.parties).user().id();
    t.app.logins.setPassword(AuditLog.Actor.SYSTEM, "test", id, PASSWORD);
    Browser b = new Browser(t.base);
    assertThat(b.signIn(name, PASSWORD).status()).isEqualTo(303);
    return b;
  }

  @Test
  void theLanguageComesFromTheQueryThenTheCookieThenTheBrowser() {
    Browser b = new Browser(t.base);
    assertThat(b.get("/login").body()).contains("<html lang=\"en\" dir=\"ltr\">", "Sign in");
    Browser.Page ar = b.get("/login?lang=ar");
    assertThat(ar.body()).contains("<html lang=\"ar\" dir=\"rtl\">", "تسجيل الدخول");
    assertThat(ar.setCookies()).anySatisfy(c -> assertThat(c).startsWith("truce-lang=ar;"));
    assertThat(b.get("/login").body()).as("kept in the cookie").contains("<html lang=\"ar\" dir=\"rtl\">");
    assertThat(b.get("/login?lang=fa").body()).contains("<html lang=\"fa\" dir=\"rtl\">", "ورود");
    assertThat(b.get("/login?lang=xx").body()).as("unknown: the cookie's").contains("<html lang=\"fa\"");

    Browser russian = new Browser(t.base);
    russian.always.put("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.8");
    assertThat(russian.get("/login").body()).contains("<html lang=\"ru\" dir=\"ltr\">", "Вход");
    Browser turkish = new Browser(t.base);
    assertThat(turkish.get("/login?lang=tr").body()).contains("<html lang=\"tr\" dir=\"ltr\">", "Giriş");
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
}
