package org.truce.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.truce.access.Role;
import org.truce.audit.AuditLog;
import org.truce.support.TestServer;

/**
 * The web interface in a real browser (Debian's headless Chromium): a reporter submits a report with the map picker
 * and finds it on the map, the three guarantors' reviewers assess it from their review queues and the finding
 * becomes verified, then a coordinator drafts the period's bulletin, the three sign it in the browser and it is
 * downloaded; the same in Arabic, right to left; and a report written to attack its readers runs nothing in a
 * reviewer's browser. Skipped where Chromium or its driver is not installed.
 */
class WebUiTest {

  static final String PASSWORD = "correct horse battery staple";

  static TestServer t;
  static ChromeDriver d;
  /** Held, or java.util.logging may forget the level set on it. */
  static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  @BeforeAll
  static void start() {
    if (!Chromium.available() && "1".equals(System.getenv("TRUCE_TEST_REQUIRE_BROWSER"))) {
      throw new IllegalStateException("TRUCE_TEST_REQUIRE_BROWSER=1 but /usr/bin/chromium or /usr/bin/chromedriver is missing");
    }
    Assumptions.assumeTrue(Chromium.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
    // Selenium warns that it has no DevTools bindings for this Chromium; the tests use WebDriver only
    SELENIUM_LOG.setLevel(Level.SEVERE);
    t = TestServer.start();
    user("opp-reporter", "SY-OPP", Role.REPORTER);
    user("ir-reviewer", "IR", Role.REVIEWER);
    user("ru-reviewer", "RU", Role.REVIEWER);
    user("tr-reviewer", "TR", Role.REVIEWER);
    user("coordinator", "SEC", Role.COORDINATOR);
    d = Chromium.start();
  }

  static void user(String name, String party, Role role) {
    UUID id = t.app.users.addUser(name, party, role, t.app.parties).user().id();
    t.app.logins.setPassword(AuditLog.Actor.SYSTEM, "test", id, PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (d != null) {
      d.quit();
    }
    if (t != null) {
      t.close();
    }
  }

  @BeforeEach
  void signedOut() {
    d.get(t.base + "/login");
    d.manage().deleteAllCookies();
  }

  WebDriverWait await() {
    return new WebDriverWait(d, Duration.ofSeconds(60));
  }

  void signIn(String name, String lang) {
    d.manage().deleteAllCookies();
    d.get(t.base + "/login?lang=" + lang);
    d.findElement(By.id("username")).sendKeys(name);
    d.findElement(By.id("password")).sendKeys(PASSWORD);
    d.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.logout")));
  }

  void signOut() {
    d.findElement(By.cssSelector("form.logout button")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"en, Saraqib, 35.8645, 36.8007, 1", "ar, درعا, 32.6189, 36.1021, 2"})
  void reportFindOnTheMapVerifyAsThreeGuarantorsAndIssueTheBulletin(String lang, String place, double lat, double lon,
                                                                    int daysAgo) throws Exception {
    signIn("opp-reporter", lang);
    assertThat(d.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
    boolean rtl = lang.equals("ar");
    assertThat(d.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo(rtl ? "rtl" : "ltr");
    // the header runs in the reading direction: in Arabic the brand stands right of the navigation
    int brand = d.findElement(By.cssSelector(".brand")).getRect().getX();
    int nav = d.findElement(By.cssSelector(".site-nav")).getRect().getX();
    assertThat(rtl ? brand > nav : brand < nav).as("brand at the start of the line").isTrue();

    // the report form: a place found by name, then the exact point clicked on the map
    d.findElement(By.cssSelector(".site-nav a[href='/reports/new']")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#picker[data-ready]")));
    new Select(d.findElement(By.id("source-type"))).selectByValue("party_complaint");
    d.findElement(By.id("reference")).sendKeys("OPP-" + lang + "-17");
    LocalDateTime when = LocalDateTime.now(ZoneOffset.UTC).minusDays(daysAgo).withHour(6).withMinute(30);
    setValue("occurred-at", when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
    d.findElement(By.id("place-search")).sendKeys(place);
    WebElement found = await().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#place-results button")));
    found.click();
    assertThat(Double.parseDouble(d.findElement(By.id("lat")).getAttribute("value"))).isCloseTo(lat, org.assertj.core.data.Offset.offset(0.01));
    // a click a little away from the place: the picker sets the clicked point
    WebElement picker = d.findElement(By.id("picker"));
    new Actions(d).moveToElement(picker, 20, 15).click().perform();
    double pickedLat = Double.parseDouble(d.findElement(By.id("lat")).getAttribute("value"));
    double pickedLon = Double.parseDouble(d.findElement(By.id("lon")).getAttribute("value"));
    assertThat(pickedLat).isCloseTo(lat, org.assertj.core.data.Offset.offset(0.1)).isNotEqualTo(lat);
    assertThat(pickedLon).isCloseTo(lon, org.assertj.core.data.Offset.offset(0.1));
    new Select(d.findElement(By.id("type"))).selectByValue("shelling");
    new Select(d.findElement(By.id("perpetrator"))).selectByValue("SY-GOV");
    d.findElement(By.id("civiliansInjured")).sendKeys("3");
    d.findElement(By.id("description")).sendKeys(rtl ? "قصف مدفعي على الحي الشرقي" : "Mortar rounds hit the eastern quarter");
    d.findElement(By.id("report-submit")).click();
    WebElement link = await().until(ExpectedConditions.visibilityOfElementLocated(By.id("report-done-link")));
    String incident = link.getAttribute("data-incident");
    assertThat(t.count("reports")).isPositive();

    // the map: the filters and view in the address; the report's incident is a point there, still open
    String day = when.toLocalDate().toString();
    d.get(t.base + "/?from=" + day + "&to=" + day + "&zoom=11&lat=" + pickedLat + "&lon=" + pickedLon);
    WebElement point = await().until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".leaflet-marker-icon.point[data-id='" + incident + "']")));
    assertThat(point.getAttribute("data-finding")).isEqualTo("open");
    assertThat(d.getCurrentUrl()).contains("from=" + day, "zoom=11");
    point.click();
    await().until(ExpectedConditions.urlContains("/incidents/" + incident));
    assertThat(d.findElement(By.id("finding")).getAttribute("data-finding")).isEqualTo("open");
    assertThat(d.findElement(By.cssSelector("blockquote.description")).getText()).contains(rtl ? "قصف" : "Mortar");
    signOut();

    // each guarantor's reviewer finds it in the queue and confirms it; with all three the finding is verified
    List<String> findings = List.of("under_review", "under_review", "verified");
    List<String> reviewers = List.of("ir-reviewer", "ru-reviewer", "tr-reviewer");
    for (int i = 0; i < 3; i++) {
      signIn(reviewers.get(i), lang);
      d.findElement(By.cssSelector(".site-nav a[href='/review']")).click();
      d.findElement(By.cssSelector("#queue tr[data-incident='" + incident + "'] a")).click();
      d.findElement(By.cssSelector("input[name=assessment][value=confirmed]")).click();
      d.findElement(By.id("rationale")).sendKeys("Crater analysis and two independent witnesses.");
      d.findElement(By.cssSelector("#assess button[type=submit]")).click();
      await().until(ExpectedConditions.urlContains("/review"));
      d.get(t.base + "/incidents/" + incident);
      assertThat(d.findElement(By.id("finding")).getAttribute("data-finding")).as("after " + reviewers.get(i))
          .isEqualTo(findings.get(i));
      if (i < 2) {
        signOut();
      }
    }
    // and the map shows it verified
    d.get(t.base + "/?from=" + day + "&to=" + day + "&zoom=11&lat=" + pickedLat + "&lon=" + pickedLon);
    WebElement verified = await().until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".leaflet-marker-icon.point[data-id='" + incident + "']")));
    assertThat(verified.getAttribute("data-finding")).isEqualTo("verified");
    assertThat(d.findElement(By.cssSelector("#counts [data-finding=verified] .n")).getText()).isNotEqualTo("0");
    signOut();

    draftSignAndDownloadTheBulletin(lang, when.minusHours(1));
  }

