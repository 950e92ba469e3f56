package org.truce;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.truce.incidents.Rebuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Incident maintenance. */
@Command(name = "incidents", description = "Incident maintenance.", subcommands = IncidentsCommand.RebuildCommand.class)
final class IncidentsCommand {

  @Command(name = "rebuild", description = "Re-cluster every report deterministically (docs/deduplication.md).")
  static final class RebuildCommand implements Callable<Integer> {
    @Mixin
    Truce.DbOptionsMixin db;

    @Override
    public Integer call() {
      try (App app = db.open()) {
        long t0 = System.nanoTime();
        Rebuild.Summary s = new Rebuild(app.db.jdbi(), app.incidents, app.matcher, app.audit, app.verification, Clock.systemUTC()).run();
        System.out.printf("rebuilt: %d reports in %d incidents; %d reports changed incident, %d incidents retired; %.1f s%n",
            s.reports(), s.incidents(), s.relinked(), s.retired(), (System.nanoTime() - t0) / 1e9);
      }
      return 0;
    }
  }
}
