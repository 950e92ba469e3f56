package org.truce.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/** A fresh, empty database for one test: an H2 file in a temporary folder, or a new schema on PostgreSQL. */
public final class TestDatabase {

  private TestDatabase() {}

  public static boolean postgres() {
    return "postgres".equals(System.getProperty("truce.test.db", "h2"));
  }

  public static String pgBase() {
    String env = System.getenv("TRUCE_TEST_PG_URL");
    return env != null ? env : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  }

  /** A JDBC URL of a database nobody else uses. */
  public static String freshUrl() {
    if (!postgres()) {
      try {
        Path dir = Files.createTempDirectory("truce-test-");
        return "jdbc:h2:file:" + dir.resolve("truce");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(pgBase())) {
      c.createStatement().execute("create schema " + schema);
    } catch (SQLException e) {
      if (System.getenv("TRUCE_TEST_REQUIRE_PG") != null) {
        throw new IllegalStateException("PostgreSQL is required (TRUCE_TEST_REQUIRE_PG) but unreachable at " + pgBase(), e);
      }
      Assumptions.abort("PostgreSQL unreachable at " + pgBase() + ": " + e.getMessage());
    }
    return pgBase() + (pgBase().contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }
}
