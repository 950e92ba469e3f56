package org.truce.incidents;

import java.util.UUID;
import org.truce.reports.TimePrecision;
import org.truce.reports.ViolationType;

/** What deduplication needs to know of one report: its time, place, type, blame, source and counts. */
public record Member(
    UUID reportId,
    String sourceParty,
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

  /** Descriptions feed the incident's search text only; the cache keeps no more of them than that needs. */
  public static String clip(String description) {
    if (description == null || description.length() <= 1000) {
      return description;
    }
    return description.substring(0, Character.isHighSurrogate(description.charAt(999)) ? 999 : 1000);
  }

  /** Total order used by rebuild: time first, then id, so any arrival order gives the same sequence. */
  public static int canonicalOrder(Member a, Member b) {
    int c = Long.compare(a.startMillis, b.startMillis);
    return c != 0 ? c : a.reportId.compareTo(b.reportId);
  }
}
