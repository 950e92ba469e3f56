package org.truce.bulletins;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulletin rollup (migrations V13, V15): sums of incidents per UTC hour and zone, so that cumulative totals,
 * the previous period and the trend read a few thousand rows instead of every incident. It is exact by
 * construction: a trigger marks every hour and zone an incident change touches, in the writer's transaction;
 * {@link #sums} reads, in one statement (one snapshot), the rollup rows of unmarked hours and the incidents of
 * marked hours and of the hours that hold a period's edge; {@link #refresh} recomputes the marked hours and
 * removes exactly the marks it read, in one transaction, so that reads stay short.
 */
final class Rollup {

  /** incidents, reports, verified, then per casualty figure (civilians killed, injured, combatants killed, injured) best, low, high, n. */
  static final int FIGURES = 19;
  private static final String[] CAS = {"civ_killed", "civ_injured", "cmb_killed", "cmb_injured"};
  private static final String SUMS;
  private static final String INCIDENT_FIGURES;
  private static final String COLUMNS;
  /** One incident's figures as the rollup sums them, in the order of SUMS. */
  private static final String DIRECT;

  static {
    StringBuilder sums = new StringBuilder("sum(r.incidents), sum(r.reports), sum(r.verified)");
    StringBuilder inc = new StringBuilder("i.report_count, i.finding");
    StringBuilder cols = new StringBuilder("hour_start, zone_id, incidents, reports, verified");
    StringBuilder direct = new StringBuilder("1, i.report_count, case when i.finding = 'verified' then 1 else 0 end");
    for (String c : CAS) {
      for (String s : new String[] {"best", "low", "high", "n"}) {
        sums.append(", sum(r.").append(c).append('_').append(s).append(')');
        cols.append(", ").append(c).append('_').append(s);
      }
      inc.append(", i.").append(c).append("_best, i.").append(c).append("_low, i.").append(c).append("_high");
      direct.append(", i.").append(c).append("_best, i.").append(c).append("_low, i.").append(c).append("_high, case when i.")
          .append(c).append("_best is null then 0 else 1 end");
    }
    DIRECT = direct.toString();
    SUMS = sums.toString();
    INCIDENT_FIGURES = inc.toString();
    COLUMNS = cols.toString();
  }

  /** Hours of marks closer than this are recomputed with the hours between them: one read instead of several. */
  private static final int GAP_HOURS = 6;
  private static final Logger LOG = LoggerFactory.getLogger(Rollup.class);

  private Rollup() {}

  /**
   * Recomputes the marked hours from incidents, in its own transaction: the marks are removed by the statement that
   * reads them (so exactly the marks read, never one committed meanwhile), each of their hours is recomputed from
   * the incidents as committed after that, and both commit together. A lock row keeps two refreshes from writing
   * one hour from different snapshots. Returns how many marked hours it recomputed.
   */
  static int refresh(Jdbi jdbi) {
    return jdbi.inTransaction(h -> {
      h.createQuery("select id from bulletin_rollup_lock where id = 1 for update").mapTo(Integer.class).one();
      String take = postgres(h)
          ? "with d as (delete from bulletin_rollup_marks returning hour_start) select distinct hour_start from d order by 1"
          : "select distinct hour_start from old table (delete from bulletin_rollup_marks) order by 1";
      List<Instant> hours = h.createQuery(take).map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
      for (Hours.Interval run : runs(hours)) {
        recompute(h, run);
      }
      if (hours.size() > 1000) {
        LOG.info("bulletin rollup: recomputed {} marked hours", hours.size());
      }
      return hours.size();
    });
  }

  /** Consecutive (or nearly) hours as runs [first, last + 1 hour). */
  static List<Hours.Interval> runs(List<Instant> sortedHours) {
    List<Hours.Interval> out = new ArrayList<>();
    Instant a = null;
    Instant b = null;
    for (Instant t : sortedHours) {
      if (a != null && t.isAfter(b.plusSeconds(GAP_HOURS * Hours.HOUR))) {
        out.add(new Hours.Interval(a, b));
        a = null;
      }
      if (a == null) {
        a = t;
      }
      b = t.plusSeconds(Hours.HOUR);
    }
    if (a != null) {
      out.add(new Hours.Interval(a, b));
    }
    return out;
  }

  private static void recompute(Handle h, Hours.Interval run) {
    Map<String, long[]> buckets = new HashMap<>();
    Map<String, Instant> hourOf = new HashMap<>();
    Map<String, String> zoneOf = new HashMap<>();
    h.createQuery("select i.t_start, i.zone_id, " + INCIDENT_FIGURES + " from incidents i"
            + " where i.merged_into is null and i.t_start >= :from and i.t_start < :to")
        .bind("from", utc(run.from())).bind("to", utc(run.to())).setFetchSize(5000)
        .map((rs, ctx) -> {
          Instant hour = Hours.floor(rs.getObject(1, OffsetDateTime.class).toInstant());
          String zone = rs.getString(2) == null ? "" : rs.getString(2);
          String key = hour.getEpochSecond() + "|" + zone;
          long[] f = buckets.computeIfAbsent(key, k -> new long[FIGURES]);
          hourOf.putIfAbsent(key, hour);
          zoneOf.putIfAbsent(key, zone);
          add(f, rs, 3);
          return null;
        }).forEach(x -> { });
    h.createUpdate("delete from bulletin_rollup where hour_start >= :from and hour_start < :to")
        .bind("from", utc(run.from())).bind("to", utc(run.to())).execute();
    recomputeParties(h, run);
    if (buckets.isEmpty()) {
      return;
    }
    StringBuilder values = new StringBuilder("?");
    for (int k = 1; k < FIGURES + 2; k++) {
      values.append(", ?");
    }
    PreparedBatch batch = h.prepareBatch("insert into bulletin_rollup(" + COLUMNS + ") values (" + values + ")");
    buckets.forEach((key, f) -> {
      batch.bind(0, utc(hourOf.get(key))).bind(1, zoneOf.get(key));
      for (int k = 0; k < FIGURES; k++) {
        batch.bind(2 + k, f[k]);
      }
      batch.add();
    });
    batch.execute();
  }

  /** Each party's figures per hour and zone of the run: one row per incident and party, counted in Java. */
  private static void recomputeParties(Handle h, Hours.Interval run) {
    Map<List<Object>, long[]> buckets = new HashMap<>();
    h.createQuery("select i.t_start, i.zone_id, i.finding, r.source_party, count(*) from incidents i"
            + " join reports r on r.incident_id = i.id where i.merged_into is null and i.t_start >= :from and i.t_start < :to"
            + " group by i.id, i.t_start, i.zone_id, i.finding, r.source_party")
        .bind("from", utc(run.from())).bind("to", utc(run.to())).setFetchSize(5000)
        .map((rs, ctx) -> {
          Instant hour = Hours.floor(rs.getObject(1, OffsetDateTime.class).toInstant());
          String zone = rs.getString(2) == null ? "" : rs.getString(2);
          long[] f = buckets.computeIfAbsent(List.of(hour, zone, rs.getString(4)), k -> new long[3]);
          f[0] += rs.getLong(5);
          f[1]++;
          f[2] += "verified".equals(rs.getString(3)) ? 1 : 0;
          return null;
        }).forEach(x -> { });
    h.createUpdate("delete from bulletin_rollup_parties where hour_start >= :from and hour_start < :to")
        .bind("from", utc(run.from())).bind("to", utc(run.to())).execute();
    if (buckets.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch("insert into bulletin_rollup_parties(hour_start, zone_id, party, reports, incidents,"
        + " verified) values (?, ?, ?, ?, ?, ?)");
    buckets.forEach((k, f) -> batch.bind(0, utc((Instant) k.get(0))).bind(1, (String) k.get(1)).bind(2, (String) k.get(2))
        .bind(3, f[0]).bind(4, f[1]).bind(5, f[2]).add());
    batch.execute();
  }

  /**
   * Per source party, over the incidents of one period (of one zone, or all): its reports, the incidents they support
   * and how many of those are verified; whole unmarked hours from the rollup, the rest from reports and incidents,
   * in one statement.
   */
  static Map<String, long[]> parties(Handle h, String zone, Hours.Interval period) {
    Map<String, long[]> out = new java.util.TreeMap<>();
    if (period.isEmpty()) {
      return out;
    }
    Hours.Interval w = Hours.split(List.of(period)).whole().get(0);
    String inZone = zone == null ? "" : " and i.zone_id = :zone";
    List<String> direct = new ArrayList<>();
    String perParty = "select i.id, i.finding from incidents i where i.merged_into is null" + inZone;
    List<String> parts = new ArrayList<>();
    if (w.isEmpty()) {
      direct.add(perParty + " and i.t_start >= :from and i.t_start < :to");
    } else {
      parts.add("select r.party, sum(r.reports), sum(r.incidents), sum(r.verified) from bulletin_rollup_parties r"
          + " where r.hour_start >= :wf and r.hour_start < :wt" + (zone == null ? "" : " and r.zone_id = :zone")
          + " and not exists (select 1 from bulletin_rollup_marks m where m.hour_start = r.hour_start and m.zone_id = r.zone_id)"
          + " group by r.party");
      direct.add("select i.id, i.finding from (select distinct m.hour_start, m.zone_id from bulletin_rollup_marks m"
          + " where m.hour_start >= :wf and m.hour_start < :wt" + (zone == null ? "" : " and m.zone_id = :zone") + ") d"
          + " join incidents i on i.t_start >= d.hour_start and i.t_start < d.hour_start + interval '1' hour"
          + " and coalesce(i.zone_id, '') = d.zone_id where i.merged_into is null");
      if (period.from().isBefore(w.from())) {
        direct.add(perParty + " and i.t_start >= :from and i.t_start < :wf");
      }
      if (w.to().isBefore(period.to())) {
        direct.add(perParty + " and i.t_start >= :wt and i.t_start < :to");
      }
    }
    parts.add("select r.source_party, count(*), count(distinct r.incident_id),"
        + " count(distinct case when x.finding = 'verified' then r.incident_id end)"
        + " from reports r join (" + String.join(" union all ", direct) + ") x on x.id = r.incident_id group by r.source_party");
    Map<String, Object> binds = new HashMap<>();
    if (w.isEmpty() || period.from().isBefore(w.from())) {
      binds.put("from", utc(period.from()));
    }
    if (w.isEmpty() || w.to().isBefore(period.to())) {
      binds.put("to", utc(period.to()));
    }
    if (!w.isEmpty()) {
      binds.put("wf", utc(w.from()));
      binds.put("wt", utc(w.to()));
    }
    Query q = h.createQuery(String.join(" union all ", parts));
    binds.forEach(q::bind);
    if (zone != null) {
      q.bind("zone", zone);
    }
    q.map((rs, ctx) -> {
      long[] f = out.computeIfAbsent(rs.getString(1), k -> new long[3]);
      f[0] += rs.getLong(2);
      f[1] += rs.getLong(3);
      f[2] += rs.getLong(4);
      return null;
    }).forEach(x -> { });
    return out;
  }

  /** Adds one incident's figures, read from rs at col (report_count, finding, then best/low/high of each casualty figure). */
  private static void add(long[] f, ResultSet rs, int col) throws SQLException {
    f[0]++;
    f[1] += rs.getLong(col);
    if ("verified".equals(rs.getString(col + 1))) {
      f[2]++;
    }
    for (int k = 0; k < 4; k++) {
      int c = col + 2 + 3 * k;
      long best = rs.getLong(c);
      boolean has = !rs.wasNull();
      f[3 + 4 * k] += best;
      f[4 + 4 * k] += rs.getLong(c + 1);
      f[5 + 4 * k] += rs.getLong(c + 2);
      f[6 + 4 * k] += has ? 1 : 0;
    }
  }

  /**
   * The figures of each period, of one zone or (zone null) of all, as the incidents stand at this statement: whole
   * unmarked hours from the rollup, the incidents of marked hours and of the hours holding an edge counted directly.
   */
  static long[][] sums(Handle h, String zone, List<Hours.Interval> periods) {
    Hours.Split s = Hours.split(periods);
    long[][] out = new long[periods.size()][FIGURES];
    if (!s.from().isBefore(s.to())) {
      return out;
    }
    Map<String, Object> binds = new HashMap<>();
    List<String> parts = new ArrayList<>();
    String notBoundary = s.boundary().isEmpty() ? "" : " and r.hour_start not in (<boundary>)";
    String inZone = zone == null ? "" : " and r.zone_id = :zone";
    for (int k = 0; k < periods.size(); k++) {
      Hours.Interval w = s.whole().get(k);
      if (w.isEmpty()) {
        continue;
      }
      parts.add("select " + k + " k, cast(null as timestamp with time zone) t, " + SUMS
          + " from bulletin_rollup r where r.hour_start >= :wf" + k + " and r.hour_start < :wt" + k + inZone + notBoundary
          + " and not exists (select 1 from bulletin_rollup_marks m where m.hour_start = r.hour_start and m.zone_id = r.zone_id)");
      binds.put("wf" + k, utc(w.from()));
      binds.put("wt" + k, utc(w.to()));
    }
    String direct = "select -1 k, i.t_start t, " + DIRECT;
    parts.add(direct + " from (select distinct m.hour_start, m.zone_id from bulletin_rollup_marks m"
        + " where m.hour_start >= :from and m.hour_start < :to" + (zone == null ? "" : " and m.zone_id = :zone")
        + (s.boundary().isEmpty() ? "" : " and m.hour_start not in (<boundary>)") + ") d"
        + " join incidents i on i.t_start >= d.hour_start and i.t_start < d.hour_start + interval '1' hour"
        + " and coalesce(i.zone_id, '') = d.zone_id where i.merged_into is null");
    for (int b = 0; b < s.boundary().size(); b++) {
      parts.add(direct + " from incidents i where i.merged_into is null and i.t_start >= :b" + b + " and i.t_start < :be" + b
          + (zone == null ? "" : " and i.zone_id = :zone"));
      binds.put("b" + b, utc(s.boundary().get(b)));
      binds.put("be" + b, utc(s.boundary().get(b).plusSeconds(Hours.HOUR)));
    }
    Query q = h.createQuery(String.join(" union all ", parts)).bind("from", utc(s.from())).bind("to", utc(s.to()));
    binds.forEach(q::bind);
    if (zone != null) {
      q.bind("zone", zone);
    }
    if (!s.boundary().isEmpty()) {
      q.bindList("boundary", s.boundary().stream().map(Rollup::utc).toList());
    }
    q.setFetchSize(2000).map((rs, ctx) -> {
      int k = rs.getInt(1);
      if (k >= 0) {
        for (int f = 0; f < FIGURES; f++) {
          out[k][f] += rs.getLong(3 + f);
        }
        return null;
      }
      Instant t = rs.getObject(2, OffsetDateTime.class).toInstant();
      long[] one = new long[FIGURES];
      for (int f = 0; f < FIGURES; f++) {
        one[f] = rs.getLong(3 + f);
      }
      for (int p = 0; p < periods.size(); p++) {
        if (periods.get(p).contains(t)) {
          for (int f = 0; f < FIGURES; f++) {
            out[p][f] += one[f];
          }
        }
      }
      return null;
    }).forEach(x -> { });
    return out;
  }

  static boolean postgres(Handle h) {
    try {
      return h.getConnection().getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
