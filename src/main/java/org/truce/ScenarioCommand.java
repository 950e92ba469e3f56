package org.truce;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.truce.scenario.ScenarioGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a synthetic scenario with ground truth. */
@Command(name = "scenario", description = "Write realistic synthetic reports (NDJSON) and their true incidents (CSV).")
final class ScenarioCommand implements Callable<Integer> {

  @Option(names = "--days", defaultValue = "30", description = "length of the period (default 30)")
  int days;

  @Option(names = "--seed", defaultValue = "7", description = "random seed (default 7)")
  long seed;

  @Option(names = "--start", description = "first day (default: DAYS days before today, UTC)")
  LocalDate start;

  @Option(names = "--noise", defaultValue = "1.0", description = "noise factor: 1 default, 2 double noise")
  double noise;

  @Option(names = "--scale", defaultValue = "1.0", description = "density factor (1: about 30,000 reports in 30 days)")
  double scale;

  @Option(names = "--out", required = true, description = "the reports file; the truth goes to OUT.truth.csv")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (days < 1 || days > 3660) {
      throw new IllegalArgumentException("--days must be from 1 to 3660");
    }
    LocalDate first = start != null ? start : LocalDate.now(ZoneOffset.UTC).minusDays(days);
    Path truth = truthFile(out);
    ScenarioGenerator.Stats s;
    try (BufferedWriter r = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
         BufferedWriter t = Files.newBufferedWriter(truth, StandardCharsets.UTF_8)) {
      s = new ScenarioGenerator(new ScenarioGenerator.Options(first, days, seed, noise, scale)).write(r, t);
    }
    System.out.printf("wrote %d reports of %d incidents (%s to %s) to %s; ground truth in %s%n",
        s.reports(), s.incidents(), first, first.plusDays(days - 1), out, truth);
    return 0;
  }

  static Path truthFile(Path reports) {
    return Path.of(reports + ".truth.csv");
  }
}
