package org.truce.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.truce.App;
import org.truce.access.Role;
import org.truce.http.HttpServer;
import org.truce.incidents.IncidentRoutes;
import org.truce.reports.ViolationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * GET /api/v1/incidents with filters over a large incident table. The table is filled with synthetic incident
 * rows (a year, four zones and elsewhere, every type, perpetrator and finding) straight through JDBC.
 */
@Command(name = "query", description = "Filtered incident lists over N incidents: latency percentiles per kind of filter.")
final class QueryBench implements Callable<Integer> {

  @Option(names = "--db", required = true)
  String db;

  @Option(names = "--incidents", defaultValue = "1000000")
  int incidents;

  @Option(names = "--requests", defaultValue = "400", description = "requests per kind of filter")
  int requests;

  @Option(names = "--kinds", split = ",", description = "only these kinds of filter, by number (1 = no filter); default all")
  java.util.Set<Integer> only;

  static final long YEAR_START = Instant.parse("2025-11-01T00:00:00Z").toEpochMilli();
  static final long DAY = 86_400_000L;
  static final String[] ZONES = {"idlib", "idlib", "idlib", "idlib", "idlib", "northern-homs", "eastern-ghouta", "south", null};
  static final String[] PERPS = {"SY-GOV", "SY-GOV", "SY-OPP", "SY-OPP", "unknown", "RU", "TR"};

  @Override
  public Integer call() throws Exception {
    try (App app = App.open(BenchCommand.settings(db), Clock.systemUTC())) {
      int have = app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from incidents").mapTo(Integer.class).one());
      if (have < incidents) {
        long t0 = System.nanoTime();
        fill(app, incidents - have);
        System.out.printf("filled %,d synthetic incidents in %.0f s%n", incidents - have, (System.nanoTime() - t0) / 1e9);
      }
      if (app.db.isPostgres()) {
        app.db.jdbi().useHandle(h -> h.execute("analyze incidents"));
      }
      String token = app.users.addUser("bench-" + System.nanoTime(), "SEC", Role.ADMIN, app.parties).token();
      String reviewer = null;
      if (only == null || only.contains(REVIEW_QUEUE_KIND)) {
        long t0 = System.nanoTime();
        reviewer = reviewerWithAssessed(app, ASSESSED);
        System.out.printf("a reviewer of RU who has assessed the %,d oldest incidents, made in %.0f s%n", ASSESSED,
            (System.nanoTime() - t0) / 1e9);
      }
      HttpServer server = HttpServer.start(app, 0);
      try {
        measure("http://127.0.0.1:" + server.port(), token, reviewer);
      } finally {
        server.close();
      }
    }
    return 0;
  }

  /** The review queue's kind of request, after the incident list's kinds. */
  static final int REVIEW_QUEUE_KIND = 10;
  /** Incidents the bench reviewer's guarantor has already assessed: the queue's first page lies past them. */
  static final int ASSESSED = 100_000;

