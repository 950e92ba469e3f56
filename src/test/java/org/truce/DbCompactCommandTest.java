package org.truce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.config.Settings;
import org.truce.reports.ReportInput;
import org.truce.scenario.ScenarioGenerator;

/** `truce db compact` shrinks an H2 file grown by many small transactions and keeps every row. */
class DbCompactCommandTest {

  @TempDir
  Path dir;

  @Test
  void compactShrinksAGrownH2FileAndKeepsEveryReport() {
    String url = "jdbc:h2:file:" + dir.resolve("truce");
    int stored;
    // filled without H2's compaction on close (up to 200 ms, more or less of it done as the machine is busy or not), so
    // that the file is left as grown as the transactions made it, whatever the load
    try (App app = App.open(Settings.fromEnvironment(Map.of()).withDbUrl(url + ";MAX_COMPACT_TIME=0"), Clock.systemUTC())) {
      List<ReportInput> reports = new ArrayList<>();
      Iterator<ScenarioGenerator.Generated> it = new ScenarioGenerator(
          new ScenarioGenerator.Options(LocalDate.of(2026, 10, 1), 3, 11, 1.0, 1.0)).iterator();
      while (it.hasNext()) {
        reports.add(app.parser.parse(it.next().report()).report());
      }
      // many small transactions, as the API's group commit makes them
      for (int i = 0; i < reports.size(); i += 10) {
        app.ingest.store(reports.subList(i, Math.min(reports.size(), i + 10)), org.truce.audit.AuditLog.Actor.SYSTEM);
      }
      stored = reports.size();
    }
    long before = size();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Truce.run("db", "compact", "--db", url);
    } finally {
      System.setOut(old);
    }

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("compacted: ");
    assertThat(size()).as("file bytes after compacting (before: %,d)", before).isLessThan(before / 2);
    try (App app = App.open(Settings.fromEnvironment(Map.of()).withDbUrl(url), Clock.systemUTC())) {
      int count = app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from reports").mapTo(Integer.class).one());
      assertThat(count).isEqualTo(stored);
    }
  }

  @Test
  void compactRefusesPostgresqlAndMissingFiles() {
    assertThat(Truce.run("db", "compact", "--db", "jdbc:postgresql://127.0.0.1:5432/test")).isEqualTo(2);
    assertThat(Truce.run("db", "compact", "--db", "jdbc:h2:file:" + dir.resolve("nothing-here"))).isEqualTo(2);
  }

  private long size() {
    try {
      return Files.size(dir.resolve("truce.mv.db"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
