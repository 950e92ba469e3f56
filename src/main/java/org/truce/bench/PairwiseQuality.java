package org.truce.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * Pairwise precision, recall and F1 of a clustering against ground truth: a pair of reports counts as linked
 * when both are in the same incident. Computed from the contingency table, so in time linear in the reports.
 */
public final class PairwiseQuality {

  private final Map<String, Long> predicted = new HashMap<>();
  private final Map<String, Long> truth = new HashMap<>();
  private final Map<String, Long> both = new HashMap<>();

  /** Records one report's predicted and true incident. */
  public void add(String predictedIncident, String trueIncident) {
    predicted.merge(predictedIncident, 1L, Long::sum);
    truth.merge(trueIncident, 1L, Long::sum);
    both.merge(predictedIncident + "|" + trueIncident, 1L, Long::sum);
  }

  private static long pairs(Map<String, Long> m) {
    long s = 0;
    for (long n : m.values()) {
      s += n * (n - 1) / 2;
    }
    return s;
  }

  /** The scores, and the pair counts they come from. */
  public record Scores(double precision, double recall, double f1, long truePairs, long predictedPairs, long correctPairs) {}

  public Scores scores() {
    long tp = pairs(both);
    long pp = pairs(predicted);
    long tt = pairs(truth);
    double p = pp == 0 ? 1 : (double) tp / pp;
    double r = tt == 0 ? 1 : (double) tp / tt;
    double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
    return new Scores(p, r, f, tt, pp, tp);
  }
}
