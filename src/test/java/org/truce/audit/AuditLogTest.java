package org.truce.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.Truce;
import org.truce.access.Role;
import org.truce.reports.ReportInput;
import org.truce.scenario.ScenarioGenerator;
import org.truce.support.TestServer;

/** The audit chain: every stored report and user is in it, and every kind of tampering is named. */
@Tag("db")
class AuditLogTest {

  @TempDir
  Path dir;
  TestServer t;

  @BeforeEach
  void start() {
    t = TestServer.start();
    // a user (the admin of TestServer is one too) and 40 reports through the linker, in 20 transactions
    t.token("reporter-opp", "SY-OPP", Role.REPORTER);
    List<ReportInput> reports = new ArrayList<>();
    Iterator<ScenarioGenerator.Generated> it = new ScenarioGenerator(
        new ScenarioGenerator.Options(LocalDate.of(2026, 10, 1), 1, 3, 1.0, 1.0)).iterator();
    while (it.hasNext() && reports.size() < 40) {
      reports.add(t.app.parser.parse(it.next().report()).report());
    }
    for (int i = 0; i < 40; i += 2) {
      t.app.ingest.store(reports.subList(i, i + 2), AuditLog.Actor.SYSTEM);
    }
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private AuditVerifier.Result verify(AuditLog.Head against) {
    return new AuditVerifier(t.app.db.jdbi()).verify(against);
  }

  private long entries() {
    return t.count("audit_log");
  }

  /** What someone with the database password can do: lift the database's own guard. */
  private void liftGuard() {
    t.app.db.jdbi().useHandle(h -> h.execute(t.app.db.isPostgres()
        ? "alter table audit_log disable trigger user" : "drop trigger audit_log_no_change"));
  }

  private void sql(String statement) {
    t.app.db.jdbi().useHandle(h -> h.execute(statement));
  }

  @Test
  void everyReportAndUserIsChainedAndTheChainVerifies() throws Exception {
    List<String> stores = t.app.db.jdbi().withHandle(h -> h.createQuery("select change from audit_log where action = 'reports.store'")
        .mapTo(String.class).list());
    assertThat(stores).as("one entry per transaction").hasSize(20);
    java.util.Set<String> listed = new java.util.HashSet<>();
    for (String change : stores) {
      org.truce.http.Json.MAPPER.readTree(change).get("reports").forEach(r -> {
        assertThat(r.get("contentHash").asText()).hasSize(64);
        listed.add(r.get("id").asText());
      });
    }
    List<String> ids = t.app.db.jdbi().withHandle(h -> h.createQuery("select cast(id as varchar(36)) from reports").mapTo(String.class).list());
    long reports = listed.size();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);
    long users = t.app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from audit_log where action = 'user.create'")
        .mapTo(Long.class).one());
    assertThat(reports).isEqualTo(40);
    assertThat(users).isEqualTo(t.count("users"));

