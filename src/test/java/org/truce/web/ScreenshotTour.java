package org.truce.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.truce.access.Role;
import org.truce.access.User;
import org.truce.audit.AuditLog;
import org.truce.reports.ReportInput;
import org.truce.reports.ReportParser;
import org.truce.scenario.ScenarioGenerator;
import org.truce.support.TestServer;
import org.truce.verification.Verification;

/**
 * The screenshots of the README's tour, taken over demo-like data (a generated 14-day scenario, assessed in part by
 * the three guarantors). Not part of the suite (its name does not end in Test); run it when the pages change:
 *
 * <pre>mvn -q test -Dtest=ScreenshotTour -Dtruce.screenshots=docs/screenshots</pre>
 */
class ScreenshotTour {

  static final String PASSWORD = "truce-demo-password";
  static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  static TestServer t;
  static ChromeDriver d;
  static Path out;

  @BeforeAll
  static void start() throws Exception {
    String dir = System.getProperty("truce.screenshots");
    Assumptions.assumeTrue(dir != null && Chromium.available(), "run with -Dtruce.screenshots=DIR, with Chromium installed");
    SELENIUM_LOG.setLevel(Level.SEVERE);
    out = Path.of(dir);
    Files.createDirectories(out);
    t = TestServer.start();
    LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(14);
    Iterator<ScenarioGenerator.Generated> it = new ScenarioGenerator(new ScenarioGenerator.Options(start, 14, 7, 1.0, 1.0)).iterator();
    List<ReportInput> batch = new ArrayList<>();
    while (it.hasNext()) {
      ReportParser.Result r = t.app.parser.parse(it.next().report());
      batch.add(r.report());
      if (batch.size() == 2000 || !it.hasNext()) {
        t.app.ingest.store(batch, AuditLog.Actor.SYSTEM);
        batch.clear();
      }
    }
    for (String[] u : new String[][] {{"demo-opp-reporter", "SY-OPP", "reporter"}, {"demo-ir-reviewer", "IR", "reviewer"},
        {"demo-ru-reviewer", "RU", "reviewer"}, {"demo-tr-reviewer", "TR", "reviewer"}, {"demo-admin", "SEC", "admin"},
        {"demo-coordinator", "SEC", "coordinator"}}) {
      UUID id = t.app.users.addUser(u[0], u[1], Role.fromCode(u[2]), t.app.parties).user().id();
      t.app.logins.setPassword(AuditLog.Actor.SYSTEM, "demo", id, PASSWORD);
    }
    // the guarantors assess the incidents with most reports, mostly agreeing, so that every finding shows
    List<UUID> assessed = t.app.db.jdbi().withHandle(h -> h.createQuery(
        "select id from incidents where merged_into is null order by report_count desc, id limit 400").mapTo(UUID.class).list());
    Random random = new Random(7);
    for (String name : List.of("demo-ir-reviewer", "demo-tr-reviewer", "demo-ru-reviewer")) {
      User reviewer = t.app.db.jdbi().withHandle(h -> t.app.users.byName(h, name)).orElseThrow();
      for (UUID id : assessed) {
        double r = random.nextDouble();
        if (name.equals("demo-ru-reviewer") && id.equals(assessed.get(0))) {
          continue; // left for the review queue's screenshot
        }
        String a = r < 0.1 ? null : r < 0.8 ? "confirmed" : r < 0.92 ? "not_confirmed" : "insufficient_information";
        if (a != null) {
          t.app.verification.assessIncident(reviewer, id, new Verification.AssessmentInput(a,
              "Crater analysis, two independent witnesses and the monitors' log of the day.", List.of()));
        }
      }
    }
    bulletins();
    d = Chromium.start();
    d.manage().window().setSize(new org.openqa.selenium.Dimension(1360, 960));
  }

  static Path trKey;

