package org.truce.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A new, empty store for every benchmark run, removed after it: H2 files in a temporary directory, or a new
 * database {@code truce_bench_audit_<pid>_<n>} on a PostgreSQL server (which needs the CREATEDB privilege; the
 * creator owns and drops it). Nothing else on the server is touched.
 */
final class FreshStores implements AutoCloseable {

  static final String PG_PREFIX = "truce_bench_audit_";

  private static final Pattern PG_URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");

  private final String serverUrl;
  private final Path dir;
  private final Map<String, String> live = new LinkedHashMap<>();
  private final Thread onExit = new Thread(this::closeQuietly, "truce-bench-stores");
  private int made;
  private boolean checkpointRefused;

  private FreshStores(String serverUrl, Path dir) {
    this.serverUrl = serverUrl;
    this.dir = dir;
    // a run stopped with Ctrl-C leaves no database or files behind either
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /** H2 in a new temporary directory when server is null; else a PostgreSQL URL through which to create databases. */
  static FreshStores on(String server) throws IOException {
    if (server == null) {
      return new FreshStores(null, Files.createTempDirectory("truce-bench-audit-"));
    }
    if (!PG_URL.matcher(server).matches()) {
      throw new IllegalArgumentException("with --audit-cost, --db is a PostgreSQL server "
          + "(jdbc:postgresql://HOST:PORT/postgres?user=...), or left out for H2 files in a temporary directory; got " + server);
    }
    try (Connection c = DriverManager.getConnection(server)) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot connect to " + server + ": " + e.getMessage(), e);
    }
    return new FreshStores(server, null);
  }

  boolean postgres() {
    return serverUrl != null;
  }

  String describe() {
    return postgres() ? "PostgreSQL" : "H2";
  }

  /** The JDBC URL of a new, empty store. */
  synchronized String create() throws SQLException {
    int n = ++made;
    if (!postgres()) {
      String url = "jdbc:h2:file:" + dir.resolve("run" + n).resolve("truce");
      live.put(url, null);
      return url;
    }
    String name = PG_PREFIX + ProcessHandle.current().pid() + "_" + n;
    admin("create database " + name);
    Matcher m = PG_URL.matcher(serverUrl);
    if (!m.matches()) {
      throw new IllegalStateException(serverUrl);
    }
    String url = m.group(1) + "/" + name + (m.group(3) == null ? "" : m.group(3));
    live.put(url, name);
    return url;
  }

  /** Removes a store made by {@link #create()} (its connections must be closed). */
  synchronized void drop(String url) throws SQLException {
    if (!live.containsKey(url)) {
      throw new IllegalArgumentException("not a store of this benchmark: " + url);
    }
    String name = live.remove(url);
    if (name == null) {
      deleteTree(Path.of(url.substring("jdbc:h2:file:".length())).getParent());
    } else {
      if (!name.startsWith(PG_PREFIX)) {
        throw new IllegalStateException("refusing to drop " + name);
      }
      admin("drop database if exists " + name + " with (force)");
    }
  }

  /**
   * Brings the machine to the same state before every run: collects garbage and, on PostgreSQL, writes out
   * the previous run's dirty pages now (CHECKPOINT: superuser or pg_checkpoint) rather than during the next run.
   */
  void settle() {
    System.gc();
    if (postgres() && !checkpointRefused) {
      try {
        admin("checkpoint");
      } catch (SQLException e) {
        checkpointRefused = true;
        System.out.println("note: no CHECKPOINT between runs (" + e.getMessage().strip() + ")");
      }
    }
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(serverUrl); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException shuttingDown) {
      // called from the hook itself
    }
    SQLException first = null;
    for (String url : new ArrayList<>(live.keySet())) {
      try {
        drop(url);
      } catch (SQLException e) {
        first = first == null ? e : first;
      }
    }
    if (dir != null) {
      deleteTree(dir);
    }
    if (first != null) {
      throw first;
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (SQLException | RuntimeException e) {
      System.err.println("could not remove every benchmark store: " + e.getMessage());
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
