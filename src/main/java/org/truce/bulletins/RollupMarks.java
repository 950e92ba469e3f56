package org.truce.bulletins;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2's trigger on incidents and on reports for the bulletin rollup, in the writer's transaction: marks the UTC hour
 * and zone of each incident inserted, deleted or changed in a column the rollup sums (both the old and the new hour
 * and zone), and of the incidents a report is added to, moved between or removed from. PostgreSQL does the same
 * with statement triggers (V15).
 */
public final class RollupMarks implements Trigger {

  /** The columns whose change changes a rollup sum. */
  static final List<String> SUMMED = List.of("t_start", "zone_id", "merged_into", "report_count", "finding",
      "civ_killed_best", "civ_killed_low", "civ_killed_high", "civ_injured_best", "civ_injured_low", "civ_injured_high",
      "cmb_killed_best", "cmb_killed_low", "cmb_killed_high", "cmb_injured_best", "cmb_injured_low", "cmb_injured_high");

  /** The columns of reports whose change changes a party's figures. */
  static final List<String> REPORT_COLUMNS = List.of("incident_id", "source_party");

  private boolean reports;
  private int[] summed;
  private int start;
  private int zone;

  @Override
  public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type)
      throws SQLException {
    Map<String, Integer> position = new HashMap<>();
    try (ResultSet rs = conn.getMetaData().getColumns(null, schemaName, tableName, null)) {
      while (rs.next()) {
        position.put(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT), rs.getInt("ORDINAL_POSITION") - 1);
      }
    }
    reports = "reports".equalsIgnoreCase(tableName);
    List<String> columns = reports ? REPORT_COLUMNS : SUMMED;
    summed = new int[columns.size()];
    for (int k = 0; k < summed.length; k++) {
      Integer p = position.get(columns.get(k));
      if (p == null) {
        throw new SQLException(tableName + " has no column " + columns.get(k) + " for the bulletin rollup");
      }
      summed[k] = p;
    }
    start = summed[0];
    zone = summed[1];
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    if (oldRow != null && newRow != null && !changed(oldRow, newRow)) {
      return;
    }
    if (reports) {
      markIncidents(conn, oldRow, newRow);
      return;
    }
    try (PreparedStatement ps = conn.prepareStatement("insert into bulletin_rollup_marks(hour_start, zone_id) values (?, ?)")) {
      if (oldRow != null) {
        mark(ps, oldRow);
      }
      if (newRow != null && (oldRow == null || !sameBucket(oldRow, newRow))) {
        mark(ps, newRow);
      }
    }
  }

  /** Marks the hour and zone of the report's incident before and after (start is incident_id here). */
  private void markIncidents(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    Object before = oldRow == null ? null : oldRow[start];
    Object after = newRow == null ? null : newRow[start];
    try (PreparedStatement find = conn.prepareStatement("select t_start, zone_id from incidents where id = ?");
        PreparedStatement ps = conn.prepareStatement("insert into bulletin_rollup_marks(hour_start, zone_id) values (?, ?)")) {
      for (Object id : Objects.equals(before, after) ? new Object[] {after} : new Object[] {before, after}) {
        if (id == null) {
          continue;
        }
        find.setObject(1, id);
        try (ResultSet rs = find.executeQuery()) {
          if (rs.next()) {
            mark(ps, new Object[] {rs.getObject(1, OffsetDateTime.class), rs.getString(2)}, 0, 1);
          }
        }
      }
    }
  }

  private boolean changed(Object[] a, Object[] b) {
    for (int k : summed) {
      if (!Objects.equals(a[k], b[k])) {
        return true;
      }
    }
    return false;
  }

  private boolean sameBucket(Object[] a, Object[] b) {
    return hour(a[start]).equals(hour(b[start])) && Objects.equals(a[zone], b[zone]);
  }

  private void mark(PreparedStatement ps, Object[] row) throws SQLException {
    mark(ps, row, start, zone);
  }

  private static void mark(PreparedStatement ps, Object[] row, int start, int zone) throws SQLException {
    ps.setObject(1, hour(row[start]));
    ps.setString(2, row[zone] == null ? "" : row[zone].toString());
    ps.executeUpdate();
  }

  private static OffsetDateTime hour(Object t) {
    Instant i;
    if (t instanceof OffsetDateTime o) {
      i = o.toInstant();
    } else if (t instanceof java.time.ZonedDateTime z) {
      i = z.toInstant();
    } else if (t instanceof Timestamp ts) {
      i = ts.toInstant();
    } else if (t instanceof Instant x) {
      i = x;
    } else {
      throw new IllegalStateException("t_start of an unexpected type: " + (t == null ? null : t.getClass()));
    }
    return Hours.floor(i).atOffset(ZoneOffset.UTC);
  }
}