  /**
   * A coordinator drafts the bulletin of the period since shortly before the report; each guarantor's reviewer
   * registers a key (its public key file read by the page) and signs in the browser (the private key file read and
   * used by the browser's Web Crypto, never sent); with the third signature it is issued, and its PDF and signed
   * file are downloaded, the latter checked offline against the three public keys.
   */
  void draftSignAndDownloadTheBulletin(String lang, LocalDateTime fromUtc) throws Exception {
    boolean rtl = lang.equals("ar");
    java.time.ZoneId tz = t.app.bulletins.composer().settings().timeZone();
    DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    signIn("coordinator", lang);
    d.findElement(By.cssSelector(".site-nav a[href='/bulletins']")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("draft-form")));
    setValue("draft-from", fromUtc.atOffset(ZoneOffset.UTC).atZoneSameInstant(tz).format(local));
    setValue("draft-to", java.time.ZonedDateTime.now(tz).minusMinutes(1).format(local));
    d.findElement(By.id("draft-note")).sendKeys(rtl ? "يوم هادئ نسبياً في الشمال" : "A relatively quiet day in the north");
    d.findElement(By.id("draft-submit")).click();
    WebElement status = await().until(ExpectedConditions.presenceOfElementLocated(By.id("status")));
    assertThat(status.getAttribute("data-status")).isEqualTo("draft");
    String bulletin = d.getCurrentUrl().replaceAll("\\?.*", "");
    assertThat(bulletin).matches(".*/bulletins/[0-9a-f-]{36}");
    assertThat(Long.parseLong(d.findElement(By.id("fig-verified")).getAttribute("data-n"))).as("the verified incident counts")
        .isPositive();
    signOut();

    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("truce-keys");
    java.util.Map<String, List<java.security.PublicKey>> trusted = new java.util.LinkedHashMap<>();
    List<String> guarantors = List.of("IR", "RU", "TR");
    for (int i = 0; i < 3; i++) {
      String g = guarantors.get(i);
      java.security.KeyPair k = org.truce.bulletins.Ed25519.generate();
      trusted.put(g, List.of(k.getPublic()));
      java.nio.file.Path pub = java.nio.file.Files.writeString(dir.resolve(g + "-" + lang + ".pub"), org.truce.bulletins.Ed25519.pem(k.getPublic()));
      java.nio.file.Path priv = java.nio.file.Files.writeString(dir.resolve(g + "-" + lang + ".key"), org.truce.bulletins.Ed25519.pem(k.getPrivate()));
      String keyId = org.truce.bulletins.Ed25519.keyId(k.getPublic());

      signIn(g.toLowerCase(java.util.Locale.ROOT) + "-reviewer", lang);
      d.get(t.base + "/bulletins/keys");
      d.findElement(By.id("public-key-file")).sendKeys(pub.toAbsolutePath().toString());
      await().until(x -> d.findElement(By.id("public-key")).getAttribute("value").contains("BEGIN PUBLIC KEY"));
      d.findElement(By.id("key-label")).sendKeys("signing laptop");
      d.findElement(By.id("key-submit")).click();
      await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#keys tr[data-key='" + keyId + "']")));

      d.get(bulletin);
      assertThat(d.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo(rtl ? "rtl" : "ltr");
      // the table reads in the page's direction: in Arabic the guarantor's column stands right of the time's
      int first = d.findElement(By.cssSelector("#signatures th:nth-child(1)")).getRect().getX();
      int second = d.findElement(By.cssSelector("#signatures th:nth-child(2)")).getRect().getX();
      assertThat(rtl ? first > second : first < second).as("first column at the start of the line").isTrue();
      d.findElement(By.id("key-file")).sendKeys(priv.toAbsolutePath().toString());
      await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-status"), keyId));
      d.findElement(By.id("sign-submit")).click();
      WebElement row = await().until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("#signatures tr[data-guarantor='" + g + "'][data-signed='true']")));
      assertThat(row.getText()).contains(keyId);
      assertThat(d.findElement(By.id("status")).getAttribute("data-status")).as("after " + g).isEqualTo(i < 2 ? "draft" : "issued");
      signOut();
    }

    // downloaded as a reader would: the PDF, and the signed file, which checks out offline with the public keys
    signIn("opp-reporter", lang);
    d.get(bulletin);
    assertThat(d.findElement(By.id("status")).getAttribute("data-status")).isEqualTo("issued");
    String cookies = d.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
        .collect(java.util.stream.Collectors.joining("; "));
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.util.function.Function<String, byte[]> download = id -> {
      try {
        java.net.http.HttpResponse<byte[]> r = http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(d.findElement(By.id(id)).getAttribute("href"))).header("Cookie", cookies).build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(id).isEqualTo(200);
        return r.body();
      } catch (java.io.IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
    byte[] pdf = download.apply("download-pdf");
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    var check = org.truce.bulletins.SignedDocument.verify(org.truce.http.Json.MAPPER.readTree(download.apply("download-signed")),
        trusted, "all");
    assertThat(check.valid()).as(String.join("\n", check.lines())).isTrue();
    signOut();
  }

  @Test
  void scriptWrittenIntoAReportNeverRunsInAReviewersBrowser() {
    String day = LocalDateTime.now(ZoneOffset.UTC).minusDays(5).toLocalDate().toString();
    String payload = "<script>window.__pwned=1;alert(1)</script><img src=x onerror=\"window.__pwned=2;alert(2)\">";
    String report = "{\"source\":{\"type\":\"party_complaint\",\"party\":\"SY-OPP\",\"reference\":"
        + "\"\\\"><script>window.__pwned=3</script>\"},\"occurredAt\":\"" + day + "T08:00:00Z\","
        + "\"location\":{\"lat\":34.73,\"lon\":36.71,\"placeName\":\"<img src=x onerror=window.__pwned=4>\"},"
        + "\"type\":\"sniper_fire\",\"allegedPerpetrator\":\"SY-GOV\",\"weapons\":[\"<svg onload=window.__pwned=5>\"],"
        + "\"description\":" + org.truce.http.Json.MAPPER.valueToTree(payload) + "}";
    TestServer.Answer a = t.post("/api/v1/reports", report);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    String incident = a.json().get("incidentId").asText();
    String ir = t.token("ir-machine", "IR", Role.REVIEWER);
    assertThat(t.request("POST", "/api/v1/incidents/" + incident + "/assessments",
        "{\"assessment\":\"confirmed\",\"rationale\":\"<img src=x onerror=window.__pwned=6>\"}", ir).status()).isEqualTo(201);

    signIn("ru-reviewer", "en");
    for (String page : new String[] {"/review", "/incidents/" + incident,
        "/?from=" + day + "&to=" + day + "&zoom=11&lat=34.73&lon=36.71"}) {
      d.get(t.base + page);
      await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
      if (page.startsWith("/?")) {
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".leaflet-marker-icon.point[data-id='" + incident + "']")));
      }
      assertThat(alertShown()).as("an alert on " + page).isFalse();
      assertThat(d.executeScript("return window.__pwned === undefined ? 'clean' : String(window.__pwned)"))
          .as("script of the report ran on " + page).isEqualTo("clean");
    }
    // on the incident page the text is shown as written, for the reviewer to read
    d.get(t.base + "/incidents/" + incident);
    assertThat(d.findElement(By.cssSelector("blockquote.description")).getText()).isEqualTo(payload);
    assertThat(d.findElement(By.cssSelector(".report .place")).getText()).isEqualTo("<img src=x onerror=window.__pwned=4>");
    assertThat(d.findElement(By.cssSelector("tr[data-guarantor=IR]")).getText()).contains("<img src=x onerror=window.__pwned=6>");
    assertThat(d.findElements(By.cssSelector("main img, main svg script, main script"))).isEmpty();
  }

  /** Sets an input's value the way a date-time picker would (typing into it depends on the browser's locale). */
  void setValue(String id, String value) {
    d.executeScript("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
        + " e.dispatchEvent(new Event('change', {bubbles: true}));", id, value);
  }

  boolean alertShown() {
    try {
      d.switchTo().alert();
      return true;
    } catch (NoAlertPresentException e) {
      return false;
    }
  }
}
