package org.truce.incidents;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The incidents of a map view, counted on the server: grouped in SQL into the cells of a grid whose size follows
 * the zoom (a quarter of a 256-pixel tile, so about 64 pixels on screen at any zoom), each with its count, its
 * centre of mass and its counts by finding. A browser never receives more than one row per cell, whatever the
 * number of incidents. When the view holds only a few incidents they are sent one by one, with their ids.
 */
public final class IncidentClusters {

  /** At most this many incidents in view are sent as single points; more are sent as cells. */
  public static final int MAX_POINTS = 500;

  /** A view: west, south, east, north in degrees (GeoJSON's bbox order). */
  public record Box(double west, double south, double east, double north) {
    public static final Box WORLD = new Box(-180, -90, 180, 90);
  }

  /** One cell of the grid: where its incidents lie on average, how many, and how many of each finding. */
  public record Cell(double lat, double lon, long count, Map<String, Long> findings) {}

  /** One incident of a sparse view. */
  public record Point(UUID id, double lat, double lon, String finding, String type, OffsetDateTime start) {}

  /** The answer for a view: totals over the view, then either cells or points (the other list is empty). */
  public record View(int zoom, double cellDegrees, long total, Map<String, Long> findings, List<Cell> cells,
                     List<Point> points) {}

  private final Jdbi jdbi;
  private final boolean postgres;

  public IncidentClusters(Jdbi jdbi, boolean postgres) {
    this.jdbi = jdbi;
    this.postgres = postgres;
  }

  /** The side of a grid cell in degrees at that zoom: a quarter of a tile's width. */
  public static double cellDegrees(int zoom) {
    return 360.0 / (1L << zoom) / 4;
  }

  public View view(IncidentFilter f, int zoom, Box box) {
    double cell = cellDegrees(zoom);
    IncidentStore.Query filter = IncidentStore.query(f);
    String where = " from incidents i where " + filter.where() + " and i.lat >= ? and i.lat <= ? and i.lon >= ? and i.lon <= ?";
    List<Object> args = new ArrayList<>(filter.args());
    args.addAll(List.of(box.south(), box.north(), box.west(), box.east()));

    // one pass: the grid cell of each incident, then per cell the count, the mean position and the findings
    StringBuilder sql = new StringBuilder("select gx, gy, count(*), avg(lat), avg(lon)");
    for (String finding : IncidentRoutes.FINDINGS) {
      sql.append(", sum(case when finding = '").append(finding).append("' then 1 else 0 end)");
    }
    sql.append(" from (select floor(lon / ?) as gx, floor(lat / ?) as gy, lat, lon, finding").append(where)
        .append(") g group by gx, gy");
    List<Object> all = new ArrayList<>(List.of(cell, cell));
    all.addAll(args);

    // one transaction: the points are read from the same state as the counts
    return jdbi.inTransaction(h -> {
      if (postgres) {
        // PostgreSQL cannot know that a grid has few cells, so it plans for one group per incident and, with the
        // default 4 MB of working memory, sorts them on disk; with more it counts in a hash table (30-day view
        // over a million incidents: 270 -> 145 ms)
        h.execute("set local work_mem = '32MB'");
      }
      var q = h.createQuery(sql.toString());
      for (int i = 0; i < all.size(); i++) {
        q.bind(i, all.get(i));
      }
      long total = 0;
      Map<String, Long> totals = new LinkedHashMap<>();
      IncidentRoutes.FINDINGS.forEach(x -> totals.put(x, 0L));
      List<Cell> cells = q.map((rs, ctx) -> {
        Map<String, Long> byFinding = new LinkedHashMap<>();
        for (int i = 0; i < IncidentRoutes.FINDINGS.size(); i++) {
          long n = rs.getLong(6 + i);
          if (n > 0) {
            byFinding.put(IncidentRoutes.FINDINGS.get(i), n);
          }
        }
        return new Cell(round(rs.getDouble(4)), round(rs.getDouble(5)), rs.getLong(3), byFinding);
      }).list();
      for (Cell c : cells) {
        total += c.count();
        c.findings().forEach((k, n) -> totals.merge(k, n, Long::sum));
      }
      if (total > MAX_POINTS) {
        return new View(zoom, cell, total, totals, cells, List.of());
      }
      var pq = h.createQuery("select i.id, i.lat, i.lon, i.finding, i.type, i.t_start" + where + " order by i.t_start desc, i.id");
      for (int i = 0; i < args.size(); i++) {
        pq.bind(i, args.get(i));
      }
      List<Point> points = pq.setMaxRows(MAX_POINTS).map((rs, ctx) -> new Point(rs.getObject(1, UUID.class),
          rs.getDouble(2), rs.getDouble(3), rs.getString(4), rs.getString(5),
          rs.getObject(6, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC))).list();
      return new View(zoom, cell, total, totals, List.of(), points);
    });
  }

  /** Positions to about 10 m: enough for a map, and a smaller answer. */
  private static double round(double d) {
    return Math.round(d * 1e4) / 1e4;
  }
}
