package org.truce.bulletins;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a bulletin says: the period's figures, computed from the incidents, in the order a reader meets them. It is
 * the JSON form; the HTML and PDF forms render exactly this. Signing covers its canonical JSON (RFC 8785).
 *
 * @param audience {@code public} (no report sources, nothing internal) or {@code internal}
 * @param notable verified incidents of the period with casualties, most casualties first
 * @param workingGroup the working group's releases and handovers in the period; null until that record exists
 * @param incidents the annex: every incident of the period, oldest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Bulletin(
    String title,
    String audience,
    Period period,
    Totals totals,
    Totals previousPeriod,
    Change change,
    Totals cumulative,
    Map<String, Integer> byFinding,
    List<ZoneTypePerpetrator> byZoneTypePerpetrator,
    List<PartyReported> reportedVersusConfirmed,
    List<TrendDay> trend,
    List<Line> notable,
    WorkingGroup workingGroup,
    List<Line> incidents,
    String methodology,
    Draft draft) {

  /** The period covered: [from, to), read and shown in the mechanism's time zone. */
  public record Period(OffsetDateTime from, OffsetDateTime to, String timeZone, String zone, String zoneName) {}

  /** Counts over a period (or since the ceasefire began, from {@code from}). */
  public record Totals(OffsetDateTime from, OffsetDateTime to, long incidents, long reports, long verified, Casualties casualties) {}

  /** Casualties summed over incidents: each incident's best estimate, and its low-high range. */
  public record Casualties(Sum civiliansKilled, Sum civiliansInjured, Sum combatantsKilled, Sum combatantsInjured) {}

  /** A sum of estimates; {@code incidents} is how many incidents gave a figure at all. */
  public record Sum(long best, long low, long high, long incidents) {}

  /** This period against the previous one of the same length: differences (positive = more now). */
  public record Change(long incidents, long reports, long verified, long civiliansKilled, long civiliansInjured,
      long combatantsKilled, long combatantsInjured) {}

  public record ZoneTypePerpetrator(String zone, String type, String perpetrator, long incidents) {}

  /**
   * What one party's reports alleged in the period against what the mechanism confirmed: the incidents its
   * reports support, and how many of those are verified.
   */
  public record PartyReported(String party, String name, long reports, long incidents, long verified) {}

  public record TrendDay(LocalDate date, long incidents, long verified) {}

  /**
   * One incident as the bulletin lists it. {@code sources} (the parties and source types of its reports) is
   * internal: the public bulletin leaves it out.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Line(UUID id, OffsetDateTime start, String zone, String type, String perpetrator, String finding,
      double lat, double lon, Integer civiliansKilled, Integer civiliansInjured, Integer combatantsKilled,
      Integer combatantsInjured, int reports, List<String> sources) {

    int casualties() {
      return n(civiliansKilled) + n(civiliansInjured) + n(combatantsKilled) + n(combatantsInjured);
    }

    private static int n(Integer i) {
      return i == null ? 0 : i;
    }
  }

  /** The working group's results in the period (releases, handovers). */
  public record WorkingGroup(long released, long bodiesHandedOver, long missingTraced) {}

  /**
   * What makes a computed bulletin a document: its number, who drafted it, which bulletin it corrects, and the
   * coordinator's notes (internal notes only in the internal version).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Draft(UUID id, long number, OffsetDateTime draftedAt, UUID corrects, String note,
      String internalNote) {}
}
