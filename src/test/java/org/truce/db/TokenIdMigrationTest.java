package org.truce.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.support.TestDatabase;

/** V8 gives every token issued before it a random public id of its own. */
@Tag("db")
class TokenIdMigrationTest {

  @Test
  void tokensIssuedBeforeV8GetDistinctRandomIds() throws Exception {
    String url = TestDatabase.freshUrl();
    boolean pg = TestDatabase.postgres();
    String jdbc = pg ? url : Database.h2Url(url);
    String user = pg ? null : "sa";
    String password = pg ? null : "";
    Flyway.configure().dataSource(jdbc, user, password)
        .locations("classpath:db/migration/common", pg ? "classpath:db/migration/postgresql" : "classpath:db/migration/h2")
        .target("6").load().migrate();
    List<String> hashes = List.of("a".repeat(64), "b".repeat(64), "c".repeat(64));
    try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement st = c.createStatement()) {
      UUID id = UUID.randomUUID();
      st.execute("insert into parties(code, name, kind, created_at) values ('SEC', 'Secretariat', 'secretariat', current_timestamp)");
      st.execute("insert into users(id, name, party, created_at) values ('" + id + "', 'old', 'SEC', current_timestamp)");
      try (PreparedStatement ps = c.prepareStatement(
          "insert into api_tokens(token_hash, user_id, label, created_at) values (?, '" + id + "', 'old', current_timestamp)")) {
        for (String h : hashes) {
          ps.setString(1, h);
          ps.executeUpdate();
        }
      }
    }
    try (Database db = Database.open(url, null, null, 2)) {
      List<String> ids = db.jdbi().withHandle(h -> h.createQuery("select cast(id as varchar(36)) from api_tokens")
          .mapTo(String.class).list());
      assertThat(ids).hasSize(3).doesNotContainNull().doesNotHaveDuplicates();
      for (String id : ids) {
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        for (String h : hashes) {
          assertThat(id.replace("-", "")).doesNotStartWith(h.substring(0, 8));
        }
      }
    }
  }
}
