package org.truce.incidents;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.truce.db.Rows;
import org.truce.reports.TimePrecision;
import org.truce.reports.ViolationType;

/** SQL for incidents: batched writes from the linker, day loads for its cache, filtered keyset-paged reads. */
public final class IncidentStore {

  private static final List<String> DERIVED = List.of("t_start", "t_end", "time_precision", "lat", "lon", "precision_km",
      "geo_precision", "zone_id", "type", "perpetrator", "perpetrators",
      "civ_killed_best", "civ_killed_low", "civ_killed_high", "civ_injured_best", "civ_injured_low", "civ_injured_high",
      "cmb_killed_best", "cmb_killed_low", "cmb_killed_high", "cmb_injured_best", "cmb_injured_low", "cmb_injured_high",
      "report_count", "needs_review", "review_candidates", "search_text", "updated_at");
  private static final List<String> INSERTED = concat(List.of("id", "founder_report", "finding", "created_at"), DERIVED);
  private static final String UPDATE = "update incidents set "
      + String.join(", ", DERIVED.stream().map(c -> c + " = ?").toList()) + " where id = ?";
  static final String SELECT = "select id, t_start, t_end, time_precision, lat, lon, precision_km, geo_precision, zone_id, type,"
      + " perpetrator, perpetrators, civ_killed_best, civ_killed_low, civ_killed_high, civ_injured_best, civ_injured_low,"
      + " civ_injured_high, cmb_killed_best, cmb_killed_low, cmb_killed_high, cmb_injured_best, cmb_injured_low, cmb_injured_high,"
      + " report_count, needs_review, review_candidates, finding, merged_into, created_at, updated_at from incidents";
  /** Incident windows never grow past this (reports span at most 7 days); bounds the day-load query. */
  static final long MAX_WINDOW_MILLIS = 9 * IncidentCache.DAY;

  private final Jdbi jdbi;
  private final boolean copy;

