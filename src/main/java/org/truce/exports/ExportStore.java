package org.truce.exports;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.truce.incidents.IncidentFilter;
import org.truce.incidents.IncidentStore;

/**
 * Reads the incidents an export selects, newest first, one row at a time through a database cursor, so that an
 * export of millions holds only the rows of one fetch in memory.
 */
final class ExportStore {

  /** Rows fetched from PostgreSQL per round trip. */
  static final int FETCH_SIZE = 1000;

  /** Positions of the columns after the incident's (IncidentStore.COLUMNS, 31 of them). */
  private static final int FOUNDER_PARTY = 32;
  private static final int FOUNDER_DESCRIPTION = 33;
  private static final int SOURCE_TYPES = 34;

  /** Receives the rows one by one; may fail writing them out. */
  interface RowHandler {
    void accept(ExportRow row) throws IOException;
  }

  private final Jdbi jdbi;
  private final boolean postgres;

  ExportStore(Jdbi jdbi, boolean postgres) {
    this.jdbi = jdbi;
    this.postgres = postgres;
  }

  /** Hands every live incident that f selects to each, in the incident list's order; returns how many. */
  long forEach(IncidentFilter f, RowHandler each) throws IOException {
    IncidentStore.Query q = IncidentStore.query(f);
    // the report that opened the incident, while it still belongs to it, and the kinds of source of all its reports
    String sql = "select " + IncidentStore.COLUMNS + ", f.source_party as founder_party, f.description as founder_description,"
        + " (select string_agg(distinct r.source_type, ',' order by r.source_type) from reports r where r.incident_id = i.id)"
        + " as source_types"
        + " from incidents i left join reports f on f.id = i.founder_report and f.incident_id = i.id"
        + " where " + q.where() + " order by " + q.orderBy();
    // PostgreSQL honours the fetch size only outside autocommit, hence the transaction; H2 embedded ignores it and
    // computes a whole result before the first row unless the session is lazy, so it is made lazy meanwhile
    return jdbi.inTransaction((Handle h) -> {
      if (!postgres) {
        h.execute("set lazy_query_execution true");
      }
      try {
        var query = h.createQuery(sql).setFetchSize(FETCH_SIZE);
        for (int i = 0; i < q.args().size(); i++) {
          query.bind(i, q.args().get(i));
        }
        return query.map((rs, ctx) -> {
          String types = rs.getString(SOURCE_TYPES);
          return new ExportRow(IncidentStore.read(rs), types == null ? List.of() : Arrays.asList(types.split(",")),
              rs.getString(FOUNDER_PARTY), rs.getString(FOUNDER_DESCRIPTION));
        }).withIterator(it -> {
          long n = 0;
          while (it.hasNext()) {
            each.accept(it.next());
            n++;
          }
          return n;
        });
      } finally {
        if (!postgres) {
          h.execute("set lazy_query_execution false");
        }
      }
    });
  }
}
