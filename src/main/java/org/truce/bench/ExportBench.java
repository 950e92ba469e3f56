package org.truce.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.truce.App;
import org.truce.access.Role;
import org.truce.http.HttpServer;
import org.truce.incidents.IncidentRoutes;
import org.truce.reports.ViolationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The open-data exports over N incidents: each format fetched whole over HTTP by a client that reads and
 * discards it, timed, with the most heap in use (just before a garbage collection) and the most still in use just
 * after one, during the export: the second is what the export keeps alive. Run it with
 * a small fixed heap (TRUCE_JAVA_OPTS=-Xmx256m) to show that the export's memory does not grow with N. The
 * incidents (with one report each, two for a third of them) are written straight through JDBC, over the year and
 * with the zones and perpetrators of {@link QueryBench}.
 */
@Command(name = "export", description = "The exports (GeoJSON, ACLED CSV, HXL CSV) of N incidents: time and peak heap.")
final class ExportBench implements Callable<Integer> {

  @Option(names = "--db", required = true)
  String db;

  @Option(names = "--incidents", defaultValue = "1000000")
  int incidents;

  @Option(names = "--formats", defaultValue = "geojson,acled", split = ",", description = "geojson, acled, hxl (default geojson,acled)")
  List<String> formats;

  @Option(names = "--as", defaultValue = "observer", description = "the caller: observer (sees no report text) or admin (sees it all)")
  String as;

  static final String[] TEXTS = {"Mortar shelling hit the eastern quarter of the town; two houses destroyed",
      "قصف مدفعي على الحي الشرقي من المدينة وتضرر منزلان", "Обстрел из миномётов восточной части города, разрушены два дома",
      "Kasabanın doğu mahallesine havan saldırısı; iki ev yıkıldı", "حمله خمپاره‌ای به محله شرقی شهر؛ دو خانه ویران شد",
      "=HYPERLINK(\"http://example.org\",\"click\") sniper fire on the road"};

  @Override
  public Integer call() throws Exception {
    Set<String> allowed = Set.of("geojson", "acled", "hxl");
    if (!allowed.containsAll(formats) || !Set.of("observer", "admin").contains(as)) {
      throw new IllegalArgumentException("--formats takes geojson, acled, hxl; --as observer or admin");
    }
    try (App app = App.open(BenchCommand.settings(db), Clock.systemUTC())) {
      int have = app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from incidents").mapTo(Integer.class).one());
      if (have < incidents) {
        long t0 = System.nanoTime();
        fill(app, have, incidents - have);
        System.out.printf("filled %,d synthetic incidents with their reports in %.0f s%n", incidents - have, (System.nanoTime() - t0) / 1e9);
      }
      if (app.db.isPostgres()) {
        app.db.jdbi().useHandle(h -> h.execute("analyze"));
      }
      String token = "admin".equals(as)
          ? app.users.addUser("bench-" + System.nanoTime(), "SEC", Role.ADMIN, app.parties).token()
          : app.users.addUser("bench-" + System.nanoTime(), "UN", Role.OBSERVER, app.parties).token();
      HttpServer server = HttpServer.start(app, 0);
      try {
        System.out.printf("%s, %,d incidents, heap limit (-Xmx) %,d MB, caller: %s%n", app.db.isPostgres() ? "PostgreSQL" : "H2",
            incidents, Runtime.getRuntime().maxMemory() >> 20, as);
        System.out.println("| format | incidents | MB written | first byte (ms) | seconds | CPU seconds (process) | incidents/s"
            + " | heap in use before (MB) | heap at its fullest (MB) | most heap left after a GC (MB) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (String f : formats) {
          measure("http://127.0.0.1:" + server.port(), token, f);
        }
      } finally {
        server.close();
      }
    }
    return 0;
  }

