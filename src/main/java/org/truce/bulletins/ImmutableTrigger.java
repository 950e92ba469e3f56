package org.truce.bulletins;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2's side of the rule that bulletins and their signatures are never changed (V14): every delete and update is
 * refused, except setting a bulletin's {@code issued_at} once, from null, with nothing else changed.
 */
public final class ImmutableTrigger implements Trigger {

  private String table;
  private int issuedAt = -1;

  @Override
  public void init(Connection conn, String schema, String trigger, String table, boolean before, int type) throws SQLException {
    this.table = table;
    if (table.equalsIgnoreCase("bulletins")) {
      try (ResultSet c = conn.getMetaData().getColumns(null, schema, table, null)) {
        while (c.next()) {
          if (c.getString("COLUMN_NAME").equalsIgnoreCase("issued_at")) {
            issuedAt = c.getInt("ORDINAL_POSITION") - 1;
          }
        }
      }
      if (issuedAt < 0) {
        throw new SQLException("bulletins has no issued_at column");
      }
    }
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    if (newRow != null && issuedAt >= 0 && issuesOnly(oldRow, newRow)) {
      return;
    }
    String what = table.equalsIgnoreCase("bulletins") ? "bulletins are immutable" : "bulletin signatures are immutable";
    throw new SQLException(what + ": " + (newRow == null ? "DELETE" : "UPDATE") + " refused"
        + (issuedAt >= 0 ? " (only issued_at is set, once)" : ""), "42501");
  }

  private boolean issuesOnly(Object[] oldRow, Object[] newRow) {
    if (oldRow[issuedAt] != null || newRow[issuedAt] == null) {
      return false;
    }
    for (int i = 0; i < oldRow.length; i++) {
      if (i != issuedAt && !Objects.deepEquals(oldRow[i], newRow[i])) {
        return false;
      }
    }
    return true;
  }
}
