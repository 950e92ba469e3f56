package org.truce.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** The connection pool, JDBI and migrations for H2 (embedded default) or PostgreSQL. */
public final class Database implements AutoCloseable {

  /** H2 runs in PostgreSQL mode so that the same SQL serves both. */
  static final String H2_MODE = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final boolean postgres;

  private Database(HikariDataSource dataSource, boolean postgres) {
    this.dataSource = dataSource;
    this.postgres = postgres;
    this.jdbi = Jdbi.create(dataSource);
  }

  /** Opens the database at url and brings its schema up to date. */
  public static Database open(String url, String user, String password, int poolSize) {
    boolean pg = url.startsWith("jdbc:postgresql:");
    if (!pg && !url.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException("--db must be a jdbc:h2: or jdbc:postgresql: URL, got " + url);
    }
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(pg ? url : h2Url(url));
    if (user != null) {
      cfg.setUsername(user);
    } else if (!pg) {
      cfg.setUsername("sa");
    }
    if (password != null) {
      cfg.setPassword(password);
    }
    if (pg) {
      // pgJDBC prepares statements on the server after a few uses; a generic plan made while a table was
      // still empty (a sequential scan) would then stay for the connection's life. Plan every execution.
      cfg.setConnectionInitSql("set plan_cache_mode = force_custom_plan");
    }
    cfg.setMaximumPoolSize(poolSize);
    cfg.setPoolName("truce");
    cfg.setAutoCommit(true);
    HikariDataSource ds = new HikariDataSource(cfg);
    try {
      migrate(ds, pg);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, pg);
  }

  /**
   * The H2 URL with Truce's settings unless the URL sets them. H2 writes commits in the background after a
   * delay by default; a process killed in that delay would lose acknowledged reports, so every commit is
   * written at once (WRITE_DELAY=0).
   */
  static String h2Url(String url) {
    String lower = url.toLowerCase();
    String out = lower.contains(";mode=") ? url : url + H2_MODE;
    out = lower.contains(";write_delay=") ? out : out + ";WRITE_DELAY=0";
    // H2's page cache defaults to 64 MB: a million incidents then come from disk on every filtered list
    long cacheKb = Math.max(64 * 1024, Runtime.getRuntime().maxMemory() / 4 / 1024);
    return lower.contains(";cache_size=") ? out : out + ";CACHE_SIZE=" + cacheKb;
  }

  /**
   * Rewrites an H2 file to its live data (H2's {@code SHUTDOWN COMPACT}) and returns its size in bytes
   * before and after. The database must not be open in any other process.
   */
  public static long[] compactH2(String url, String user, String password) throws SQLException {
    if (!url.startsWith("jdbc:h2:file:")) {
      throw new IllegalArgumentException("compacting is for the embedded H2 file database (jdbc:h2:file:...), got " + url
          + "; PostgreSQL reclaims space itself (autovacuum)");
    }
    String path = url.substring("jdbc:h2:file:".length());
    int semicolon = path.indexOf(';');
    Path file = Path.of((semicolon < 0 ? path : path.substring(0, semicolon)) + ".mv.db");
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no H2 database at " + file);
    }
    try {
      long before = Files.size(file);
      try (Connection c = DriverManager.getConnection(h2Url(url), user == null ? "sa" : user,
          password == null ? "" : password); Statement st = c.createStatement()) {
        st.execute("shutdown compact");
      }
      return new long[] {before, Files.size(file)};
    } catch (IOException e) {
      throw new SQLException("cannot read the size of " + file + ": " + e.getMessage(), e);
    }
  }

  /** Migrations in common/ run on both databases, those in postgresql/ and h2/ on one; versions are one sequence. */
  private static void migrate(DataSource ds, boolean pg) {
    Flyway.configure()
        .dataSource(ds)
        .locations(pg ? new String[] {"classpath:db/migration/common", "classpath:db/migration/postgresql"}
            : new String[] {"classpath:db/migration/common", "classpath:db/migration/h2"})
        .loggers("slf4j")
        .load()
        .migrate();
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public boolean isPostgres() {
    return postgres;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
