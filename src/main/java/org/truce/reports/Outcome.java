package org.truce.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** What became of one submitted report: created (201), already there with the same content (200), or a conflict (409). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Outcome(
    @JsonIgnore int status,
    UUID id,
    UUID incidentId,
    String zone,
    String nearestZone,
    Double nearestZoneDistanceKm,
    String link,
    JsonNode candidates) {

  public static Outcome conflict(UUID id) {
    return new Outcome(409, id, null, null, null, null, null, null);
  }
}
