package org.truce.incidents;

import java.util.UUID;
import org.truce.reports.TimePrecision;
import org.truce.reports.ViolationType;

/** What deduplication needs to know of one report: its time, place, type, blame, source and counts. */
public record Member(
    UUID reportId,
    String sourceParty,
    String sourceType,
    long startMillis,
    long endMillis,
    TimePrecision precision,
    double lat,
    double lon,
    double precisionKm,
    String zoneId,
    ViolationType type,
    String perpetrator,
    Integer civiliansKilled,
    Integer civiliansInjured,
    Integer combatantsKilled,
    Integer combatantsInjured,
    String description) {

  /** Who told it: one source seldom reports one event twice. */
  public String source() {
    return sourceParty + "/" + sourceType;
  }

  /** Descriptions feed the incident's search text only; the cache keeps no more of them than that needs. */
  public static String clip(String description) {
    if (description == null || description.length() <= 1000) {
      return description;
    }
    return description.substring(0, Character.isHighSurrogate(description.charAt(999)) ? 999 : 1000);
  }

  /**
   * Total order used by rebuild, so that any arrival order gives the same sequence: precisely timed reports
   * first (they found incidents that coarser ones then join), then by time, then by id.
   */
  public static int canonicalOrder(Member a, Member b) {
    int c = Integer.compare(a.precision.ordinal(), b.precision.ordinal());
    if (c != 0) {
      return c;
    }
    c = Long.compare(a.startMillis, b.startMillis);
    return c != 0 ? c : a.reportId.compareTo(b.reportId);
  }
}
