package org.truce.bulletins;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.truce.config.BulletinSettings;
import org.truce.http.FieldError;
import org.truce.incidents.IncidentRoutes;
import org.truce.parties.Parties;
import org.truce.parties.Party;
import org.truce.zones.Zone;
import org.truce.zones.ZoneIndex;

/**
 * Computes a bulletin's figures from the incidents of a period. Every figure is counted over incidents (not
 * reports) whose start lies in [from, to) and that were not merged into another; an incident's reports count
 * where its reports are counted. Casualties are the incidents' estimates (the lower median of their reports).
 */
public final class Composer {

  /** How many notable incidents a bulletin lists. */
  static final int NOTABLE = 10;
  static final int TREND_DAYS = 30;
  /** The longest period a bulletin covers: one year and a day, so any year fits. */
  static final Duration MAX_PERIOD = Duration.ofDays(367);

  static final String METHODOLOGY = "Reports of possible violations come from the parties, the guarantors' monitors,"
      + " observers and open sources. Reports that describe the same event (close in time and place, same type) are"
      + " grouped into one incident; coordinators correct the grouping where it errs. Each guarantor assesses each"
      + " incident; the finding follows the mechanism's rule (%s). Figures count incidents whose start falls in the"
      + " period, in the mechanism's time (%s). Casualty figures are, per incident, the lower median of its reports'"
      + " figures (best estimate) with the lowest and highest reported figure as the range; totals add these up."
      + " An incident still under review is counted with its current finding; later bulletins may differ as"
      + " assessments come in.";

  private final BulletinSettings settings;
  private final Parties parties;
  private final ZoneIndex zones;

  public Composer(BulletinSettings settings, Parties parties, ZoneIndex zones) {
    this.settings = settings;
    this.parties = parties;
    this.zones = zones;
  }

  public BulletinSettings settings() {
    return settings;
  }

  /**
   * The period asked for: {@code from}/{@code to} as dates (in the mechanism's time zone; {@code to} inclusive,
   * so from=2026-11-20&to=2026-11-20 is that day) or instants with offset ({@code to} exclusive). Without either,
   * the day that ended at the latest cut-off (e.g. "as of 19:30"). Bad values are added to errors, naming the field.
   */
  public Bulletin.Period period(String from, String to, String zone, Clock clock, List<FieldError> errors) {
    ZoneId tz = settings.timeZone();
    Instant f = instant(from, "from", false, errors);
    Instant t = instant(to, "to", true, errors);
    if (f == null && t == null && !has(from) && !has(to)) {
      ZonedDateTime now = clock.instant().atZone(tz);
      ZonedDateTime cut = now.toLocalDate().atTime(settings.cutoff()).atZone(tz);
      if (cut.isAfter(now)) {
        cut = cut.minusDays(1);
      }
      t = cut.toInstant();
      f = cut.minusDays(1).toInstant();
    } else if (f == null && has(to) && t != null) {
      f = t.atZone(tz).minusDays(1).toInstant();
    } else if (t == null && has(from) && f != null) {
      t = f.atZone(tz).plusDays(1).toInstant();
    }
    String zoneName = null;
    if (zone != null && !zone.isBlank()) {
      Zone z = zones.zones().stream().filter(x -> x.id().equals(zone) && !x.isAreaOfOperation()).findFirst().orElse(null);
      if (z == null) {
        errors.add(new FieldError("zone", "unknown zone '" + zone + "'; allowed: " + String.join(", ",
            zones.zones().stream().filter(x -> !x.isAreaOfOperation()).map(Zone::id).toList())));
      } else {
        zoneName = z.name();
      }
    }
    if (f != null && t != null) {
      if (!t.isAfter(f)) {
        errors.add(new FieldError("to", "must be after from"));
      } else if (Duration.between(f, t).compareTo(MAX_PERIOD) > 0) {
        errors.add(new FieldError("to", "a bulletin covers at most 367 days"));
      }
    }
    if (!errors.isEmpty() || f == null || t == null) {
      return null;
    }
    return new Bulletin.Period(at(f), at(t), tz.getId(), has(zone) ? zone : null, zoneName);
  }

  private OffsetDateTime at(Instant i) {
    return i.atZone(settings.timeZone()).toOffsetDateTime();
  }

  private static boolean has(String s) {
    return s != null && !s.isBlank();
  }

  private Instant instant(String s, String field, boolean end, List<FieldError> errors) {
    if (!has(s)) {
      return null;
    }
    try {
      if (s.length() == 10) {
        LocalDate d = LocalDate.parse(s);
        return (end ? d.plusDays(1) : d).atStartOfDay(settings.timeZone()).toInstant();
      }
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeException e) {
      errors.add(new FieldError(field, "must be a date (2026-11-20) or an ISO 8601 instant with offset (2026-11-20T19:30:00+03:00)"));
      return null;
    } catch (ArithmeticException e) {
      errors.add(new FieldError(field, "is out of range"));
      return null;
    }
  }

