package org.truce.zones;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import org.locationtech.jts.geom.Geometry;

/** A named geometry (de-escalation zone, buffer zone, contact line, post, region) with a validity period. */
public record Zone(
    String id,
    String name,
    String kind,
    boolean approximate,
    LocalDate validFrom,
    LocalDate validUntil,
    Geometry geometry,
    ObjectNode properties) {

  /** The region every report must lie in. */
  public static final String AREA_OF_OPERATION = "area-of-operation";

  public boolean isAreaOfOperation() {
    return AREA_OF_OPERATION.equals(id);
  }
}
