package org.truce.incidents;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * An incident as a GeoJSON Feature (RFC 7946): a Point at [lon, lat], rounded to 6 decimals (about 10 cm), with
 * properties; serialised by Jackson, as a tree for the incident list and straight to the stream for the exports.
 */
public record IncidentFeature(String type, String id, Point geometry, Object properties) {

  /** A GeoJSON Point. */
  public record Point(String type, List<Double> coordinates) {}

  /** The incident's fields as properties: all but its location, which is the geometry, and the location's precision. */
  public record Properties(@JsonUnwrapped @JsonIgnoreProperties("location") Incident incident, double precisionKm,
                           int geoPrecision) {}

  /** The incident with its own fields as properties. */
  public static IncidentFeature of(Incident i) {
    return of(i, properties(i));
  }

  /** The incident with other properties (which usually unwrap {@link #properties(Incident)} and add to them). */
  public static IncidentFeature of(Incident i, Object properties) {
    Point p = new Point("Point", List.of(round6(i.location().lon()), round6(i.location().lat())));
    return new IncidentFeature("Feature", i.id().toString(), p, properties);
  }

  public static Properties properties(Incident i) {
    return new Properties(i, i.location().precisionKm(), i.location().geoPrecision());
  }

  private static double round6(double degrees) {
    return Math.round(degrees * 1e6) / 1e6;
  }
}
