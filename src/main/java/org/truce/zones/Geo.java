package org.truce.zones;

/** Great-circle distances on the WGS 84 mean sphere; precise enough for matching at kilometre scale. */
public final class Geo {

  public static final double EARTH_RADIUS_KM = 6371.0088;

  private Geo() {}

  public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  /** Degrees of latitude spanning km (for bounding boxes). */
  public static double latDegrees(double km) {
    return km / 111.195;
  }

  /** Degrees of longitude spanning km at latitude lat (for bounding boxes). */
  public static double lonDegrees(double km, double lat) {
    return km / (111.195 * Math.max(0.01, Math.cos(Math.toRadians(lat))));
  }
}
