package org.truce.exports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.truce.incidents.Estimate;
import org.truce.incidents.Incident;
import org.truce.parties.Parties;
import org.truce.parties.Party;
import org.truce.places.Gazetteer;
import org.truce.places.Place;
import org.truce.reports.SourceType;

/**
 * Works out what every export format says of an incident beyond its own fields: the nearest place and its
 * governorate, the local dates, the kinds of source, the ACLED event type and the notes. The notes carry the text
 * of the incident's first report only when the caller may read reports of that report's party.
 */
final class Describer {

  /** What the exports say of one incident. */
  record Facts(Incident incident, Place place, String admin1, LocalDate firstDate, LocalDate lastDate,
               List<SourceType> sources, AcledCodes.EventType eventType, Party perpetrator, String perpetratorName,
               String notes) {

    /** The kinds of source in words, as in "Party complaint; Monitor observation". */
    String sourceNames() {
      return String.join("; ", sources.stream().map(Describer::sourceName).toList());
    }
  }

  private static final SourceType[] SOURCE_TYPES = SourceType.values();
  private static final List<String> SOURCE_CODES = SourceType.codes();

  private final Parties parties;
  private final Gazetteer gazetteer;
  private final Country country;
  private final Predicate<String> mayReadReportsOf;

  /** mayReadReportsOf: whether the caller may read the reports of a source party (docs/permissions.md). */
  Describer(Parties parties, Gazetteer gazetteer, Country country, Predicate<String> mayReadReportsOf) {
    this.parties = parties;
    this.gazetteer = gazetteer;
    this.country = country;
    this.mayReadReportsOf = mayReadReportsOf;
  }

  Country country() {
    return country;
  }

  Facts describe(ExportRow row) {
    Incident i = row.incident();
    Place place = gazetteer.nearest(i.location().lat(), i.location().lon());
    String admin1 = place == null ? null : gazetteer.admin1Name(place);
    LocalDate first = i.start().atZoneSameInstant(country.timeZone()).toLocalDate();
    LocalDate last = i.end().atZoneSameInstant(country.timeZone()).toLocalDate();
    List<SourceType> sources = new ArrayList<>(row.sourceTypes().size());
    for (int k = 0; k < SOURCE_TYPES.length; k++) {
      if (row.sourceTypes().contains(SOURCE_CODES.get(k))) {
        sources.add(SOURCE_TYPES[k]);
      }
    }
    Party perpetrator = parties.get(i.allegedPerpetrator());
    String perpetratorName = perpetrator == null ? i.allegedPerpetrator() : perpetrator.name();
    AcledCodes.EventType type = AcledCodes.eventType(i.type());
    StringBuilder notes = new StringBuilder();
    notes.append("On ").append(first);
    if (!last.equals(first)) {
      notes.append(" to ").append(last);
    }
    notes.append(", ").append(words(i.type()));
    if (place != null) {
      notes.append(" near ").append(place.name());
      if (admin1 != null) {
        notes.append(" (").append(admin1).append(')');
      }
    }
    notes.append("; alleged perpetrator: ").append(perpetratorName).append(". Finding: ").append(words(i.finding()))
        .append(". ").append(i.reportCount()).append(i.reportCount() == 1 ? " report" : " reports");
    if (!sources.isEmpty()) {
      notes.append(" (").append(String.join(", ", sources.stream().map(s -> words(s.code())).toList())).append(')');
    }
    notes.append(". Casualties, best estimates: ").append(casualties(i)).append('.');
    String text = row.founderDescription();
    if (text != null && !text.isBlank() && row.founderParty() != null && mayReadReportsOf.test(row.founderParty())) {
      notes.append(" First report: ").append(text);
    }
    return new Facts(i, place, admin1, first, last, sources, type, perpetrator, perpetratorName, notes.toString());
  }

  private static String casualties(Incident i) {
    List<String> parts = new ArrayList<>();
    add(parts, i.casualties().get("civiliansKilled"), "civilian", "killed");
    add(parts, i.casualties().get("civiliansInjured"), "civilian", "injured");
    add(parts, i.casualties().get("combatantsKilled"), "combatant", "killed");
    add(parts, i.casualties().get("combatantsInjured"), "combatant", "injured");
    return parts.isEmpty() ? "none reported" : String.join(", ", parts);
  }

  private static void add(List<String> parts, Estimate e, String who, String what) {
    if (e != null && e.best() != null && e.best() > 0) {
      parts.add(e.best() + " " + who + (e.best() == 1 ? "" : "s") + " " + what);
    }
  }

  /** A code in words: "small_arms_fire" is "small arms fire". */
  static String words(String code) {
    return code.replace('_', ' ');
  }

  /** A kind of source as a column value: "Party complaint". */
  static String sourceName(SourceType s) {
    String w = words(s.code());
    return w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
  }
}
