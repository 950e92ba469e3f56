package org.truce.incidents;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.truce.http.FieldError;
import org.truce.parties.Parties;
import org.truce.reports.ViolationType;
import org.truce.zones.Zone;
import org.truce.zones.ZoneIndex;

/**
 * Reads the incident filters (from, to, zone, type, perpetrator, finding, q) from query parameters, for every
 * reader of incidents: the list, the exports and {@code truce export}. Each bad parameter becomes a
 * {@link FieldError} naming it and what is allowed, so one answer lists them all.
 */
public final class IncidentFilters {

  /** The names of the filters, in the order the documentation gives them. */
  public static final List<String> NAMES = List.of("from", "to", "zone", "type", "perpetrator", "finding", "q");

  private final ZoneIndex zones;
  private final Parties parties;

  public IncidentFilters(ZoneIndex zones, Parties parties) {
    this.zones = zones;
    this.parties = parties;
  }

  /**
   * The filter that params ask for; params other than the filters and {@code alsoAllowed} (the caller's own,
   * such as limit and cursor) are refused.
   */
  public IncidentFilter read(Map<String, List<String>> params, Set<String> alsoAllowed, List<FieldError> errors) {
    Set<String> allowed = new TreeSet<>(NAMES);
    allowed.addAll(alsoAllowed);
    unknown(params.keySet(), allowed, errors);
    OffsetDateTime from = time(first(params, "from"), "from", false, errors);
    OffsetDateTime to = time(first(params, "to"), "to", true, errors);
    if (from != null && to != null && !to.isAfter(from)) {
      errors.add(new FieldError("to", "must be after from"));
    }
    List<String> zoneIds = zones.zones().stream().filter(z -> !z.isAreaOfOperation()).map(Zone::id).toList();
    List<String> zoneValues = values(params, "zone", zoneIds, errors);
    List<String> types = values(params, "type", ViolationType.codes(), errors);
    List<String> perps = values(params, "perpetrator", parties.codes(), errors);
    List<String> findings = values(params, "finding", IncidentRoutes.FINDINGS, errors);
    String q = first(params, "q");
    if (q != null && q.length() > 200) {
      errors.add(new FieldError("q", "at most 200 characters"));
    }
    return new IncidentFilter(from, to, zoneValues, types, perps, findings, q);
  }

  /** Refuses every parameter name not allowed (an empty name is a stray '&amp;', harmless). */
  public static void unknown(Collection<String> names, Set<String> allowed, List<FieldError> errors) {
    for (String p : names) {
      if (!p.isEmpty() && !allowed.contains(p)) {
        errors.add(new FieldError(p, "unknown query parameter; allowed: " + String.join(", ", new TreeSet<>(allowed))));
      }
    }
  }

  /** The first value of a parameter, or null. */
  public static String first(Map<String, List<String>> params, String name) {
    List<String> v = params.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Every value of a repeated or comma-separated parameter; each must be one of allowed. */
  public static List<String> values(Map<String, List<String>> params, String name, List<String> allowed, List<FieldError> errors) {
    List<String> out = new ArrayList<>();
    for (String raw : params.getOrDefault(name, List.of())) {
      for (String v : raw.split(",")) {
        String t = v.trim();
        if (t.isEmpty()) {
          continue;
        }
        if (!allowed.contains(t)) {
          errors.add(new FieldError(name, "unknown value '" + t + "'; allowed: " + String.join(", ", allowed)));
        } else {
          out.add(t);
        }
      }
    }
    return out;
  }

  /** An ISO 8601 instant with offset, or a date (from: its start; to: the end of that day, in UTC). */
  public static OffsetDateTime time(String s, String field, boolean endOfDay, List<FieldError> errors) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      if (s.length() == 10) {
        LocalDate d = LocalDate.parse(s);
        return (endOfDay ? d.plusDays(1) : d).atStartOfDay().atOffset(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) { // a parse error, or a time beyond what UTC can hold
      errors.add(new FieldError(field, "must be a date (2026-11-20) or an ISO 8601 instant with offset (2026-11-20T14:30:00Z)"));
      return null;
    }
  }
}
