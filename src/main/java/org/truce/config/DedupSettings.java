package org.truce.config;

import java.util.Map;

/**
 * Tolerances of the deduplication rule (see docs/deduplication.md).
 *
 * @param timeToleranceMinutes how far apart two time windows may be and still meet, before widening by precision
 * @param distanceKm how far apart two places may be, before widening by each location's precision
 * @param reviewMargin a match whose normalised distance exceeds this share of the limit is flagged for review
 * @param ambiguityMargin a second candidate scoring within this of the best makes the link a review case
 */
public record DedupSettings(double timeToleranceMinutes, double distanceKm, double reviewMargin, double ambiguityMargin) {

  public static DedupSettings defaults() {
    return new DedupSettings(30, 1.0, 0.85, 0.1);
  }

  static DedupSettings fromEnvironment(Map<String, String> env) {
    DedupSettings d = defaults();
    return new DedupSettings(
        Settings.doubleValue(env, "TRUCE_DEDUP_TIME_MINUTES", d.timeToleranceMinutes),
        Settings.doubleValue(env, "TRUCE_DEDUP_DISTANCE_KM", d.distanceKm),
        Settings.doubleValue(env, "TRUCE_DEDUP_REVIEW_MARGIN", d.reviewMargin),
        Settings.doubleValue(env, "TRUCE_DEDUP_AMBIGUITY_MARGIN", d.ambiguityMargin));
  }
}
