package org.truce.zones;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.DistanceOp;

/** Answers, for a point, which zone it lies in, or the nearest zone and how far; and whether it is in the area of operation. */
public final class ZoneIndex {

  /** Points this close outside the outline are still accepted: the shipped outline is generalised (1:10m). */
  static final double OUTLINE_TOLERANCE_DEGREES = 0.03;

  private static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4326);

  private record Entry(Zone zone, PreparedGeometry prepared) {}

  /** Where a point lies: a zone id, or null with the nearest zone and its distance. */
  public record Placement(String zoneId, String nearestZoneId, Double nearestZoneKm) {}

  private final STRtree tree = new STRtree();
  private final List<Entry> entries = new ArrayList<>();
  private final PreparedGeometry area;
  private final List<Zone> zones;

  public ZoneIndex(List<Zone> zones) {
    this.zones = List.copyOf(zones);
    PreparedGeometry aoo = null;
    for (Zone z : zones) {
      if (z.isAreaOfOperation()) {
        aoo = PreparedGeometryFactory.prepare(z.geometry().buffer(OUTLINE_TOLERANCE_DEGREES));
        continue;
      }
      Entry e = new Entry(z, PreparedGeometryFactory.prepare(z.geometry()));
      entries.add(e);
      tree.insert(z.geometry().getEnvelopeInternal(), e);
    }
    tree.build();
    this.area = aoo;
  }

  public List<Zone> zones() {
    return zones;
  }

  /** True when the point is in the area of operation (or when none is defined). */
  public boolean inAreaOfOperation(double lat, double lon) {
    return area == null || area.contains(point(lat, lon));
  }

  /** Where a point lies on a given day: only zones valid that day count. */
  public Placement place(double lat, double lon, java.time.LocalDate on) {
    Point p = point(lat, lon);
    @SuppressWarnings("unchecked")
    List<Entry> hits = tree.query(new Envelope(p.getCoordinate()));
    // zones may overlap (a buffer zone inside a de-escalation zone): the smallest one wins, by a stable order
    Entry best = null;
    for (Entry e : hits) {
      if (validOn(e.zone, on) && e.prepared.contains(p) && (best == null || smaller(e, best))) {
        best = e;
      }
    }
    if (best != null) {
      return new Placement(best.zone.id(), null, null);
    }
    Entry nearest = null;
    double nearestKm = Double.MAX_VALUE;
    for (Entry e : entries) {
      if (!validOn(e.zone, on)) {
        continue;
      }
      Coordinate[] pts = DistanceOp.nearestPoints(e.zone.geometry(), p);
      double km = Geo.distanceKm(lat, lon, pts[0].y, pts[0].x);
      if (km < nearestKm) {
        nearestKm = km;
        nearest = e;
      }
    }
    return nearest == null
        ? new Placement(null, null, null)
        : new Placement(null, nearest.zone.id(), Math.round(nearestKm * 10) / 10.0);
  }

  private static boolean validOn(Zone z, java.time.LocalDate on) {
    return on == null
        || (z.validFrom() == null || !on.isBefore(z.validFrom())) && (z.validUntil() == null || !on.isAfter(z.validUntil()));
  }

  private static boolean smaller(Entry a, Entry b) {
    double da = a.zone.geometry().getArea();
    double db = b.zone.geometry().getArea();
    return da < db || (da == db && a.zone.id().compareTo(b.zone.id()) < 0);
  }

  private static Point point(double lat, double lon) {
    return GF.createPoint(new Coordinate(lon, lat));
  }
}
