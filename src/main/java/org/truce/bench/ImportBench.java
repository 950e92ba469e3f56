package org.truce.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.truce.App;
import org.truce.reports.BulkImport;
import org.truce.reports.Ingest;
import org.truce.reports.ReportFile;
import org.truce.reports.ReportParser;
import org.truce.reports.ReportStore;
import org.truce.scenario.ScenarioGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Bulk import throughput against the store's own floor: a plain JDBC batch insert of the same rows into a
 * copy of the reports table, in the same database, in the same run. With --audit-cost, instead, the import with
 * the audit log against the import without it ({@link AuditCost}).
 */
@Command(name = "import", description = "Bulk import of scenario reports vs a plain JDBC batch insert of the same rows; "
    + "with --audit-cost, with the audit log vs without it.")
final class ImportBench implements Callable<Integer> {

  @Option(names = "--reports", defaultValue = "1000000")
  int reports;

  @Option(names = "--db", description = "an EMPTY database: jdbc:h2:file:... or jdbc:postgresql://...; with --audit-cost, "
      + "a PostgreSQL server on which to create a database per run (jdbc:postgresql://HOST:PORT/postgres?user=...), or "
      + "left out for H2 files in a temporary directory")
  String db;

  @Option(names = "--batch", defaultValue = "10000")
  int batch;

  @Option(names = "--audit-cost", description = "instead of the floors: the import with the audit log against the import "
      + "without it, in balanced rounds, each run into a new empty store (BENCHMARKS.md, section 5)")
  boolean auditCost;

  @Option(names = "--rounds", defaultValue = "2", description = "with --audit-cost: rounds of four runs (A B B A, B A A B, ...)")
  int rounds;

  @Option(names = "--warmup-runs", defaultValue = "1", description = "with --audit-cost: runs before the rounds, not counted")
  int warmupRuns;

  @Override
  public Integer call() throws Exception {
    if (auditCost) {
      return auditCost();
    }
    if (db == null) {
      throw new IllegalArgumentException("--db is needed: an empty database");
    }
    Path file = Files.createTempFile("truce-bench-", ".ndjson");
    try (App app = App.open(BenchCommand.settings(db), Clock.systemUTC())) {
      int existing = app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from reports").mapTo(Integer.class).one());
      if (existing > 0) {
        throw new IllegalArgumentException("--db must be an empty database; it holds " + existing + " reports");
      }
      long t0 = System.nanoTime();
      int n = writeScenario(file, reports);
      System.out.printf("scenario: %d reports, %.0f MB, written in %.1f s%n", n, Files.size(file) / 1e6, (System.nanoTime() - t0) / 1e9);

      List<ReportStore.Row> rows = parseAll(app.parser, file);
      double floor = floor(app, rows, batch, false);
      System.out.printf("floor (plain JDBC batch insert into a copy of the reports table): %,.0f rows/s%n", floor);
      if (app.db.isPostgres()) {
        // Truce writes through COPY on PostgreSQL: show that floor too, for a fair view of its own overhead
        System.out.printf("COPY floor (the same rows through COPY into a copy of the reports table): %,.0f rows/s%n",
            floor(app, rows, batch, true));
      }
      rows = null;
      System.gc();

      BulkImport.Summary s = BulkImport.run(app.parser, app.ingest, file, false, Path.of(file + ".errors"), batch, null);
      double truce = s.lines() / s.seconds();
      int incidents = app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from incidents").mapTo(Integer.class).one());
      System.out.printf("truce import (read, validate, place, deduplicate, store): %,d reports -> %,d incidents in %.1f s = %,.0f reports/s%n",
          s.lines(), incidents, s.seconds(), truce);
      System.out.printf("ratio floor/truce: %.2fx (target <= 2x)%n", floor / truce);
      System.out.printf("| %s | %,d | %,.0f | %,.0f | %.2fx |%n", app.db.isPostgres() ? "PostgreSQL" : "H2", s.lines(), floor, truce, floor / truce);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(Path.of(file + ".errors"));
    }
    return 0;
  }

