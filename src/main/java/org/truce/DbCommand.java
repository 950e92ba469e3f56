package org.truce;

import java.util.concurrent.Callable;
import org.truce.config.Settings;
import org.truce.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Database maintenance. */
@Command(name = "db", description = "Database maintenance.", subcommands = DbCommand.CompactCommand.class)
final class DbCommand {

  @Command(name = "compact", description = "Rewrite the H2 file to its live data (stop the server first). "
      + "H2 appends every commit and its file grows under heavy writing; PostgreSQL needs no such step.")
  static final class CompactCommand implements Callable<Integer> {
    @Mixin
    Truce.DbOptionsMixin db;

    @Override
    public Integer call() throws Exception {
      Settings s = db.settings();
      long t0 = System.nanoTime();
      if (s.dbUrl() != null && s.dbUrl().startsWith("jdbc:h2:file:")
          && java.nio.file.Files.exists(java.nio.file.Path.of(h2File(s.dbUrl())))) {
        // the marks an import left for the bulletin rollup are recomputed first, so compacting does not keep them
        try (App app = App.open(s, java.time.Clock.systemUTC())) {
          app.bulletins.recomputeMarkedHours();
        }
      }
      long[] sizes = Database.compactH2(s.dbUrl(), s.dbUser(), s.dbPassword());
      System.out.printf("compacted: %,d MB -> %,d MB in %.1f s%n", sizes[0] >> 20, sizes[1] >> 20, (System.nanoTime() - t0) / 1e9);
      return 0;
    }

    private static String h2File(String url) {
      String path = url.substring("jdbc:h2:file:".length());
      int semicolon = path.indexOf(';');
      return (semicolon < 0 ? path : path.substring(0, semicolon)) + ".mv.db";
    }
  }
}
