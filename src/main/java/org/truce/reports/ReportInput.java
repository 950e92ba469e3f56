package org.truce.reports;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One source's account of a possible violation, validated and with its place resolved.
 * Casualty counts are null when the source did not give them (not the same as zero).
 */
public record ReportInput(
    UUID id,
    boolean clientChosenId,
    SourceType sourceType,
    String sourceParty,
    String sourceReference,
    OffsetDateTime occurredAt,
    OffsetDateTime occurredUntil,
    TimePrecision timePrecision,
    double lat,
    double lon,
    double precisionKm,
    String placeName,
    String resolvedPlace,
    ViolationType type,
    String allegedPerpetrator,
    List<String> weapons,
    Integer civiliansKilled,
    Integer civiliansInjured,
    Integer combatantsKilled,
    Integer combatantsInjured,
    String description,
    String language,
    String contentHash) {

  /** The end of the reported window (the instant itself when no window was given). */
  public OffsetDateTime until() {
    return occurredUntil != null ? occurredUntil : occurredAt;
  }
}
