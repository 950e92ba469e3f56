package org.truce;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.truce.exports.ExportFormat;
import org.truce.exports.Exports;
import org.truce.http.FieldError;
import org.truce.incidents.IncidentFilter;
import org.truce.incidents.IncidentFilters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The open-data exports of the API, written to a file from the database (docs/exports.md). */
@Command(name = "export", description = "Export incidents (GeoJSON, ACLED-style CSV, HXL-tagged CSV) or zones (GeoJSON) to a file.")
final class ExportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "incidents|zones", description = "what to export")
  String what;

  @Option(names = "--format", defaultValue = "geojson", description = "geojson, acled or hxl (zones: geojson); default geojson")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "the file to write, replaced only once the export is complete; '-' writes to standard output")
  String out;

  @Option(names = "--from", description = "incidents from this date or instant (as the API's from)")
  String from;

  @Option(names = "--to", description = "incidents before the end of this date, or before this instant")
  String to;

  @Option(names = "--zone", split = ",", description = "zone ids (repeat or separate with commas)")
  List<String> zone;

  @Option(names = "--type", split = ",", description = "violation types")
  List<String> type;

  @Option(names = "--perpetrator", split = ",", description = "party codes of the alleged perpetrator")
  List<String> perpetrator;

  @Option(names = "--finding", split = ",", description = "findings")
  List<String> finding;

  @Option(names = "--q", description = "text the incidents' reports contain")
  String q;

  @Option(names = "--with-report-text",
      description = "add the text of each incident's first report to the notes; the file is then not open data")
  boolean reportText;

  @Mixin
  Truce.DbOptionsMixin db;

  @Override
  public Integer call() throws IOException {
    boolean incidents = "incidents".equals(what);
    if (!incidents && !"zones".equals(what)) {
      throw new IllegalArgumentException("export what? 'incidents' or 'zones', got '" + what + "'");
    }
    ExportFormat f = ExportFormat.fromCode(format);
    if (f == null || !incidents && f != ExportFormat.GEOJSON) {
      throw new IllegalArgumentException("--format must be " + (incidents ? String.join(", ", ExportFormat.codes()) : "geojson")
          + " for " + what + ", got '" + format + "'");
    }
    Map<String, List<String>> params = params();
    try (App app = db.open()) {
      Exports exports = Exports.of(app);
      List<FieldError> errors = new ArrayList<>();
      IncidentFilter filter = null;
      Exports.ZoneSelection zones = null;
      if (incidents) {
        filter = new IncidentFilters(app.zones, app.parties).read(params, Set.of(), errors);
      } else {
        zones = Exports.ZoneSelection.read(params, exports.zoneIds(), errors);
      }
      if (!errors.isEmpty()) {
        throw new IllegalArgumentException(errors.stream().map(e -> "--" + e.field() + ": " + e.message())
            .collect(Collectors.joining("; ")));
      }
      long t0 = System.nanoTime();
      IncidentFilter incidentFilter = filter;
      Exports.ZoneSelection zoneSelection = zones;
      long n = write(o -> incidents
          ? exports.incidents(f, incidentFilter, party -> reportText, o)
          : exports.zones(zoneSelection, o));
      PrintStream report = "-".equals(out) ? System.err : System.out;
      report.printf("exported %,d %s to %s (%s) in %.1f s%n", n, what, "-".equals(out) ? "standard output" : out, f.code(),
          (System.nanoTime() - t0) / 1e9);
    }
    return 0;
  }

  /** The filter options as the API's query parameters, so that both are read and checked alike. */
  private Map<String, List<String>> params() {
    Map<String, List<String>> p = new LinkedHashMap<>();
    put(p, "from", from == null ? null : List.of(from));
    put(p, "to", to == null ? null : List.of(to));
    put(p, "zone", zone);
    put(p, "type", type);
    put(p, "perpetrator", perpetrator);
    put(p, "finding", finding);
    put(p, "q", q == null ? null : List.of(q));
    return p;
  }

  private static void put(Map<String, List<String>> p, String name, List<String> values) {
    if (values != null && !values.isEmpty()) {
      p.put(name, values);
    }
  }

  /** Writes an export of some kind. */
  private interface Export {
    long to(OutputStream out) throws IOException;
  }

  /** Streams the export to the file through a temporary file beside it, or to standard output. */
  private long write(Export export) throws IOException {
    if ("-".equals(out)) {
      // standard output stays open for whatever follows
      OutputStream stdout = new FilterOutputStream(System.out) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          flush();
        }
      };
      try (OutputStream o = new BufferedOutputStream(stdout, 1 << 16)) {
        return export.to(o);
      }
    }
    Path file = Path.of(out).toAbsolutePath();
    Path part = file.resolveSibling(file.getFileName() + ".part");
    try {
      long n;
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
        n = export.to(o);
      }
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return n;
    } finally {
      Files.deleteIfExists(part);
    }
  }
}
