package org.truce.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.support.TestDatabase;

/** The schema each database gets from the migrations. */
@Tag("db")
class MigrationTest {

  @Test
  void incidentListIndexesExist() {
    try (Database db = Database.open(TestDatabase.freshUrl(), null, null, 2)) {
      List<String> indexes = db.jdbi().withHandle(h -> db.isPostgres()
          ? h.createQuery("select indexname from pg_indexes where tablename = 'incidents' and schemaname = current_schema()")
              .mapTo(String.class).list()
          : h.createQuery("select index_name from information_schema.indexes where table_name = 'incidents'")
              .mapTo(String.class).list());
      assertThat(indexes).contains("incidents_time", "incidents_zone_time");
      if (db.isPostgres()) {
        // the GIN index over the facets (postgresql/V2__incident_search_indexes.sql)
        assertThat(indexes).contains("incidents_facets");
        // the map's covering index (postgresql/V12__map_index.sql)
        assertThat(indexes).contains("incidents_map");
      }
    }
  }
}
