package org.truce.incidents;

import java.util.List;

/**
 * How a report was linked: to a new incident, to an existing one, or to the best of several candidates
 * and flagged for a reviewer.
 */
public record LinkDecision(IncidentState incident, String link, List<Candidate> candidates) {

  public static final String NEW = "new";
  public static final String EXISTING = "existing";
  public static final String REVIEW = "review";

  /** An incident the report might describe, with its score (lower is closer). */
  public record Candidate(java.util.UUID incidentId, double score) {}
}
