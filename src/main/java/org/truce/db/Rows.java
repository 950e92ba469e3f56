package org.truce.db;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Writes many rows with one statement: a JDBC batch, or on PostgreSQL an insert through {@code COPY},
 * which the server loads several times faster than a batch of single-row inserts. A store binds its
 * columns once, in order, to a {@link Row}, whichever way the rows then travel.
 */
public final class Rows {

  /** Below this many rows a batch is as fast as COPY, which costs the server more round trips to set up. */
  public static final int COPY_MIN_ROWS = 100;

  private Rows() {}

  /** The values of one row, in column order. */
  public interface Row {
    void uuid(UUID v) throws SQLException;

    void text(String v) throws SQLException;

    void integer(Integer v) throws SQLException;

    void bigint(Long v) throws SQLException;

    void real(Double v) throws SQLException;

    void bool(boolean v) throws SQLException;

    void time(OffsetDateTime v) throws SQLException;
  }

  /** Binds one item's values to a row. */
  @FunctionalInterface
  public interface Binder<T> {
    void bind(T item, Row row) throws SQLException;
  }

  /** Inserts items into table(columns): through COPY when copy is set (PostgreSQL only) and the rows are many, else as a JDBC batch. */
  public static <T> void insert(Connection c, boolean copy, String table, List<String> columns, List<T> items,
                                Binder<T> binder) throws SQLException {
    insert(c, copy, COPY_MIN_ROWS, table, columns, items, binder);
  }

  static <T> void insert(Connection c, boolean copy, int copyMinRows, String table, List<String> columns, List<T> items,
                         Binder<T> binder) throws SQLException {
    if (items.isEmpty()) {
      return;
    }
    String cols = String.join(", ", columns);
    if (copy && items.size() >= copyMinRows) {
      copy(c, "copy " + table + "(" + cols + ") from stdin", items, binder);
    } else {
      batch(c, "insert into " + table + "(" + cols + ") values (" + String.join(",", Collections.nCopies(columns.size(), "?")) + ")",
          items, binder);
    }
  }

  /** Runs sql once per item, its parameters bound in order, as one JDBC batch. */
  public static <T> void batch(Connection c, String sql, List<T> items, Binder<T> binder) throws SQLException {
    if (items.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Params row = new Params(ps);
      for (T item : items) {
        row.next = 1;
        binder.bind(item, row);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static <T> void copy(Connection c, String sql, List<T> items, Binder<T> binder) throws SQLException {
    CopyText text = new CopyText();
    for (T item : items) {
      text.startRow();
      binder.bind(item, text);
      text.out.append('\n');
    }
    try {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(text.out.toString()), 1 << 16);
    } catch (IOException e) {
      throw new SQLException("COPY failed: " + e.getMessage(), e);
    }
  }

  /** Binds to the parameters of a prepared statement. */
  private static final class Params implements Row {
    private final PreparedStatement ps;
    private int next = 1;

    Params(PreparedStatement ps) {
      this.ps = ps;
    }

    @Override
    public void uuid(UUID v) throws SQLException {
      ps.setObject(next++, v);
    }

    @Override
    public void text(String v) throws SQLException {
      ps.setString(next++, v);
    }

    @Override
    public void integer(Integer v) throws SQLException {
      if (v == null) {
        ps.setNull(next++, Types.INTEGER);
      } else {
        ps.setInt(next++, v);
      }
    }

    @Override
    public void bigint(Long v) throws SQLException {
      if (v == null) {
        ps.setNull(next++, Types.BIGINT);
      } else {
        ps.setLong(next++, v);
      }
    }

    @Override
    public void real(Double v) throws SQLException {
      if (v == null) {
        ps.setNull(next++, Types.DOUBLE);
      } else {
        ps.setDouble(next++, v);
      }
    }

    @Override
    public void bool(boolean v) throws SQLException {
      ps.setBoolean(next++, v);
    }

    @Override
    public void time(OffsetDateTime v) throws SQLException {
      ps.setObject(next++, v);
    }
  }

  /** Writes rows in COPY's text format: tab-separated, \N for null, backslash escapes. */
  static final class CopyText implements Row {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    final StringBuilder out = new StringBuilder(1 << 16);
    private boolean first;

    void startRow() {
      first = true;
    }

    private StringBuilder field() {
      if (!first) {
        out.append('\t');
      }
      first = false;
      return out;
    }

    private void nullField() {
      field().append("\\N");
    }

    @Override
    public void uuid(UUID v) {
      if (v == null) {
        nullField();
      } else {
        field().append(v);
      }
    }

    @Override
    public void text(String v) throws SQLException {
      if (v == null) {
        nullField();
        return;
      }
      StringBuilder b = field();
      for (int i = 0; i < v.length(); i++) {
        char ch = v.charAt(i);
        switch (ch) {
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          // PostgreSQL's text type cannot hold NUL; validation refuses it before any store is reached
          case '\0' -> throw new SQLException("text value holds a NUL character");
          default -> b.append(ch);
        }
      }
    }

    @Override
    public void integer(Integer v) {
      if (v == null) {
        nullField();
      } else {
        field().append(v.intValue());
      }
    }

    @Override
    public void bigint(Long v) {
      if (v == null) {
        nullField();
      } else {
        field().append(v.longValue());
      }
    }

    @Override
    public void real(Double v) {
      if (v == null) {
        nullField();
      } else {
        // Double.toString gives the shortest text that parses back to the same double, as the server does
        field().append(v.doubleValue());
      }
    }

    @Override
    public void bool(boolean v) {
      field().append(v ? 't' : 'f');
    }

    @Override
    public void time(OffsetDateTime v) {
      if (v == null) {
        nullField();
      } else {
        TIME.formatTo(v.withOffsetSameInstant(ZoneOffset.UTC), field());
      }
    }
  }
}