  /** Two bulletins: the day before yesterday's, issued by the three guarantors; yesterday's, signed by two of them. */
  static void bulletins() throws Exception {
    User coordinator = t.app.db.jdbi().withHandle(h -> t.app.users.byName(h, "demo-coordinator")).orElseThrow();
    List<UUID> ids = new ArrayList<>();
    for (int back = 2; back >= 1; back--) {
      String day = LocalDate.now(ZoneOffset.UTC).minusDays(back).toString();
      var period = t.app.bulletins.composer().period(day, day, null, t.app.clock, new ArrayList<>());
      ids.add(t.app.bulletins.draftBulletin(coordinator, period, "Figures as of the cut-off; incidents still under review"
          + " are counted with their current finding.", null, null).id());
    }
    for (String g : List.of("IR", "RU", "TR")) {
      User reviewer = t.app.db.jdbi().withHandle(h -> t.app.users.byName(h, "demo-" + g.toLowerCase(java.util.Locale.ROOT) + "-reviewer")).orElseThrow();
      java.security.KeyPair k = org.truce.bulletins.Ed25519.generate();
      String keyId = t.app.bulletins.registerKey(reviewer, org.truce.bulletins.Ed25519.pem(k.getPublic()), g + " signing laptop").id();
      for (UUID id : ids) {
        if (g.equals("TR") && id.equals(ids.get(1))) {
          trKey = Files.writeString(Files.createTempFile("tr", ".key"), org.truce.bulletins.Ed25519.pem(k.getPrivate()));
          continue;
        }
        byte[] content = t.app.bulletins.get(id).orElseThrow().content().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        t.app.bulletins.signBulletin(reviewer, id, keyId, org.truce.bulletins.Ed25519.sign(k.getPrivate(), content));
      }
    }
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

  WebDriverWait await() {
    return new WebDriverWait(d, Duration.ofSeconds(30));
  }

  void signIn(String name, String lang) {
    d.get(t.base + "/login?lang=" + lang);
    d.manage().deleteAllCookies();
    d.get(t.base + "/login?lang=" + lang);
    d.findElement(By.id("username")).sendKeys(name);
    d.findElement(By.id("password")).sendKeys(PASSWORD);
    d.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.logout")));
  }

  void shoot(String name) throws Exception {
    Files.write(out.resolve(name + ".png"), d.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void tour() throws Exception {
    String from = LocalDate.now(ZoneOffset.UTC).minusDays(14).toString();
    String to = LocalDate.now(ZoneOffset.UTC).toString();
    signIn("demo-ru-reviewer", "en");
    d.get(t.base + "/?from=" + from + "&to=" + to + "&zoom=7&lat=34.9&lon=37.6");
    await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#map[data-ready]")));
    shoot("dashboard");

    d.get(t.base + "/review");
    shoot("review-queue");
    String incident = d.findElement(By.cssSelector("#queue tbody tr")).getAttribute("data-incident");
    d.get(t.base + "/incidents/" + incident);
    shoot("incident");
    d.get(t.base + "/incidents/" + incident + "#assess");
    d.findElement(By.cssSelector("input[name=assessment][value=confirmed]")).click();
    d.findElement(By.id("rationale")).sendKeys("Imagery of the impact site matches the reports.");
    new Actions(d).scrollToElement(d.findElement(By.cssSelector("#assess button"))).perform();
    shoot("assessment-form");

    signIn("demo-opp-reporter", "en");
    d.get(t.base + "/reports/new");
    await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#picker[data-ready]")));
    d.findElement(By.id("reference")).sendKeys("OPP-2026-1120-17");
    new Select(d.findElement(By.id("type"))).selectByValue("shelling");
    d.findElement(By.id("place-search")).sendKeys("سراقب");
    await().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#place-results button"))).click();
    d.findElement(By.id("place-search")).clear();
    d.findElement(By.id("place-search")).sendKeys("Sar");
    await().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#place-results button")));
    d.executeScript("document.getElementById('place-search').scrollIntoView({block: 'start'})");
    shoot("report-form");

    signIn("demo-ru-reviewer", "ar");
    d.get(t.base + "/?from=" + from + "&to=" + to + "&zoom=7&lat=34.9&lon=37.6&lang=ar");
    await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#map[data-ready]")));
    shoot("dashboard-ar");

    signIn("demo-admin", "ru");
    d.get(t.base + "/admin/users");
    shoot("users-ru");

    signIn("demo-coordinator", "en");
    d.get(t.base + "/bulletins");
    shoot("bulletins");
    String awaiting = d.findElement(By.cssSelector("#bulletins tr[data-status=draft]")).getAttribute("data-bulletin");
    signIn("demo-tr-reviewer", "en");
    d.get(t.base + "/bulletins/" + awaiting);
    d.findElement(By.id("key-file")).sendKeys(trKey.toAbsolutePath().toString());
    await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-status"), "ready"));
    d.executeScript("document.getElementById('signatures-h').scrollIntoView({block: 'start'})");
    shoot("bulletin-sign");
  }
}
