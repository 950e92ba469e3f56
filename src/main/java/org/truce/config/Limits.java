package org.truce.config;

/** Documented input limits (docs/api.md): anything larger is refused with 413 or 422. */
public record Limits(
    int maxReportBytes,
    int maxBatchBytes,
    int maxBatchItems,
    int maxDescriptionChars,
    int maxShortTextChars,
    int maxWeapons,
    int maxCasualties,
    int maxNestingDepth) {

  public static Limits defaults() {
    return new Limits(64 * 1024, 32 * 1024 * 1024, 10_000, 20_000, 200, 20, 10_000, 16);
  }
}
