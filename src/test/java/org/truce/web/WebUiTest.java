package org.truce.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.truce.access.Role;
import org.truce.audit.AuditLog;
import org.truce.support.TestServer;

/** The web interface in a real browser (headless Chromium). */
class WebUiTest {

  static final String PASSWORD = "correct horse battery staple";

  static TestServer t;
  static ChromeDriver d;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Chromium.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
    t = TestServer.start();
    user("opp-reporter", "SY-OPP", Role.REPORTER);
    user("ir-reviewer", "IR", Role.REVIEWER);
    user("ru-reviewer", "RU", Role.REVIEWER);
    user("tr-reviewer", "TR", Role.REVIEWER);
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
  void freshSession() {
    d.get(t.base + "/login");
    d.manage().deleteAllCookies();
  }

  WebDriverWait await() {
    return new WebDriverWait(d, Duration.ofSeconds(20));
  }

  void signIn(String name, String lang) {
    d.get(t.base + "/login?lang=" + lang);
    d.findElement(By.id("username")).sendKeys(name);
    d.findElement(By.id("password")).sendKeys(PASSWORD);
    d.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.logout")));
  }

  @Test
  void dashboard() throws Exception {
    signIn("opp-reporter", "en");
    d.get(t.base + "/");
    await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#map[data-ready]")));
    Files.write(Path.of("/tmp/dash.png"), d.getScreenshotAs(OutputType.BYTES));
    System.out.println(d.manage().logs().get("browser").getAll());
  }
}
