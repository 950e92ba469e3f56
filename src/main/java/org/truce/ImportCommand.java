package org.truce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.truce.reports.BulkImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Bulk import of reports from NDJSON or CSV straight into the database. */
@Command(name = "import", description = "Import reports from an NDJSON or CSV file (see docs/import.md).")
final class ImportCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "the file: .ndjson/.jsonl (one JSON report a line) or .csv")
  Path file;

  @Option(names = "--format", description = "ndjson or csv (default: from the file name)")
  String format;

  @Option(names = "--errors", description = "where rejected lines go (default: FILE.errors.ndjson)")
  Path errorsFile;

  @Option(names = "--batch", description = "reports per transaction (default 10000)")
  int batch = 10_000;

  @Mixin
  Truce.DbOptionsMixin db;

  @Override
  public Integer call() throws IOException {
    if (format != null && !format.equalsIgnoreCase("csv") && !format.equalsIgnoreCase("ndjson")) {
      throw new IllegalArgumentException("--format must be ndjson or csv, got '" + format + "'");
    }
    boolean csv = format != null ? format.equalsIgnoreCase("csv") : file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    Path errPath = errorsFile != null ? errorsFile : Path.of(file + ".errors.ndjson");
    try (App app = db.open()) {
      BulkImport.Summary s = BulkImport.run(app.parser, app.ingest, file, csv, errPath, batch, System.err);
      System.err.println();
      System.out.printf("imported %s: %d lines, %d new, %d already stored, %d rejected%s, %.1f s, %.0f reports/s%n",
          file, s.lines(), s.created(), s.existing(), s.rejected(), s.rejected() > 0 ? " (see " + errPath + ")" : "",
          s.seconds(), s.lines() / Math.max(s.seconds(), 1e-9));
      return s.rejected() == 0 ? 0 : 1;
    }
  }

}