  /** The same file imported with and without the audit log, alternated, each run into a new empty store. */
  private int auditCost() throws Exception {
    AuditCost.checkOptions(rounds, warmupRuns);
    Path file = Files.createTempFile("truce-bench-", ".ndjson");
    Path errors = Path.of(file + ".errors");
    file.toFile().deleteOnExit();
    errors.toFile().deleteOnExit();
    try (FreshStores stores = FreshStores.on(db)) {
      int n = writeScenario(file, reports);
      System.out.printf("scenario: %,d reports, %.0f MB; %,d reports per transaction%n", n, Files.size(file) / 1e6, batch);
      AuditCost.measure(String.format("bulk import, %,d reports", n), stores, warmupRuns, rounds, (arm, url) -> {
        try (App app = App.open(BenchCommand.settings(url), Clock.systemUTC())) {
          Ingest ingest = arm == AuditCost.Arm.WITH ? app.ingest : app.ingestWithoutAudit();
          BulkImport.Summary s;
          try {
            s = BulkImport.run(app.parser, ingest, file, false, errors, batch, null);
          } finally {
            ingest.close();
          }
          // every run starts from an empty store, so these are the same in every run: shown, not counted
          String skipped = (s.existing() > 0 ? "; " + s.existing() + " repeated ids" : "")
              + (s.rejected() > 0 ? "; " + s.rejected() + " lines rejected" : "");
          return new AuditCost.Measurement(s.created(), s.seconds(), "log entries of stored reports: " + logEntries(app) + skipped);
        }
      }, System.out);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(errors);
    }
    return 0;
  }

  /** The audit entries that record stored reports: none in the run without the log, which proves it had none. */
  static long logEntries(App app) {
    return app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from audit_log where action = 'reports.store'")
        .mapTo(Long.class).one());
  }

  /** Writes n scenario reports (at the density that yields them over 30 days). */
  static int writeScenario(Path file, int n) throws IOException {
    double scale = Math.max(0.05, n / 25_000.0);
    int written = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      // another seed continues the period's density if one run falls short of n
      for (long seed = 7; written < n; seed++) {
        Iterator<ScenarioGenerator.Generated> it = new ScenarioGenerator(
            new ScenarioGenerator.Options(LocalDate.of(2026, 9, 1), 30, seed, 1.0, scale)).iterator();
        while (it.hasNext() && written < n) {
          w.write(it.next().report().toString());
          w.newLine();
          written++;
        }
      }
    }
    return written;
  }

  static List<ReportStore.Row> parseAll(ReportParser parser, Path file) throws IOException {
    List<ReportStore.Row> rows = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (ReportFile rf = ReportFile.open(Files.newInputStream(file), false)) {
      for (ReportFile.Item item; (item = rf.next()) != null; ) {
        ReportParser.Result r = parser.parse(item.json());
        if (r.ok()) {
          rows.add(new ReportStore.Row(r.report(), now, null, "idlib", null, null, UUID.randomUUID(), "new", null));
        }
      }
    }
    return rows;
  }

  /** Rows per second of a plain batch insert (same rows per transaction as the import) into a copy of the reports table with the same keys and indexes. */
  static double floor(App app, List<ReportStore.Row> rows, int batch, boolean copy) throws Exception {
    try (Connection c = app.db.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("drop table if exists bench_reports");
      st.execute("create table bench_reports as select * from reports where 1 = 0");
      st.execute("alter table bench_reports alter column id set not null");
      st.execute("alter table bench_reports add primary key (id)");
      st.execute("create index bench_reports_incident on bench_reports(incident_id)");
      st.execute("create index bench_reports_occurred on bench_reports(occurred_at)");
      c.setAutoCommit(false);
      long t0 = System.nanoTime();
      for (int i = 0; i < rows.size(); i += batch) {
        ReportStore.insert(c, copy, "bench_reports", rows.subList(i, Math.min(rows.size(), i + batch)));
        c.commit();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      c.setAutoCommit(true);
      st.execute("drop table bench_reports");
      return rows.size() / secs;
    }
  }
}
