package org.truce.web;

import java.util.List;
import java.util.Map;
import org.truce.incidents.IncidentDetail;
import org.truce.verification.Assessment;

/**
 * An incident's page: the incident as the reader may see it, the guarantors, whether the reader may assess it (and
 * its guarantor's current assessment) or reply to it, what was just done, and a refused form's errors and values.
 */
public record IncidentPage(IncidentDetail detail, List<String> guarantors, boolean mayAssess, boolean mayRespond,
                           Assessment ownAssessment, List<String> assessments, String doneKey, List<String> errors,
                           Map<String, String> typed, boolean fromReview) {

  /** What the form shows in field: what was typed before a refusal, else nothing. */
  public String typed(String field) {
    return typed.getOrDefault(field, "");
  }

  /** The option to preselect: what was typed, else the guarantor's current assessment. */
  public String selected() {
    if (typed.containsKey("assessment")) {
      return typed.get("assessment");
    }
    return ownAssessment == null ? null : ownAssessment.assessment();
  }

  /** A report as the page prints it. */
  public record ReportView(String id, String sourceType, String sourceParty, String reference, java.time.OffsetDateTime occurredAt,
                           java.time.OffsetDateTime occurredUntil, String placeName, String resolvedPlace, double lat,
                           double lon, double precisionKm, String type, String perpetrator, List<String> weapons,
                           Map<String, Integer> casualties, String description, String language,
                           java.time.OffsetDateTime receivedAt) {}

  /** The reports the reader may read, oldest first. */
  public List<ReportView> reports() {
    return detail.reports().stream().map(r -> new ReportView(r.id().toString(), (String) r.source().get("type"),
        (String) r.source().get("party"), (String) r.source().get("reference"), r.occurredAt(), r.occurredUntil(),
        (String) r.location().get("placeName"), (String) r.location().get("resolvedPlace"),
        ((Number) r.location().get("lat")).doubleValue(), ((Number) r.location().get("lon")).doubleValue(),
        ((Number) r.location().get("precisionKm")).doubleValue(), r.type(), r.allegedPerpetrator(), r.weapons(),
        r.casualties(), r.description(), r.language(), r.receivedAt())).toList();
  }

  /** How many of the incident's reports the reader may not read. */
  public int hiddenReports() {
    return Math.max(0, detail.incident().reportCount() - detail.reports().size());
  }

  /** The current assessment of a guarantor, or null. */
  public Assessment currentOf(String guarantor) {
    return detail.assessments().stream().filter(a -> a.current() && a.guarantor().equals(guarantor)).findFirst().orElse(null);
  }
}
