package org.truce.bulletins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.access.Role;
import org.truce.config.BulletinSettings;
import org.truce.http.FieldError;
import org.truce.http.Json;
import org.truce.incidents.Rebuild;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/**
 * The rollup-based figures of a bulletin (previous period, cumulative totals, trend) equal a direct count over the
 * incidents after every kind of change, before the marks are refreshed and after, at cut-offs off the whole hour
 * (19:30 in Damascus, midnight in Tehran, UTC+3:30); and concurrent writers and refreshes lose no change.
 */
@Tag("db")
class RollupExactnessTest {

  private static final double[] IDLIB = {35.864, 36.806};
  private static final double[] SOUTH = {32.62, 36.10};
  private static final double[] DESERT = {34.60, 38.90};

  private TestServer server;
  private String coordinator;
  private String ir;
  private String ru;
  private String tr;
  private Composer damascus;
  private Composer tehran;

  @BeforeEach
  void start() {
    server = TestServer.start();
    coordinator = server.token("coordinator", "SEC", Role.COORDINATOR);
    ir = server.token("reviewer-ir", "IR", Role.REVIEWER);
    ru = server.token("reviewer-ru", "RU", Role.REVIEWER);
    tr = server.token("reviewer-tr", "TR", Role.REVIEWER);
    damascus = server.app.bulletins.composer();
    tehran = new Composer(new BulletinSettings(ZoneId.of("Asia/Tehran"), LocalTime.of(19, 30), LocalDate.of(2026, 10, 1)),
        server.app.parties, server.app.zones);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void figuresEqualADirectCountAfterEveryKindOfChange() {
    // around the Damascus cut-off (19:30 local = 16:30 UTC) and Tehran's midnight (00:00 local = 20:30 UTC the day before)
    UUID a = report("SY-OPP", "2026-11-20T19:29:59+03:00", IDLIB, 2, 5);
    UUID b = report("SY-GOV", "2026-11-20T19:30:00+03:00", SOUTH, null, null);
    UUID c = report("SY-OPP", "2026-11-19T23:59:00+03:30", DESERT, 1, 0);
    report("SY-GOV", "2026-11-20T00:00:00+03:30", IDLIB, null, null);
    report("SY-OPP", "2026-11-20T16:00:00Z", SOUTH, 0, 3);
    report("SY-OPP", "2026-11-19T08:15:00+03:00", IDLIB, 4, 1);
    UUID old = report("SY-GOV", "2026-10-25T11:45:00+03:00", IDLIB, 3, 3);
    report("SY-OPP", "2026-10-02T05:00:00Z", DESERT, null, null);
    report("SY-GOV", "2026-11-21T02:10:00+03:00", SOUTH, 1, 1);
    check("reports filed");

    // assessments change the finding of an old incident, and of one at the edge of the cut-off
    for (String t : List.of(ir, ru, tr)) {
      assess(old, t, "confirmed");
      assess(a, t, "confirmed");
    }
    assertThat(finding(old)).isEqualTo("verified");
    check("assessments");
    assess(old, ir, "not_confirmed");
    check("an assessment superseded");

    // a second report of an event joins its incident: its report count and casualty range change
    UUID joined = report("SY-GOV", "2026-11-20T19:29:59+03:00", IDLIB, 6, 9);
    assertThat(joined).isEqualTo(a);
    check("a report joins an incident");

    // merge across hours and zones, then split one report off again
    Answer m = server.request("POST", "/api/v1/incidents/" + c + "/merge",
        "{\"into\":\"" + b + "\",\"reason\":\"The same attack, misplaced.\"}", coordinator);
    assertThat(m.status()).as(m.body()).isEqualTo(200);
    check("merge");
    String moved = server.request("GET", "/api/v1/incidents/" + a, null, TestServer.ADMIN_TOKEN).json()
        .get("reports").get(1).get("id").asText();
    Answer s = server.request("POST", "/api/v1/incidents/" + a + "/split",
        "{\"reports\":[\"" + moved + "\"],\"reason\":\"A different attack the same minute.\"}", coordinator);
    assertThat(s.status()).as(s.body()).isEqualTo(201);
    check("split");

    // an incident's start and zone corrected in place, as any writer of incidents may do
    server.app.db.jdbi().useHandle(h -> h.execute("update incidents set t_start = ?, zone_id = null where id = ?",
        OffsetDateTime.parse("2026-11-20T16:29:00Z"), old));
    check("start and zone moved");

    // `incidents rebuild` relinks every report: merges undone where the rule says so, incidents retired
    new Rebuild(server.app.db.jdbi(), server.app.incidents, server.app.matcher, server.app.audit,
        server.app.verification, Clock.systemUTC()).run();
    check("rebuild");

    // two reports of different parties swap incidents, one verified and one not: no incident's own columns
    // change (one report each, same findings), each party's figures do
    UUID p = report("SY-OPP", "2026-11-20T10:10:00+03:00", IDLIB, 1, 1);
    UUID q = report("SY-GOV", "2026-11-20T12:40:00+03:00", SOUTH, null, null);
    for (String t : List.of(ir, ru, tr)) {
      assess(p, t, "confirmed");
    }
    check("two more incidents");
    server.app.db.jdbi().useTransaction(h -> {
      UUID x = h.createQuery("select id from reports where incident_id = ?").bind(0, p).mapTo(UUID.class).one();
      UUID y = h.createQuery("select id from reports where incident_id = ?").bind(0, q).mapTo(UUID.class).one();
      h.execute("update reports set incident_id = ? where id = ?", q, x);
      h.execute("update reports set incident_id = ? where id = ?", p, y);
    });
    check("reports swapped between incidents");

    Rollup.refresh(server.app.db.jdbi());
    assertThat(server.count("bulletin_rollup_marks")).isZero();
    assertThat(rollup()).isEqualTo(directBuckets());
  }

  @Test
  void concurrentWritersAndRefreshesLoseNoChange() throws Exception {
    List<UUID> ids = new ArrayList<>();
    for (int d = 0; d < 12; d++) {
      ids.add(report(d % 2 == 0 ? "SY-OPP" : "SY-GOV", "2026-11-" + (10 + d) + "T1" + (d % 10) + ":20:00+03:00",
          d % 3 == 0 ? IDLIB : d % 3 == 1 ? SOUTH : DESERT, d, d + 1));
    }
    Rollup.refresh(server.app.db.jdbi());
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Future<Integer>> work = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        work.add(pool.submit(() -> {
          int n = 0;
          ThreadLocalRandom r = ThreadLocalRandom.current();
          while (!stop.get()) {
            UUID id = ids.get(r.nextInt(ids.size()));
            int minutes = r.nextInt(-90, 91);
            server.app.db.jdbi().useTransaction(h -> h.execute("update incidents set t_start = t_start + interval '" + minutes
                + "' minute, civ_killed_best = coalesce(civ_killed_best, 0) + 1, finding = case when finding = 'verified'"
                + " then 'open' else 'verified' end where id = ?", id));
            n++;
          }
          return n;
        }));
      }
      for (int w = 0; w < 2; w++) {
        work.add(pool.submit(() -> {
          int n = 0;
          while (!stop.get()) {
            Rollup.refresh(server.app.db.jdbi());
            n++;
          }
          return n;
        }));
      }
      Thread.sleep(3000);
      stop.set(true);
      for (Future<Integer> f : work) {
        assertThat(f.get()).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
    check("after concurrent writers");
    Rollup.refresh(server.app.db.jdbi());
    assertThat(rollup()).isEqualTo(directBuckets());
  }

  /** Every bulletin below, by both composers, against direct counts: with marks pending, then refreshed. */
  private void check(String after) {
    for (boolean refreshed : new boolean[] {false, true}) {
      if (refreshed) {
        Rollup.refresh(server.app.db.jdbi());
      }
      String as = after + (refreshed ? ", refreshed" : ", marks pending");
      checkPeriod(damascus, "2026-11-19T19:30:00+03:00", "2026-11-20T19:30:00+03:00", null, as);
      checkPeriod(damascus, "2026-11-20", "2026-11-20", null, as);
      checkPeriod(damascus, "2026-11-20", "2026-11-20", "idlib", as);
      checkPeriod(damascus, "2026-10-22", "2026-11-20", null, as);
      checkPeriod(damascus, "2026-11-20T19:10:00+03:00", "2026-11-20T19:50:00+03:00", null, as);
      checkPeriod(tehran, "2026-11-20", "2026-11-20", null, as);
      checkPeriod(tehran, "2026-11-19T19:30:00+03:30", "2026-11-20T19:30:00+03:30", "idlib", as);
      checkPeriod(tehran, "2026-11-01", "2026-11-21", null, as);
    }
  }

  private void checkPeriod(Composer composer, String from, String to, String zone, String as) {
    List<FieldError> errors = new ArrayList<>();
    Bulletin.Period p = composer.period(from, to, zone, Clock.systemUTC(), errors);
    assertThat(errors).isEmpty();
    Bulletin b = server.app.db.jdbi().inTransaction(h -> composer.compose(h, p, false, "consensus"));
    String what = as + ": " + from + " to " + to + (zone == null ? "" : " in " + zone);
    server.app.db.jdbi().useHandle(h -> {
      Instant f = p.from().toInstant();
      Instant t = p.to().toInstant();
      assertThat(figures(b.totals())).as(what + ", totals").isEqualTo(direct(h, f, t, zone));
      assertThat(figures(b.previousPeriod())).as(what + ", previous period")
          .isEqualTo(direct(h, f.minus(java.time.Duration.between(f, t)), f, zone));
      assertThat(figures(b.cumulative())).as(what + ", cumulative")
          .isEqualTo(direct(h, b.cumulative().from().toInstant(), t, zone));
      assertThat(b.reportedVersusConfirmed()).as(what + ", each party's reports").isEqualTo(reported(h, f, t, zone));
      ZoneId tz = ZoneId.of(p.timeZone());
      for (Bulletin.TrendDay d : b.trend()) {
        long[] day = direct(h, d.date().atStartOfDay(tz).toInstant(), d.date().plusDays(1).atStartOfDay(tz).toInstant(), zone);
        assertThat(new long[] {d.incidents(), d.verified()}).as(what + ", trend " + d.date()).containsExactly(day[0], day[2]);
      }
    });
  }

  private static long[] figures(Bulletin.Totals t) {
    Bulletin.Casualties c = t.casualties();
    List<Bulletin.Sum> sums = List.of(c.civiliansKilled(), c.civiliansInjured(), c.combatantsKilled(), c.combatantsInjured());
    long[] f = new long[19];
    f[0] = t.incidents();
    f[1] = t.reports();
    f[2] = t.verified();
    for (int k = 0; k < 4; k++) {
      Bulletin.Sum s = sums.get(k);
      f[3 + 4 * k] = s.best();
      f[4 + 4 * k] = s.low();
      f[5 + 4 * k] = s.high();
      f[6 + 4 * k] = s.incidents();
    }
    return f;
  }

  private static final String FIGURES = "count(*), coalesce(sum(report_count), 0), coalesce(sum(case when finding = 'verified'"
      + " then 1 else 0 end), 0), coalesce(sum(civ_killed_best), 0), coalesce(sum(civ_killed_low), 0),"
      + " coalesce(sum(civ_killed_high), 0), count(civ_killed_best), coalesce(sum(civ_injured_best), 0),"
      + " coalesce(sum(civ_injured_low), 0), coalesce(sum(civ_injured_high), 0), count(civ_injured_best),"
      + " coalesce(sum(cmb_killed_best), 0), coalesce(sum(cmb_killed_low), 0), coalesce(sum(cmb_killed_high), 0),"
      + " count(cmb_killed_best), coalesce(sum(cmb_injured_best), 0), coalesce(sum(cmb_injured_low), 0),"
      + " coalesce(sum(cmb_injured_high), 0), count(cmb_injured_best)";

  /** The figures counted straight from incidents, as bulletins counted them before the rollup. */
  private static long[] direct(Handle h, Instant from, Instant to, String zone) {
    var q = h.createQuery("select " + FIGURES + " from incidents where merged_into is null and t_start >= :f and t_start < :t"
            + (zone == null ? "" : " and zone_id = :zone"))
        .bind("f", from.atOffset(ZoneOffset.UTC)).bind("t", to.atOffset(ZoneOffset.UTC));
    if (zone != null) {
      q.bind("zone", zone);
    }
    return q.map((rs, ctx) -> {
          long[] f = new long[19];
          for (int k = 0; k < 19; k++) {
            f[k] = rs.getLong(k + 1);
          }
          return f;
        }).one();
  }

  /** Each party's reports, incidents and verified incidents, counted straight from reports and incidents. */
  private List<Bulletin.PartyReported> reported(Handle h, Instant from, Instant to, String zone) {
    var q = h.createQuery("select party, sum(n), count(*), sum(v) from (select r.source_party party, r.incident_id,"
        + " count(*) n, max(case when i.finding = 'verified' then 1 else 0 end) v from reports r join incidents i"
        + " on i.id = r.incident_id where i.merged_into is null and i.t_start >= :f and i.t_start < :t"
        + (zone == null ? "" : " and i.zone_id = :zone") + " group by r.source_party, r.incident_id) x group by party")
        .bind("f", from.atOffset(ZoneOffset.UTC)).bind("t", to.atOffset(ZoneOffset.UTC));
    if (zone != null) {
      q.bind("zone", zone);
    }
    return q.map((rs, ctx) -> {
      var party = server.app.parties.get(rs.getString(1));
      return new Bulletin.PartyReported(rs.getString(1), party == null ? rs.getString(1) : party.name(), rs.getLong(2),
          rs.getLong(3), rs.getLong(4));
    }).list().stream().sorted(java.util.Comparator.comparing(Bulletin.PartyReported::party)).toList();
  }

  /** The rollup's rows, by "hour zone". */
  private Map<String, List<Long>> rollup() {
    return server.app.db.jdbi().withHandle(h -> {
      Map<String, List<Long>> out = new TreeMap<>();
      h.createQuery("select * from bulletin_rollup").map((rs, ctx) -> {
        List<Long> v = new ArrayList<>();
        for (int k = 3; k <= 21; k++) {
          v.add(rs.getLong(k));
        }
        out.put(rs.getObject(1, OffsetDateTime.class).toInstant() + " " + rs.getString(2), v);
        return null;
      }).forEach(x -> { });
      return out;
    });
  }

  /** What the rollup must hold: the same sums, per hour and zone, from every incident. */
  private Map<String, List<Long>> directBuckets() {
    return server.app.db.jdbi().withHandle(h -> {
      Map<String, List<Long>> out = new TreeMap<>();
      List<Object[]> keys = h.createQuery("select distinct t_start, coalesce(zone_id, '') from incidents where merged_into is null")
          .map((rs, ctx) -> new Object[] {rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2)}).list();
      for (Object[] k : keys) {
        Instant hour = Hours.floor((Instant) k[0]);
        String key = hour + " " + k[1];
        if (out.containsKey(key)) {
          continue;
        }
        long[] f = h.createQuery("select " + FIGURES + " from incidents where merged_into is null and t_start >= :f"
                + " and t_start < :t and coalesce(zone_id, '') = :z")
            .bind("f", hour.atOffset(ZoneOffset.UTC)).bind("t", hour.plusSeconds(3600).atOffset(ZoneOffset.UTC))
            .bind("z", (String) k[1]).map((rs, ctx) -> {
              long[] x = new long[19];
              for (int i = 0; i < 19; i++) {
                x[i] = rs.getLong(i + 1);
              }
              return x;
            }).one();
        List<Long> v = new ArrayList<>();
        for (long x : f) {
          v.add(x);
        }
        out.put(key, v);
      }
      return out;
    });
  }

  private UUID report(String party, String at, double[] where, Integer killed, Integer injured) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", UUID.randomUUID().toString());
    r.putObject("source").put("type", "party_complaint").put("party", party).put("reference", "ref-" + UUID.randomUUID());
    r.put("occurredAt", at);
    r.putObject("location").put("lat", where[0]).put("lon", where[1]);
    r.put("type", "shelling");
    r.put("allegedPerpetrator", "SY-GOV".equals(party) ? "SY-OPP" : "SY-GOV");
    if (killed != null) {
      r.putObject("casualties").put("civiliansKilled", killed).put("civiliansInjured", injured);
    }
    Answer a = server.request("POST", "/api/v1/reports", r.toString(), TestServer.ADMIN_TOKEN);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return UUID.fromString(a.json().get("incidentId").asText());
  }

  private void assess(UUID incident, String token, String assessment) {
    Answer a = server.request("POST", "/api/v1/incidents/" + incident + "/assessments",
        "{\"assessment\":\"" + assessment + "\",\"rationale\":\"seen\"}", token);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
  }

  private String finding(UUID incident) {
    return server.request("GET", "/api/v1/incidents/" + incident, null, TestServer.ADMIN_TOKEN).json().get("finding").asText();
  }
}