  /**
   * A new reviewer of RU, and RU's assessments of the oldest incidents (in the queue's order), so that finding
   * the first page means stepping over them.
   */
  static String reviewerWithAssessed(App app, int assessed) throws Exception {
    org.truce.access.Users.Created r = app.users.addUser("bench-reviewer-" + System.nanoTime(), "RU", Role.REVIEWER, app.parties);
    List<UUID> oldest = app.db.jdbi().withHandle(h -> h.createQuery("select id from incidents where merged_into is null"
        + " order by created_at, id").setMaxRows(assessed).mapTo(UUID.class).list());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (Connection c = app.db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "insert into assessments(id, incident_id, basis, guarantor, assessment, rationale, evidence, assessed_by, assessed_at)"
            + " values (?, ?, 0, 'RU', 'confirmed', 'bench', '[]', ?, ?)")) {
      c.setAutoCommit(false);
      for (int i = 0; i < oldest.size(); i++) {
        ps.setObject(1, UUID.randomUUID());
        ps.setObject(2, oldest.get(i));
        ps.setObject(3, r.user().id());
        ps.setObject(4, now);
        ps.addBatch();
        if (i % 5000 == 4999 || i == oldest.size() - 1) {
          ps.executeBatch();
          c.commit();
        }
      }
      c.setAutoCommit(true);
    }
    if (app.db.isPostgres()) {
      app.db.jdbi().useHandle(h -> h.execute("analyze assessments"));
    }
    return r.token();
  }

  private void measure(String base, String token, String reviewer) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    SplittableRandom rnd = new SplittableRandom(7);
    Map<String, java.util.function.Supplier<String>> kinds = new LinkedHashMap<>();
    kinds.put("no filter (newest first)", () -> "");
    kinds.put("7-day window", () -> window(rnd, 7));
    kinds.put("7-day window + zone", () -> window(rnd, 7) + "&zone=" + pick(rnd, "idlib", "northern-homs", "eastern-ghouta", "south"));
    kinds.put("30-day window + zone + type", () -> window(rnd, 30) + "&zone=" + pick(rnd, "idlib", "south") + "&type="
        + ViolationType.values()[rnd.nextInt(ViolationType.values().length)].code());
    kinds.put("30-day window + perpetrator + finding", () -> window(rnd, 30) + "&perpetrator=" + pick(rnd, PERPS) + "&finding="
        + pick(rnd, IncidentRoutes.FINDINGS.toArray(new String[0])));
    kinds.put("zone + type + perpetrator + finding (whole year)", () -> "zone=" + pick(rnd, "northern-homs", "eastern-ghouta")
        + "&type=" + pick(rnd, "abduction", "sniper_fire") + "&perpetrator=" + pick(rnd, "RU", "TR") + "&finding=" + pick(rnd, "verified", "disputed"));
    kinds.put("7-day window + text q", () -> window(rnd, 7) + "&q=" + pick(rnd, "mortar", "saraqib", "قصف"));
    kinds.put("text q (whole year)", () -> "q=" + pick(rnd, "mortar", "saraqib", "قصف"));
    // every synthetic incident's text ends in " #i": a six-digit number is a term found in one incident
    kinds.put("text q, rare term (whole year)", () -> "q=" + enc("#" + (100_000 + rnd.nextInt(900_000))));
    // the review queue (GET /api/v1/review-queue, first page of 100) for a guarantor past its first assessments
    kinds.put("review queue, first page (RU, " + ASSESSED / 1000 + "k oldest assessed)", () -> "review-queue");
    // the web map (GET /api/v1/incidents/clusters): the dashboard's first view, the whole year, and a zoomed-in zone
    kinds.put("map clusters: 30-day window, all Syria, zoom 7", () -> "clusters:zoom=7&bbox=35.5,32.3,42.4,37.4&"
        + window(rnd, 30));
    // panned a little each time: an identical query would be answered from H2's result cache
    kinds.put("map clusters: whole year, no filter, zoom 6", () -> "clusters:zoom=6&bbox=" + pan(rnd, 33, 30, 46, 39));
    kinds.put("map clusters: 7-day window + zone + finding, zoom 10", () -> "clusters:zoom=10&bbox=36.4,35.2,37.1,35.7&"
        + window(rnd, 7) + "&zone=idlib&finding=" + pick(rnd, "open", "verified"));
    System.out.println("| filter | requests | p50 ms | p99 ms | max ms | mean items |");
    System.out.println("|---|---|---|---|---|---|");
    int number = 0;
    for (Map.Entry<String, java.util.function.Supplier<String>> k : kinds.entrySet()) {
      number++;
      if (only != null && !only.contains(number)) {
        continue;
      }
      String who = number == REVIEW_QUEUE_KIND ? reviewer : token;
      for (int i = 0; i < 20; i++) {
        get(http, base, who, k.getValue().get());
      }
      long[] lat = new long[requests];
      long items = 0;
      for (int i = 0; i < requests; i++) {
        String q = k.getValue().get();
        long t0 = System.nanoTime();
        String body = get(http, base, who, q);
        lat[i] = System.nanoTime() - t0;
        // incidents listed, or cells and points drawn on the map
        items += body.split(q.startsWith("clusters:") ? "\"lat\"" : "\"id\"", -1).length - 1;
      }
      Arrays.sort(lat);
      System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.0f |%n", k.getKey(), requests, lat[requests / 2] / 1e6,
          lat[(int) Math.ceil(requests * 0.99) - 1] / 1e6, lat[requests - 1] / 1e6, (double) items / requests);
    }
  }

  private static String get(HttpClient http, String base, String token, String query) throws Exception {
    String url = query.equals("review-queue") ? base + "/api/v1/review-queue?limit=100"
        : query.startsWith("clusters:") ? base + "/api/v1/incidents/clusters?" + query.substring("clusters:".length())
        : base + "/api/v1/incidents?limit=100" + (query.isEmpty() ? "" : "&" + query);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + query + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private static String window(SplittableRandom rnd, int days) {
    long from = YEAR_START + rnd.nextLong(365 - days) * DAY;
    return "from=" + enc(Instant.ofEpochMilli(from).toString()) + "&to=" + enc(Instant.ofEpochMilli(from + days * DAY).toString());
  }

  /** A view moved by up to half a degree each way. */
  private static String pan(SplittableRandom rnd, double w, double s, double e, double n) {
    double dx = rnd.nextDouble() - 0.5;
    double dy = rnd.nextDouble() - 0.5;
    return String.format(java.util.Locale.ROOT, "%.3f,%.3f,%.3f,%.3f", w + dx, s + dy, e + dx, n + dy);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom rnd, T... xs) {
    return xs[rnd.nextInt(xs.length)];
  }

  static void fill(App app, int n) throws Exception {
    SplittableRandom rnd = new SplittableRandom(42);
    String[] words = {"mortar shelling near Saraqib", "قصف مدفعي على سراقب", "обстрел из миномётов", "havan saldırısı",
        "sniper fire on the road", "اطلاق نار", "drone strike on a vehicle", "حمله پهپادی"};
    List<String> findings = IncidentRoutes.FINDINGS;
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String sql = "insert into incidents(id, founder_report, t_start, t_end, time_precision, lat, lon, precision_km, geo_precision,"
        + " zone_id, type, perpetrator, perpetrators, report_count, needs_review, finding, search_text, created_at, updated_at)"
        + " values (?,?,?,?,'minute',?,?,1.0,1,?,?,?,?,1,false,?,?,?,?)";
    try (Connection c = app.db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      c.setAutoCommit(false);
      for (int i = 0; i < n; i++) {
        long t = YEAR_START + rnd.nextLong(365 * DAY);
        String perp = PERPS[rnd.nextInt(PERPS.length)];
        ps.setObject(1, new UUID(rnd.nextLong(), rnd.nextLong()));
        ps.setObject(2, new UUID(rnd.nextLong(), rnd.nextLong()));
        ps.setObject(3, OffsetDateTime.ofInstant(Instant.ofEpochMilli(t), ZoneOffset.UTC));
        ps.setObject(4, OffsetDateTime.ofInstant(Instant.ofEpochMilli(t + rnd.nextInt(3_600_000)), ZoneOffset.UTC));
        ps.setDouble(5, 35 + rnd.nextDouble());
        ps.setDouble(6, 36.5 + rnd.nextDouble());
        ps.setString(7, ZONES[rnd.nextInt(ZONES.length)]);
        ps.setString(8, ViolationType.values()[rnd.nextInt(ViolationType.values().length)].code());
        ps.setString(9, perp);
        ps.setString(10, perp);
        ps.setString(11, findings.get(rnd.nextInt(findings.size())));
        ps.setString(12, words[rnd.nextInt(words.length)] + " #" + i);
        ps.setObject(13, now);
        ps.setObject(14, now);
        ps.addBatch();
        if (i % 5000 == 4999 || i == n - 1) {
          ps.executeBatch();
          c.commit();
        }
      }
      c.setAutoCommit(true);
    }
  }
}
