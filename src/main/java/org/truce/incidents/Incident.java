package org.truce.incidents;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An incident as the API shows it. */
public record Incident(
    UUID id,
    OffsetDateTime start,
    OffsetDateTime end,
    String timePrecision,
    Location location,
    String zone,
    String type,
    String allegedPerpetrator,
    List<String> allegedPerpetrators,
    Map<String, Estimate> casualties,
    int reportCount,
    boolean needsReview,
    List<UUID> reviewCandidates,
    String finding,
    UUID mergedInto,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  /** Best location with its precision in km and ACLED's geo_precision code. */
  public record Location(double lat, double lon, double precisionKm, int geoPrecision) {}
}
