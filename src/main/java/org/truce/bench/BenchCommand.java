package org.truce.bench;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.truce.App;
import org.truce.config.DedupSettings;
import org.truce.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** End-to-end benchmarks whose figures go into BENCHMARKS.md. */
@Command(name = "bench", description = "Benchmarks (see BENCHMARKS.md).",
    subcommands = {BenchCommand.Dedup.class, ImportBench.class, ApiBench.class, QueryBench.class, BulletinBench.class, ExportBench.class})
public final class BenchCommand {

  @Command(name = "dedup", description = "Pairwise precision/recall/F1 of deduplication against the scenario's ground truth.")
  static final class Dedup implements Callable<Integer> {
    @Option(names = "--days", defaultValue = "30")
    int days;

    @Option(names = "--seed", defaultValue = "7")
    long seed;

    @Option(names = "--noise", defaultValue = "1,2", split = ",", description = "noise factors to run (default 1,2)")
    List<Double> noise;

    @Option(names = "--scale", defaultValue = "1.0")
    double scale;

    @Option(names = "--time-minutes", description = "override the time tolerance")
    Double timeMinutes;

    @Option(names = "--distance-km", description = "override the distance tolerance")
    Double distanceKm;

    @Override
    public Integer call() {
      Settings s = Settings.fromEnvironment(System.getenv())
          .withDbUrl("jdbc:h2:mem:bench-dedup;DB_CLOSE_DELAY=-1");
      DedupSettings d = s.dedup();
      d = new DedupSettings(timeMinutes != null ? timeMinutes : d.timeToleranceMinutes(),
          distanceKm != null ? distanceKm : d.distanceKm(), d.reviewMargin(), d.ambiguityMargin());
      try (App app = App.open(s, Clock.systemUTC())) {
        System.out.printf("dedup settings: time tolerance %.0f min, distance %.2f km%n", d.timeToleranceMinutes(), d.distanceKm());
        System.out.println("| noise | mode | reports | true incidents | incidents | review links | precision | recall | F1 | time (s) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (double n : noise) {
          for (DedupBench.Result r : DedupBench.run(LocalDate.of(2026, 10, 1), days, seed, n, scale, d, app.parties, app.zones, app.gazetteer)) {
            System.out.printf("| %.1f | %s | %d | %d | %d | %s | %.4f | %.4f | %.4f | %.2f |%n", n, r.mode(), r.reports(),
                r.trueIncidents(), r.incidents(), r.review() < 0 ? "-" : Integer.toString(r.review()),
                r.scores().precision(), r.scores().recall(), r.scores().f1(), r.seconds());
          }
        }
      }
      return 0;
    }
  }

  static Settings settings(String db) {
    return Settings.fromEnvironment(Map.of()).withDbUrl(db);
  }
}
