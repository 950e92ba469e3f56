package org.truce.db;

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
      migrate(ds);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, pg);
  }

  /**
   * The H2 URL with Truce's settings unless the URL sets them. H2 writes commits in the background after a delay by default; a process killed in that delay would lose
   * acknowledged reports, so every commit is written at once (WRITE_DELAY=0).
   */
  static String h2Url(String url) {
    String lower = url.toLowerCase();
    String out = lower.contains(";mode=") ? url : url + H2_MODE;
    out = lower.contains(";write_delay=") ? out : out + ";WRITE_DELAY=0";
    // H2's page cache defaults to 64 MB: a million incidents then come from disk on every filtered list
    long cacheKb = Math.max(64 * 1024, Runtime.getRuntime().maxMemory() / 4 / 1024);
    return lower.contains(";cache_size=") ? out : out + ";CACHE_SIZE=" + cacheKb;
  }

  private static void migrate(DataSource ds) {
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
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
