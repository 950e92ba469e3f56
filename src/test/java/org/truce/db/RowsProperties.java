package org.truce.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.truce.support.TestDatabase;

/**
 * Rows written in bulk read back exactly as given: through COPY on PostgreSQL (whose text format escapes
 * backslashes, tabs and line breaks), as a JDBC batch on H2.
 */
@Tag("db")
class RowsProperties {

  record Item(UUID id, String text, Integer number, Double real, boolean flag, OffsetDateTime at) {}

  static final List<String> COLUMNS = List.of("id", "txt", "num", "rl", "flag", "at");
  static Connection connection;

  @BeforeContainer
  static void open() throws SQLException {
    connection = DriverManager.getConnection(url());
    try (Statement st = connection.createStatement()) {
      st.execute("create table bulk_rows (id uuid primary key, txt varchar(4000), num integer, rl double precision,"
          + " flag boolean not null, at timestamp with time zone)");
    }
  }

  private static String url() {
    String url = TestDatabase.freshUrl();
    return url.startsWith("jdbc:h2:") ? url + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" : url;
  }

  @AfterContainer
  static void close() throws SQLException {
    if (connection != null) {
      connection.close();
    }
  }

  @Property(tries = 200)
  void bulkWrittenRowsReadBackUnchanged(@ForAll("items") @Size(min = 1, max = 40) List<Item> items) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("delete from bulk_rows");
    }
    // every list through COPY on PostgreSQL, however short (Truce itself batches short ones)
    Rows.insert(connection, TestDatabase.postgres(), 1, "bulk_rows", COLUMNS, items, (it, row) -> {
      row.uuid(it.id());
      row.text(it.text());
      row.integer(it.number());
      row.real(it.real());
      row.bool(it.flag());
      row.time(it.at());
    });
    for (Item want : items) {
      assertThat(read(want.id())).isEqualTo(want);
    }
  }

  private static Item read(UUID id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("select id, txt, num, rl, flag, at from bulk_rows where id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("row %s stored", id).isTrue();
        OffsetDateTime at = rs.getObject(6, OffsetDateTime.class);
        return new Item(rs.getObject(1, UUID.class), rs.getString(2), (Integer) rs.getObject(3), (Double) rs.getObject(4),
            rs.getBoolean(5), at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC));
      }
    }
  }

  @Provide
  Arbitrary<List<Item>> items() {
    // any Unicode text but NUL and lone surrogates (validation refuses both), with COPY's special characters often
    Arbitrary<String> text = Arbitraries.oneOf(
        Arbitraries.strings().withChars("\\\t\n\r\"',;|N ab\u00e9\u0627\u062e").ofMaxLength(30),
        Arbitraries.strings().all().ofMaxLength(60)
            .filter(s -> s.indexOf('\0') < 0 && s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)),
        Arbitraries.of("\\N", "\\", "\\.", "", "NULL", "=cmd|' /C calc'!A0", "😀 أ"))
        .injectNull(0.1);
    // H2 stores -0.0 as 0.0; no coordinate or distance tells them apart, so the property leaves -0.0 out
    Arbitrary<Double> real = Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(Double.MIN_VALUE, 1e-300, 1.7976931348623157e308,
        35.123456789012345)).map(d -> d == 0.0 ? 0.0 : d).injectNull(0.1);
    Arbitrary<OffsetDateTime> at = Arbitraries.longs().between(1_293_840_000_000_000L, 4_102_444_800_000_000L)
        .map(micros -> OffsetDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC)).injectNull(0.1);
    Arbitrary<Item> item = Combinators.combine(text, Arbitraries.integers().injectNull(0.1), real, Arbitraries.of(true, false), at)
        .as((t, n, r, f, a) -> new Item(UUID.randomUUID(), t, n, r, f, a));
    return item.list().map(ArrayList::new);
  }
}