    AuditVerifier.Result r = verify(null);
    assertThat(r.ok()).as(r.problem()).isTrue();
    assertThat(r.entries()).isEqualTo(entries());
    assertThat(r.head()).isEqualTo(t.app.audit.head());
  }

  @Test
  void headIsServedOverHttpAndMatchesTheLog() {
    TestServer.Answer a = t.get("/api/v1/audit/head");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().get("seq").asLong()).isEqualTo(entries());
    assertThat(a.json().get("hash").asText()).isEqualTo(verify(null).head().hash());
    assertThat(t.get("/api/v1/audit/head", null, "application/json").status()).isEqualTo(401);
  }

  @Test
  void theDatabaseRefusesToUpdateOrDeleteEntries() {
    assertThatThrownBy(() -> sql("update audit_log set change = '{}' where seq = 1")).hasMessageContaining("append-only");
    assertThatThrownBy(() -> sql("delete from audit_log where seq = 1")).hasMessageContaining("append-only");
    if (t.app.db.isPostgres()) {
      assertThatThrownBy(() -> sql("truncate audit_log")).hasMessageContaining("append-only");
    }
    assertThat(verify(null).ok()).isTrue();
  }

  @Test
  void anEditedPayloadIsNamed() {
    liftGuard();
    sql("update audit_log set change = replace(change, 'existing', 'new') where seq = 12");
    sql("update audit_log set change = '{\"forged\":true}' where seq = 7");

    AuditVerifier.Result r = verify(null);
    assertThat(r.ok()).isFalse();
    assertThat(r.firstBad()).isEqualTo(7);
    assertThat(r.problem()).contains("entry 7").contains("was changed");
  }

  @Test
  void aDeletedEntryIsNamed() {
    liftGuard();
    sql("delete from audit_log where seq = 5");

    AuditVerifier.Result r = verify(null);
    assertThat(r.ok()).isFalse();
    assertThat(r.firstBad()).isEqualTo(5);
    assertThat(r.problem()).contains("entry 5 is missing");
  }

  @Test
  void swappedEntriesAreNamed() {
    liftGuard();
    sql("update audit_log set seq = -1 where seq = 9");
    sql("update audit_log set seq = 9 where seq = 10");
    sql("update audit_log set seq = 10 where seq = -1");

    AuditVerifier.Result r = verify(null);
    assertThat(r.ok()).isFalse();
    assertThat(r.firstBad()).isEqualTo(9);
    assertThat(r.problem()).contains("entry 9 does not follow entry 8");
  }

  @Test
  void aTruncatedTailIsCaughtAgainstAKeptHead() {
    AuditLog.Head kept = t.app.audit.head();
    long n = kept.seq();
    liftGuard();
    sql("delete from audit_log where seq > " + (n - 3));

    assertThat(verify(null).ok()).as("a shorter chain is consistent in itself").isTrue();
    AuditVerifier.Result r = verify(kept);
    assertThat(r.ok()).isFalse();
    assertThat(r.firstBad()).isEqualTo(n);
    assertThat(r.problem()).contains("truncated");
  }

  @Test
  void aConsistentlyRewrittenTailIsCaughtAgainstAKeptHead() {
    AuditLog.Head kept = t.app.audit.head();
    long n = kept.seq();
    liftGuard();
    // cut the last two entries and append two others, hashing them properly: a chain without a flaw
    String cutHash = t.app.db.jdbi().withHandle(h -> h.createQuery("select hash from audit_log where seq = " + (n - 2))
        .mapTo(String.class).one());
    sql("delete from audit_log where seq > " + (n - 2));
    sql("update audit_state set seq = " + (n - 2) + ", hash = '" + cutHash + "' where id = 1");
    t.app.audit.append(AuditLog.Actor.SYSTEM, "reports.store", "reports", "forged-1", Map.of("note", "rewritten"));
    t.app.audit.append(AuditLog.Actor.SYSTEM, "reports.store", "reports", "forged-2", Map.of("note", "rewritten"));

    assertThat(verify(null).ok()).as("the rewritten chain is consistent in itself").isTrue();
    AuditVerifier.Result r = verify(kept);
    assertThat(r.ok()).isFalse();
    assertThat(r.firstBad()).isEqualTo(n);
    assertThat(r.problem()).contains("rewritten");
  }

  @Test
  void parallelWritersNeverForkTheChain() throws Exception {
    long before = entries();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        int writer = w;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            t.app.audit.append(AuditLog.Actor.SYSTEM, "test.write", "writer", writer + "-" + i, Map.of("i", i));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    AuditVerifier.Result r = verify(null);
    assertThat(r.ok()).as(r.problem()).isTrue();
    assertThat(r.entries()).isEqualTo(before + 200).isEqualTo(entries());
  }

  @Test
  void verifyCommandExitsNonZeroNamingTheEntry() throws Exception {
    String url = t.app.settings.dbUrl();
    Path head = dir.resolve("head.json");
    Files.writeString(head, t.get("/api/v1/audit/head").body());
    t.close();
    // H2 admits one process at a time: the command opens the database once the server is closed
    String out = run("audit", "verify", "--db", url, "--against", head.toString());
    assertThat(out).startsWith("0 audit log intact");

    t = TestServer.reopen(url);
    liftGuard();
    sql("update audit_log set change = '{}' where seq = 3");
    t.close();
    out = run("audit", "verify", "--db", url);
    assertThat(out).startsWith("1 audit log BROKEN at entry 3");
    assertThat(run("audit", "verify", "--db", url, "--against", dir.resolve("missing.json").toString())).startsWith("2 ");
    t = TestServer.reopen(url);
  }

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = Truce.run(args);
      return code + " " + out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(old);
    }
  }
}
