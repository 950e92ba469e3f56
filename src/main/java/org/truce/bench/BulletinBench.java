package org.truce.bench;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.truce.App;
import org.truce.bulletins.Bulletin;
import org.truce.bulletins.Renderer;
import org.truce.http.FieldError;
import org.truce.http.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Bulletin generation over a large incident table: a day and 30 days, as JSON (figures computed and written) and
 * as PDF (computed, laid out, drawn). The table is QueryBench's synthetic year, with one report per incident (so
 * that each party's reports can be counted) and casualties on part of the verified incidents.
 */
@Command(name = "bulletin", description = "Bulletin generation (JSON and PDF) for a day and for 30 days over N incidents.")
final class BulletinBench implements Callable<Integer> {

  @Option(names = "--db", required = true)
  String db;

  @Option(names = "--incidents", defaultValue = "1000000")
  int incidents;

  @Option(names = "--runs", defaultValue = "7", description = "timed runs per case, after 2 warm-up runs")
  int runs;

  @Override
  public Integer call() throws Exception {
    try (App app = App.open(BenchCommand.settings(db), Clock.systemUTC())) {
      int have = app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from incidents").mapTo(Integer.class).one());
      if (have < incidents) {
        long t0 = System.nanoTime();
        QueryBench.fill(app, incidents - have);
        System.out.printf("filled %,d synthetic incidents in %.0f s%n", incidents - have, (System.nanoTime() - t0) / 1e9);
      }
      long t0 = System.nanoTime();
      int reports = app.db.jdbi().withHandle(h -> h.execute("insert into reports(id, content_hash, received_at, source_type,"
          + " source_party, occurred_at, time_precision, lat, lon, precision_km, type, perpetrator, incident_id, link)"
          + " select founder_report, 'bench', created_at, 'party_complaint',"
          + " case when perpetrator = 'SY-GOV' then 'SY-OPP' else 'SY-GOV' end, t_start, 'minute', lat, lon, 1.0, type,"
          + " perpetrator, id, 'new' from incidents i where not exists (select 1 from reports r where r.id = i.founder_report)"));
      int casualties = app.db.jdbi().withHandle(h -> h.execute("update incidents set civ_killed_best = 1, civ_killed_low = 1,"
          + " civ_killed_high = 2, civ_injured_best = 3, civ_injured_low = 2, civ_injured_high = 4"
          + " where finding = 'verified' and lon < 36.8 and civ_killed_best is null"));
      if (reports + casualties > 0) {
        System.out.printf("added %,d reports and casualties to %,d incidents in %.0f s%n", reports, casualties, (System.nanoTime() - t0) / 1e9);
      }
      if (app.db.isPostgres()) {
        app.db.jdbi().useHandle(h -> h.execute("analyze"));
      }
      Renderer renderer = new Renderer(app.zones.zones());
      System.out.println("| bulletin | incidents in it | JSON p50 ms | JSON max ms | JSON MB | PDF p50 ms | PDF max ms | PDF pages | PDF MB |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
      for (String[] c : List.of(new String[] {"a day", "2026-05-15", "2026-05-15"},
          new String[] {"30 days", "2026-04-16", "2026-05-15"})) {
        List<FieldError> errors = new ArrayList<>();
        Bulletin.Period p = app.bulletins.composer().period(c[1], c[2], null, app.clock, errors);
        long[] json = new long[runs];
        long[] pdf = new long[runs];
        int jsonBytes = 0;
        int pdfBytes = 0;
        long count = 0;
        for (int i = -2; i < runs; i++) {
          long a = System.nanoTime();
          Bulletin b = compose(app, p);
          byte[] out = Json.MAPPER.writeValueAsBytes(b);
          long j = System.nanoTime() - a;
          a = System.nanoTime();
          Bulletin b2 = compose(app, p);
          ByteArrayOutputStream o = new ByteArrayOutputStream();
          renderer.pdf(b2, null, o);
          long q = System.nanoTime() - a;
          if (i >= 0) {
            json[i] = j;
            pdf[i] = q;
          }
          jsonBytes = out.length;
          pdfBytes = o.size();
          count = b.totals().incidents();
        }
        Arrays.sort(json);
        Arrays.sort(pdf);
        int pages;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(renderPdf(app, renderer, p))) {
          pages = doc.getNumberOfPages();
        }
        System.out.printf("| %s | %,d | %.0f | %.0f | %.1f | %.0f | %.0f | %d | %.1f |%n", c[0], count, json[runs / 2] / 1e6,
            json[runs - 1] / 1e6, jsonBytes / 1e6, pdf[runs / 2] / 1e6, pdf[runs - 1] / 1e6, pages, pdfBytes / 1e6);
      }
    }
    return 0;
  }

  private static Bulletin compose(App app, Bulletin.Period p) {
    app.bulletins.refreshRollup();
    return app.db.jdbi().inTransaction(h -> app.bulletins.composer().compose(h, p, false, app.verification.rule().code()));
  }

  private static byte[] renderPdf(App app, Renderer r, Bulletin.Period p) throws Exception {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    r.pdf(compose(app, p), null, o);
    return o.toByteArray();
  }
}