  /**
   * The bulletin of a period; internal adds each incident's report sources. The period's own figures are summed over
   * its incidents as the annex reads them; the previous period, the cumulative totals and the trend come from the
   * rollup, exact as of its statement ({@link Rollup#sums}).
   */
  public Bulletin compose(Handle h, Bulletin.Period p, boolean internal, String findingRule) {
    Instant from = p.from().toInstant();
    Instant to = p.to().toInstant();
    Map<UUID, List<String>> sources = internal ? sources(h, from, to, p.zone()) : Map.of();
    Totals now = new Totals(from, to);
    List<Bulletin.Line> lines = annex(h, from, to, p.zone(), now, internal ? sources : null);

    Map<String, Integer> byFinding = new LinkedHashMap<>();
    IncidentRoutes.FINDINGS.forEach(x -> byFinding.put(x, 0));
    Map<List<String>, Long> cube = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
        .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
    for (Bulletin.Line l : lines) {
      byFinding.merge(l.finding(), 1, Integer::sum);
      cube.merge(List.of(l.zone() == null ? "outside" : l.zone(), l.type(), l.perpetrator()), 1L, Long::sum);
    }
    Duration len = Duration.between(from, to);
    Instant ceasefire = settings.ceasefireStart().atStartOfDay(settings.timeZone()).toInstant();
    Instant[] days = trendDays(to);
    List<Hours.Interval> periods = new ArrayList<>(2 + TREND_DAYS);
    periods.add(new Hours.Interval(from.minus(len), from));
    periods.add(new Hours.Interval(ceasefire, to));
    for (int d = 0; d < TREND_DAYS; d++) {
      periods.add(new Hours.Interval(days[d], days[d + 1]));
    }
    long[][] sums = Rollup.sums(h, p.zone(), periods);
    Bulletin.Totals previous = totals(from.minus(len), from, sums[0]);
    Bulletin.Totals cumulative = totals(ceasefire, to, sums[1]);
    List<Bulletin.TrendDay> trend = new ArrayList<>(TREND_DAYS);
    for (int d = 0; d < TREND_DAYS; d++) {
      trend.add(new Bulletin.TrendDay(days[d].atZone(settings.timeZone()).toLocalDate(), sums[2 + d][0], sums[2 + d][2]));
    }
    Bulletin.Totals current = now.totals();
    List<Bulletin.Line> notable = lines.stream().filter(l -> "verified".equals(l.finding()) && l.casualties() > 0)
        .sorted(Comparator.comparingInt(Bulletin.Line::casualties).reversed().thenComparing(Bulletin.Line::start))
        .limit(NOTABLE).toList();
    String title = "Ceasefire monitoring bulletin" + (p.zoneName() == null ? "" : ": " + p.zoneName());
    return new Bulletin(title, internal ? "internal" : "public", p, current, previous, change(current, previous),
        cumulative, byFinding,
        cube.entrySet().stream().map(e -> new Bulletin.ZoneTypePerpetrator(e.getKey().get(0), e.getKey().get(1),
            e.getKey().get(2), e.getValue())).toList(),
        reported(h, from, to, p.zone()), trend, notable, null, lines,
        METHODOLOGY.formatted(findingRule, settings.timeZone().getId()), null);
  }

  /** The starts of the 30 local days that end with the period's last day, and the end of the last. */
  private Instant[] trendDays(Instant to) {
    ZoneId tz = settings.timeZone();
    LocalDate last = to.minusNanos(1).atZone(tz).toLocalDate();
    LocalDate first = last.minusDays(TREND_DAYS - 1);
    // days are local, and a local day is not always 24 hours long
    Instant[] bounds = new Instant[TREND_DAYS + 1];
    for (int d = 0; d <= TREND_DAYS; d++) {
      bounds[d] = first.plusDays(d).atStartOfDay(tz).toInstant();
    }
    return bounds;
  }

  private Bulletin.Totals totals(Instant from, Instant to, long[] f) {
    Bulletin.Sum[] s = new Bulletin.Sum[4];
    for (int k = 0; k < 4; k++) {
      s[k] = new Bulletin.Sum(f[3 + 4 * k], f[4 + 4 * k], f[5 + 4 * k], f[6 + 4 * k]);
    }
    return new Bulletin.Totals(at(from), at(to), f[0], f[1], f[2], new Bulletin.Casualties(s[0], s[1], s[2], s[3]));
  }

  private static Bulletin.Change change(Bulletin.Totals a, Bulletin.Totals b) {
    Bulletin.Casualties x = a.casualties();
    Bulletin.Casualties y = b.casualties();
    return new Bulletin.Change(a.incidents() - b.incidents(), a.reports() - b.reports(), a.verified() - b.verified(),
        x.civiliansKilled().best() - y.civiliansKilled().best(), x.civiliansInjured().best() - y.civiliansInjured().best(),
        x.combatantsKilled().best() - y.combatantsKilled().best(), x.combatantsInjured().best() - y.combatantsInjured().best());
  }