  private void measure(String base, String token, String format) throws Exception {
    String path = switch (format) {
      case "geojson" -> "/api/v1/exports/incidents.geojson";
      case "acled" -> "/api/v1/exports/incidents.acled.csv";
      default -> "/api/v1/exports/incidents.hxl.csv";
    };
    System.gc();
    // the heap is fullest just before a collection and emptiest just after: the most of each during the export
    Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    long idle = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    AtomicLong beforeGc = new AtomicLong(idle);
    AtomicLong afterGc = new AtomicLong();
    AtomicLong collections = new AtomicLong();
    NotificationListener listener = (n, handback) -> {
      if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
        collections.incrementAndGet();
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
        beforeGc.accumulateAndGet(heapUsed(info.getMemoryUsageBeforeGc(), heapPools), Math::max);
        afterGc.accumulateAndGet(heapUsed(info.getMemoryUsageAfterGc(), heapPools), Math::max);
      }
    };
    ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> ((NotificationEmitter) gc).addNotificationListener(listener, null, null));
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long bytes = 0;
    long lines = 0;
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    long first = -1;
    try {
      HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
      }
      byte[] buf = new byte[1 << 16];
      try (InputStream in = r.body()) {
        for (int k; (k = in.read(buf)) > 0; ) {
          if (first < 0) {
            first = System.nanoTime();
          }
          bytes += k;
          for (int i = 0; i < k; i++) {
            if (buf[i] == '\n') {
              lines++;
            }
          }
        }
      }
    } finally {
      ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> {
        try {
          ((NotificationEmitter) gc).removeNotificationListener(listener);
        } catch (javax.management.ListenerNotFoundException ignored) {
          // never added
        }
      });
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    long peak = Math.max(beforeGc.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    System.out.printf("| %s | %,d | %,.0f | %.0f | %.1f | %.1f | %,.0f | %,d | %,d | %s |%n", format, incidents, bytes / 1e6,
        (first - t0) / 1e6, seconds, cpu, incidents / seconds, idle >> 20, peak >> 20,
        collections.get() == 0 ? "no GC" : String.format("%,d (%,d GCs)", afterGc.get() >> 20, collections.get()));
    if (!"geojson".equals(format) && lines < incidents) {
      throw new IllegalStateException(format + ": " + lines + " lines for " + incidents + " incidents");
    }
  }

  private static long heapUsed(java.util.Map<String, MemoryUsage> byPool, Set<String> heapPools) {
    return byPool.entrySet().stream().filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
  }

  /**
   * Appends n incidents over a year, in time order (ids rising with time, as Truce makes them), each with the
   * report that opened it and, for every third, a second report from a UN monitor.
   */
  static void fill(App app, int offset, int n) throws Exception {
    SplittableRandom rnd = new SplittableRandom(42 + offset);
    List<String> findings = IncidentRoutes.FINDINGS;
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String incidentSql = "insert into incidents(id, founder_report, t_start, t_end, time_precision, lat, lon, precision_km,"
        + " geo_precision, zone_id, type, perpetrator, perpetrators, civ_killed_best, civ_killed_low, civ_killed_high,"
        + " report_count, needs_review, finding, search_text, created_at, updated_at)"
        + " values (?,?,?,?,'minute',?,?,1.0,1,?,?,?,?,?,?,?,?,false,?,?,?,?)";
    String reportSql = "insert into reports(id, content_hash, received_at, source_type, source_party, occurred_at, time_precision,"
        + " lat, lon, precision_km, zone_id, type, perpetrator, weapons, civ_killed, description, incident_id, link)"
        + " values (?,?,?,?,?,?,'minute',?,?,1.0,?,?,?,'[]',?,?,?,'new')";
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Connection c = app.db.dataSource().getConnection(); PreparedStatement pi = c.prepareStatement(incidentSql);
         PreparedStatement pr = c.prepareStatement(reportSql)) {
      c.setAutoCommit(false);
      long step = 365 * QueryBench.DAY / Math.max(1, n);
      for (int i = 0; i < n; i++) {
        long t = QueryBench.YEAR_START + i * step + rnd.nextLong(Math.max(1, step));
        OffsetDateTime at = OffsetDateTime.ofInstant(Instant.ofEpochMilli(t), ZoneOffset.UTC);
        UUID id = new UUID((t << 16) | 0x8000L | rnd.nextInt(0x1000), rnd.nextLong());
        UUID founder = new UUID((t << 16) | 0x4000L | rnd.nextInt(0x1000), rnd.nextLong());
        String perp = QueryBench.PERPS[rnd.nextInt(QueryBench.PERPS.length)];
        String zone = QueryBench.ZONES[rnd.nextInt(QueryBench.ZONES.length)];
        String type = ViolationType.values()[rnd.nextInt(ViolationType.values().length)].code();
        double lat = 32.5 + rnd.nextDouble() * 4.5;
        double lon = 36 + rnd.nextDouble() * 4;
        Integer killed = rnd.nextInt(4) == 0 ? rnd.nextInt(6) : null;
        boolean second = i % 3 == 0;
        String text = TEXTS[rnd.nextInt(TEXTS.length)];
        String source = perp.equals("SY-GOV") ? "SY-OPP" : "SY-GOV";
        report(pr, sha, founder, now, "party_complaint", source, at, lat, lon, zone, type, perp, killed, text, id);
        if (second) {
          report(pr, sha, new UUID((t << 16) | 0x4000L | rnd.nextInt(0x1000), rnd.nextLong()), now, "monitor_observation", "UN",
              at, lat, lon, zone, type, perp, killed, "Monitors confirmed impacts", id);
        }
        pi.setObject(1, id);
        pi.setObject(2, founder);
        pi.setObject(3, at);
        pi.setObject(4, at.plusMinutes(rnd.nextInt(60)));
        pi.setDouble(5, lat);
        pi.setDouble(6, lon);
        pi.setString(7, zone);
        pi.setString(8, type);
        pi.setString(9, perp);
        pi.setString(10, perp);
        pi.setObject(11, killed);
        pi.setObject(12, killed);
        pi.setObject(13, killed);
        pi.setInt(14, second ? 2 : 1);
        pi.setString(15, findings.get(rnd.nextInt(findings.size())));
        pi.setString(16, text + (second ? "\nMonitors confirmed impacts" : ""));
        pi.setObject(17, now);
        pi.setObject(18, now);
        pi.addBatch();
        if (i % 10_000 == 9_999 || i == n - 1) {
          pr.executeBatch();
          pi.executeBatch();
          c.commit();
        }
      }
      c.setAutoCommit(true);
    }
  }

  private static void report(PreparedStatement pr, MessageDigest sha, UUID id, OffsetDateTime now, String sourceType,
                             String party, OffsetDateTime at, double lat, double lon, String zone, String type, String perp,
                             Integer killed, String text, UUID incident) throws Exception {
    pr.setObject(1, id);
    pr.setString(2, HexFormat.of().formatHex(sha.digest(id.toString().getBytes(StandardCharsets.US_ASCII))));
    pr.setObject(3, now);
    pr.setString(4, sourceType);
    pr.setString(5, party);
    pr.setObject(6, at);
    pr.setDouble(7, lat);
    pr.setDouble(8, lon);
    pr.setString(9, zone);
    pr.setString(10, type);
    pr.setString(11, perp);
    pr.setObject(12, killed);
    pr.setString(13, text);
    pr.setObject(14, incident);
    pr.addBatch();
  }
}
