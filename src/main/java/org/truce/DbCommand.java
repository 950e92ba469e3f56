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
      long[] sizes = Database.compactH2(s.dbUrl(), s.dbUser(), s.dbPassword());
      System.out.printf("compacted: %,d MB -> %,d MB in %.1f s%n", sizes[0] >> 20, sizes[1] >> 20, (System.nanoTime() - t0) / 1e9);
      return 0;
    }
  }
}