  private static String where(String zone) {
    return " where merged_into is null and t_start >= :from and t_start < :to" + (zone == null ? "" : " and zone_id = :zone");
  }

  private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bind(T q, Instant from, Instant to, String zone) {
    q.bind("from", from.atOffset(ZoneOffset.UTC)).bind("to", to.atOffset(ZoneOffset.UTC));
    return zone == null ? q : q.bind("zone", zone);
  }

  /** What an annex line shows of an incident, and the low and high casualty figures its totals add up. */
  private static final String ANNEX = "select id, t_start, zone_id, type, perpetrator, finding, lat, lon,"
      + " civ_killed_best, civ_killed_low, civ_killed_high, civ_injured_best, civ_injured_low, civ_injured_high,"
      + " cmb_killed_best, cmb_killed_low, cmb_killed_high, cmb_injured_best, cmb_injured_low, cmb_injured_high,"
      + " report_count from incidents";

  /** The period's incidents, oldest first, as annex lines (only the columns a line needs), summed into totals as read. */
  private static List<Bulletin.Line> annex(Handle h, Instant from, Instant to, String zone, Totals totals,
      Map<UUID, List<String>> sources) {
    return bind(h.createQuery(ANNEX + where(zone) + " order by t_start, id"), from, to, zone)
        .setFetchSize(5000).map((rs, ctx) -> {
          Integer[] c = new Integer[12];
          for (int k = 0; k < 12; k++) {
            c[k] = (Integer) rs.getObject(9 + k);
          }
          UUID id = rs.getObject(1, UUID.class);
          String finding = rs.getString(6);
          int reports = rs.getInt(21);
          totals.add(reports, finding, c);
          return new Bulletin.Line(id, rs.getObject(2, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
              rs.getString(3), rs.getString(4), rs.getString(5), finding, rs.getDouble(7), rs.getDouble(8),
              c[0], c[3], c[6], c[9], reports, sources == null ? null : sources.getOrDefault(id, List.of()));
        }).list();
  }

  /** Each incident's report sources, "party (source type)", sorted. */
  private static Map<UUID, List<String>> sources(Handle h, Instant from, Instant to, String zone) {
    Map<UUID, TreeSet<String>> out = new HashMap<>();
    String sql = "select r.incident_id, r.source_party, r.source_type from reports r join incidents i on i.id = r.incident_id"
        + where(zone).replace("merged_into", "i.merged_into").replace("t_start", "i.t_start").replace("zone_id", "i.zone_id");
    bind(h.createQuery(sql), from, to, zone).setFetchSize(2000).map((rs, ctx) -> {
      out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new TreeSet<>()).add(rs.getString(2) + " (" + rs.getString(3) + ")");
      return null;
    }).forEach(x -> { });
    Map<UUID, List<String>> lists = new HashMap<>();
    out.forEach((k, v) -> lists.put(k, List.copyOf(v)));
    return lists;
  }

  /** Per source party: its reports, the incidents they support, how many of those are verified (from the rollup). */
  private List<Bulletin.PartyReported> reported(Handle h, Instant from, Instant to, String zone) {
    List<Bulletin.PartyReported> out = new ArrayList<>();
    Rollup.parties(h, zone, new Hours.Interval(from, to)).forEach((code, f) -> {
      if (f[0] > 0) {
        Party party = parties.get(code);
        out.add(new Bulletin.PartyReported(code, party == null ? code : party.name(), f[0], f[1], f[2]));
      }
    });
    return out;
  }

  /** Totals of the period's incidents, summed as they are read for the annex. */
  private final class Totals {
    final Instant from;
    final Instant to;
    long incidents;
    long reports;
    long verified;
    final long[][] cas = new long[4][4];

    Totals(Instant from, Instant to) {
      this.from = from;
      this.to = to;
    }

    /** One incident: its report count, finding, and best/low/high of each casualty figure in turn. */
    void add(int reportCount, String finding, Integer[] c) {
      incidents++;
      reports += reportCount;
      if ("verified".equals(finding)) {
        verified++;
      }
      for (int k = 0; k < 4; k++) {
        if (c[3 * k] != null) {
          cas[k][0] += c[3 * k];
          cas[k][1] += c[3 * k + 1];
          cas[k][2] += c[3 * k + 2];
          cas[k][3]++;
        }
      }
    }

    Bulletin.Totals totals() {
      Bulletin.Sum[] s = new Bulletin.Sum[4];
      for (int k = 0; k < 4; k++) {
        s[k] = new Bulletin.Sum(cas[k][0], cas[k][1], cas[k][2], cas[k][3]);
      }
      return new Bulletin.Totals(at(from), at(to), incidents, reports, verified, new Bulletin.Casualties(s[0], s[1], s[2], s[3]));
    }
  }
}
