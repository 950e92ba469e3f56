package org.truce.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the audit log costs, measured fairly: the same work with the log and without it, alternated in balanced
 * rounds (A B B A, then B A A B, ...) after warm-up runs that are not counted, each run into a fresh, empty
 * store; each arm's median rate and the cost {@code 1 - with / without}.
 */
final class AuditCost {

  /** The log's target: it may make storing reports at most this much slower. */
  static final double TARGET = 0.15;

  enum Arm {
    WITH("with the log"),
    WITHOUT("without the log");

    final String label;

    Arm(String label) {
      this.label = label;
    }
  }

  /** One run's work: reports stored in seconds, and anything else worth printing beside it. */
  record Measurement(long reports, double seconds, String detail) {
    double rate() {
      return reports / seconds;
    }
  }

  /** Runs one arm into the empty store at url. */
  @FunctionalInterface
  interface Runner {
    Measurement run(Arm arm, String url) throws Exception;
  }

  /** The medians, the cost and its spread over the rounds. */
  record Result(double withMedian, double withoutMedian, double cost, double[] roundCosts) {
    boolean met() {
      return cost < TARGET;
    }
  }

  private AuditCost() {}

  /** Refuses a schedule that measures nothing, before any long preparation. */
  static void checkOptions(int rounds, int warmups) {
    if (rounds < 1 || warmups < 0) {
      throw new IllegalArgumentException("--rounds must be at least 1 and --warmup-runs at least 0");
    }
  }

  /** The measured order: A B B A in odd rounds, B A A B in even ones, so each arm holds each position equally. */
  static List<Arm> order(int rounds) {
    List<Arm> out = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      Arm a = r % 2 == 0 ? Arm.WITH : Arm.WITHOUT;
      Arm b = a == Arm.WITH ? Arm.WITHOUT : Arm.WITH;
      out.addAll(List.of(a, b, b, a));
    }
    return out;
  }

  /**
   * Runs warmups uncounted runs (with the log first, then alternating), then the rounds, printing each run as it
   * ends and the summary after the last; what names the benchmark (e.g. "bulk import, 1,000,000 reports").
   */
  static Result measure(String what, FreshStores stores, int warmups, int rounds, Runner runner, PrintStream out)
      throws Exception {
    checkOptions(rounds, warmups);
    List<Arm> order = order(rounds);
    out.printf("audit cost, %s, %s: %d warm-up run(s) not counted, then %d round(s) (%s), each run into a new empty store%n",
        what, stores.describe(), warmups, rounds, pattern(order));
    out.println("| run | round | arm | reports | seconds | reports/s | |");
    out.println("|---|---|---|---|---|---|---|");
    for (int i = 0; i < warmups; i++) {
      Measurement m = once(stores, i % 2 == 0 ? Arm.WITH : Arm.WITHOUT, runner);
      row(out, "warm-up", "-", i % 2 == 0 ? Arm.WITH : Arm.WITHOUT, m);
    }
    double[] with = new double[2 * rounds];
    double[] without = new double[2 * rounds];
    int w = 0;
    int wo = 0;
    for (int i = 0; i < order.size(); i++) {
      Arm arm = order.get(i);
      Measurement m = once(stores, arm, runner);
      if (m.reports() <= 0 || m.seconds() <= 0) {
        throw new IllegalStateException("run " + (i + 1) + " (" + arm.label + ") stored no reports: " + m);
      }
      row(out, Integer.toString(i + 1), Integer.toString(i / 4 + 1), arm, m);
      if (arm == Arm.WITH) {
        with[w++] = m.rate();
      } else {
        without[wo++] = m.rate();
      }
    }
    double[] roundCosts = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      // each round holds two runs of each arm
      roundCosts[r] = 1 - (with[2 * r] + with[2 * r + 1]) / (without[2 * r] + without[2 * r + 1]);
    }
    Result res = new Result(median(with), median(without), 1 - median(with) / median(without), roundCosts);
    out.println();
    out.println("| arm | runs | median reports/s | min | max |");
    out.println("|---|---|---|---|---|");
    summary(out, Arm.WITH, with);
    summary(out, Arm.WITHOUT, without);
    out.println();
    out.printf("the log costs %.1f %% (1 - median with / median without); per round: %s; target < %.0f %%: %s%n",
        res.cost() * 100, percents(roundCosts), TARGET * 100, res.met() ? "met" : "NOT met");
    // the row for BENCHMARKS.md
    out.printf("| %s | %s | %d + %d | %,.0f | %,.0f | %.1f %% | %s | < %.0f %% — %s |%n", stores.describe(), what, with.length,
        without.length, res.withMedian(), res.withoutMedian(), res.cost() * 100, percents(roundCosts), TARGET * 100,
        res.met() ? "met" : "not met");
    return res;
  }

  private static Measurement once(FreshStores stores, Arm arm, Runner runner) throws Exception {
    String url = stores.create();
    try {
      stores.settle();
      return runner.run(arm, url);
    } finally {
      stores.drop(url);
    }
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static String pattern(List<Arm> order) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < order.size(); i++) {
      if (i > 0 && i % 4 == 0) {
        b.append(' ');
      }
      b.append(order.get(i) == Arm.WITH ? 'A' : 'B');
    }
    return b + ", A = with the log, B = without";
  }

  private static void row(PrintStream out, String run, String round, Arm arm, Measurement m) {
    out.printf("| %s | %s | %s | %,d | %.1f | %,.0f | %s |%n", run, round, arm.label, m.reports(), m.seconds(), m.rate(),
        m.detail());
    out.flush();
  }

  private static void summary(PrintStream out, Arm arm, double[] rates) {
    out.printf("| %s | %d | %,.0f | %,.0f | %,.0f |%n", arm.label, rates.length, median(rates),
        Arrays.stream(rates).min().orElse(0), Arrays.stream(rates).max().orElse(0));
  }

  private static String percents(double[] costs) {
    StringBuilder b = new StringBuilder();
    for (double c : costs) {
      b.append(b.length() == 0 ? "" : ", ").append(String.format("%.1f %%", c * 100));
    }
    return b.toString();
  }
}