  /** A store on jdbi; copy writes new incidents through PostgreSQL's COPY. */
  public IncidentStore(Jdbi jdbi, boolean copy) {
    this.jdbi = jdbi;
    this.copy = copy;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Writes new incidents and the changed derived columns of known ones. */
  public void save(Handle h, List<IncidentState> changed, OffsetDateTime now) throws SQLException {
    Connection c = h.getConnection();
    List<IncidentState> inserts = new ArrayList<>();
    List<IncidentState> updates = new ArrayList<>();
    for (IncidentState s : changed) {
      (s.stored ? updates : inserts).add(s);
    }
    Rows.insert(c, copy, "incidents", INSERTED, inserts, (s, row) -> {
      row.uuid(s.id);
      row.uuid(s.founder);
      row.text("open");
      row.time(now);
      bindDerived(row, s, now);
    });
    Rows.batch(c, UPDATE, updates, (s, row) -> {
      bindDerived(row, s, now);
      row.uuid(s.id);
    });
    for (IncidentState s : changed) {
      s.stored = true;
      s.dirty = false;
    }
  }

  private static void bindDerived(Rows.Row row, IncidentState s, OffsetDateTime now) throws SQLException {
    row.time(utc(s.start));
    row.time(utc(s.end));
    row.text(s.precision.code());
    row.real(s.lat);
    row.real(s.lon);
    row.real(s.precisionKm);
    row.integer(s.geoPrecision());
    row.text(s.zoneId);
    row.text(s.type.code());
    row.text(s.perpetrator);
    row.text(String.join(",", s.perpetrators));
    for (Estimate e : List.of(s.civiliansKilled(), s.civiliansInjured(), s.combatantsKilled(), s.combatantsInjured())) {
      row.integer(e.best());
      row.integer(e.low());
      row.integer(e.high());
    }
    row.integer(s.members.size());
    row.bool(s.needsReview);
    row.text(s.reviewCandidates);
    row.text(s.searchText());
    row.time(now);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }

  /** The live incidents whose widened window may meet [dayStart, dayEnd), with their member reports. */
  public List<IncidentState> loadDay(Handle h, long dayStart, long dayEnd, long margin) throws SQLException {
    String sql = "select i.id, i.founder_report, i.needs_review, i.review_candidates,"
        + " r.id, r.source_party, r.source_type, r.occurred_at, r.occurred_until, r.time_precision, r.lat, r.lon, r.precision_km, r.zone_id,"
        + " r.type, r.perpetrator, r.civ_killed, r.civ_injured, r.cmb_killed, r.cmb_injured, r.description"
        + " from incidents i join reports r on r.incident_id = i.id"
        + " where i.t_start >= ? and i.t_start < ? and i.t_end >= ? and i.merged_into is null order by i.id, r.id";
    Map<UUID, IncidentState> out = new LinkedHashMap<>();
    try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
      ps.setObject(1, utc(dayStart - margin - MAX_WINDOW_MILLIS));
      ps.setObject(2, utc(dayEnd + margin));
      ps.setObject(3, utc(dayStart - margin));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          UUID id = rs.getObject(1, UUID.class);
          IncidentState s = out.get(id);
          if (s == null) {
            s = new IncidentState(id, rs.getObject(2, UUID.class));
            s.stored = true;
            s.needsReview = rs.getBoolean(3);
            s.reviewCandidates = rs.getString(4);
            out.put(id, s);
          }
          s.members.add(member(rs, 5));
        }
      }
    }
    for (IncidentState s : out.values()) {
      s.recompute();
    }
    return new ArrayList<>(out.values());
  }

  /** The report columns {@link #member(ResultSet, int)} reads, in its order. */
  static final String MEMBER_COLUMNS = "id, source_party, source_type, occurred_at, occurred_until, time_precision, lat, lon,"
      + " precision_km, zone_id, type, perpetrator, civ_killed, civ_injured, cmb_killed, cmb_injured, description";

  /** Reads a member from the report columns starting at column i (id, source_party, source_type, occurred_at, ...). */
  static Member member(ResultSet rs, int i) throws SQLException {
    OffsetDateTime at = rs.getObject(i + 3, OffsetDateTime.class);
    OffsetDateTime until = rs.getObject(i + 4, OffsetDateTime.class);
    String description = rs.getString(i + 16);
    return new Member(rs.getObject(i, UUID.class), rs.getString(i + 1), rs.getString(i + 2), at.toInstant().toEpochMilli(),
        (until == null ? at : until).toInstant().toEpochMilli(), TimePrecision.fromCode(rs.getString(i + 5)),
        rs.getDouble(i + 6), rs.getDouble(i + 7), rs.getDouble(i + 8), rs.getString(i + 9),
        ViolationType.fromCode(rs.getString(i + 10)), rs.getString(i + 11), (Integer) rs.getObject(i + 12),
        (Integer) rs.getObject(i + 13), (Integer) rs.getObject(i + 14), (Integer) rs.getObject(i + 15),
        Member.clip(description));
  }

  public Optional<Incident> get(Handle h, UUID id) {
    return h.createQuery(SELECT + " where id = :id").bind("id", id).map((rs, ctx) -> read(rs)).findOne();
  }

  /** The incidents with these ids, in the order of ids (missing ones left out), in one query. */
  public List<Incident> getAll(Handle h, List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<UUID, Incident> byId = new java.util.HashMap<>();
    h.createQuery(SELECT + " where id in (<ids>)").bindList("ids", ids).map((rs, ctx) -> read(rs))
        .forEach(i -> byId.put(i.id(), i));
    return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
  }

  /** One page of incidents, newest first, and the cursor of the next page (null at the end). */
  public record Page(List<Incident> items, String next) {}

  public Page list(IncidentFilter f, int limit, String cursor) {
    StringBuilder sql = new StringBuilder(SELECT).append(" where merged_into is null");
    List<Object> args = new ArrayList<>();
    where(f, sql, args);
    if (cursor != null) {
      Cursor c = Cursor.decode(cursor);
      sql.append(" and (t_start < ? or (t_start = ? and id < ?))");
      args.add(c.start);
      args.add(c.start);
      args.add(c.id);
    }
    // with one zone the order is the same, and H2 then reads incidents_zone_time in order and stops at the
    // limit instead of sorting every incident of the zone and window (PostgreSQL needs no such hint)
    boolean oneZone = f.zones() != null && f.zones().size() == 1;
    sql.append(oneZone ? " order by zone_id desc," : " order by").append(" t_start desc, id desc limit ").append(limit + 1);
    return jdbi.withHandle(h -> {
      var q = h.createQuery(sql.toString());
      for (int i = 0; i < args.size(); i++) {
        q.bind(i, args.get(i));
      }
      List<Incident> rows = q.map((rs, ctx) -> read(rs)).list();
      if (rows.size() <= limit) {
        return new Page(rows, null);
      }
      List<Incident> page = rows.subList(0, limit);
      Incident last = page.get(limit - 1);
      return new Page(List.copyOf(page), new Cursor(last.start(), last.id()).encode());
    });
  }

  /** Appends the filter's conditions (each " and …") and their arguments: the list's and the map's clusters'. */
  static void where(IncidentFilter f, StringBuilder sql, List<Object> args) {
    if (f.from() != null) {
      // windows are bounded, so the start bounds the scan of the time indexes as well. greatest(t_end, t_start)
      // is t_end; written so, PostgreSQL does not multiply its selectivity by t_start's: the two are
      // correlated, and the product made late windows look 20 times emptier than they are (a sort of the whole
      // window instead of reading incidents_time newest-first up to the limit)
      sql.append(" and greatest(t_end, t_start) >= ? and t_start >= ?");
      args.add(f.from());
      args.add(f.from().minusNanos(MAX_WINDOW_MILLIS * 1_000_000L));
    }
    if (f.to() != null) {
      sql.append(" and t_start < ?");
      args.add(f.to());
    }
    in(sql, args, "zone_id", f.zones());
    in(sql, args, "type", f.types());
    in(sql, args, "perpetrator", f.perpetrators());
    in(sql, args, "finding", f.findings());
    if (f.text() != null && !f.text().isBlank()) {
      sql.append(" and lower(search_text) like ? escape '\\'");
      args.add("%" + f.text().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
  }

  private static void in(StringBuilder sql, List<Object> args, String column, List<String> values) {
    if (values == null || values.isEmpty()) {
      return;
    }
    sql.append(" and ").append(column).append(" in (").append(String.join(",", java.util.Collections.nCopies(values.size(), "?"))).append(")");
    args.addAll(values);
  }

  /** An opaque position in the newest-first order. */
  record Cursor(OffsetDateTime start, UUID id) {
    String encode() {
      String raw = start.toInstant().toEpochMilli() + ":" + id;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static Cursor decode(String s) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.US_ASCII);
        int colon = raw.indexOf(':');
        return new Cursor(utc(Long.parseLong(raw.substring(0, colon))), UUID.fromString(raw.substring(colon + 1)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cursor is not one this server issued");
      }
    }
  }

  static Incident read(ResultSet rs) throws SQLException {
    Map<String, Estimate> cas = new LinkedHashMap<>();
    String[] names = {"civiliansKilled", "civiliansInjured", "combatantsKilled", "combatantsInjured"};
    for (int k = 0; k < 4; k++) {
      int col = 13 + 3 * k;
      cas.put(names[k], new Estimate((Integer) rs.getObject(col), (Integer) rs.getObject(col + 1), (Integer) rs.getObject(col + 2)));
    }
    String candidates = rs.getString("review_candidates");
    return new Incident(rs.getObject("id", UUID.class), utc(rs.getObject("t_start", OffsetDateTime.class)),
        utc(rs.getObject("t_end", OffsetDateTime.class)), rs.getString("time_precision"),
        new Incident.Location(rs.getDouble("lat"), rs.getDouble("lon"), round(rs.getDouble("precision_km")), rs.getInt("geo_precision")),
        rs.getString("zone_id"), rs.getString("type"), rs.getString("perpetrator"),
        Arrays.asList(rs.getString("perpetrators").split(",")), cas, rs.getInt("report_count"),
        rs.getBoolean("needs_review"),
        candidates == null ? List.of() : Arrays.stream(candidates.split(",")).map(UUID::fromString).toList(),
        rs.getString("finding"), rs.getObject("merged_into", UUID.class),
        utc(rs.getObject("created_at", OffsetDateTime.class)), utc(rs.getObject("updated_at", OffsetDateTime.class)));
  }

  private static double round(double km) {
    return Math.round(km * 1000) / 1000.0;
  }

  static OffsetDateTime utc(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  static OffsetDateTime utc(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
