package org.truce.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Where the scenario's incidents happen: Syria's outline, the 2017 de-escalation zones, their hotspot
 * towns, and the gazetteer for place names. Loaded once from the shipped resources; immutable.
 */
final class Geography {

  static final String OUTSIDE = "outside";
  private static final double KM_PER_DEGREE_LAT = 110.574;

  /** A gazetteer place, with its Arabic name where the gazetteer has one and a Cyrillic name (the gazetteer's or transliterated). */
  record Place(String name, String asciiName, String arabic, String cyrillic, double lat, double lon, long population) {}

  /** A town around which incidents cluster, and how far around it they spread (one standard deviation). */
  record Hotspot(Place place, double weight, double spreadKm) {}

  /** A zone (or everything outside the zones) with its hotspots; weights are kept apart for {@link Rand#weighted}. */
  record Region(String id, List<Hotspot> hotspots, double[] weights) {}

  /**
   * Towns that saw the most fighting around each zone's contact line, by gazetteer ascii name; every other
   * town of a zone keeps a small weight so that quiet places see the odd incident too.
   */
  private static final Map<String, Double> FRONT_LINE = Map.ofEntries(
      Map.entry("Saraqib", 10.0), Map.entry("Ma`arrat an Nu`man", 10.0), Map.entry("Kafranbel", 8.0),
      Map.entry("Khan Shaykhun", 7.0), Map.entry("Jisr ash Shughur", 6.0), Map.entry("Al Atarib", 5.0),
      Map.entry("Ariha", 5.0), Map.entry("Qal`at al Madiq", 5.0), Map.entry("Kafr Zayta", 4.0),
      Map.entry("Murak", 4.0), Map.entry("Tayyibat al Imam", 3.0), Map.entry("Sarmin", 3.0),
      Map.entry("Taftanaz", 3.0), Map.entry("Hish", 3.0), Map.entry("Al Hadir", 3.0),
      Map.entry("Ar Rastan", 5.0), Map.entry("Tallbisah", 5.0), Map.entry("Harbinafsah", 3.0),
      Map.entry("Harasta", 6.0), Map.entry("Duma", 5.0), Map.entry("`Irbin", 4.0), Map.entry("Kafr Batna", 3.0),
      Map.entry("Jaramana", 2.0), Map.entry("Al Mulayhah", 3.0),
      Map.entry("Dar'a", 6.0), Map.entry("Tafas", 3.0), Map.entry("Jasim", 3.0), Map.entry("Nawa", 3.0),
      Map.entry("Shaykh Miskin", 3.0), Map.entry("Al Hirak", 2.0), Map.entry("Inkhil", 2.0),
      // outside the zones: north Hama, west Aleppo, the Latakia mountains, the Euphrates valley
      Map.entry("Aleppo", 5.0), Map.entry("Hamah", 3.0), Map.entry("Al Bab", 2.0), Map.entry("`Afrin", 2.0),
      Map.entry("Deir ez-Zor", 3.0), Map.entry("Al Mayadin", 2.0), Map.entry("Albu Kamal", 2.0),
      Map.entry("Ar Raqqah", 2.0), Map.entry("Manbij", 2.0), Map.entry("Al Haffah", 2.0), Map.entry("Tadmur", 1.5));

  private static Geography shared;

  private final IndexedPointInAreaLocator syria;
  private final List<String> zoneIds = new ArrayList<>();
  private final List<IndexedPointInAreaLocator> zoneAreas = new ArrayList<>();
  private final List<Envelope> zoneEnvelopes = new ArrayList<>();
  private final List<Place> places;
  private final double[] placeLat;
  private final double[] placeLon;
  private final List<Region> regions = new ArrayList<>();

  private Geography() {
    ObjectMapper mapper = new ObjectMapper();
    GeoJsonReader reader = new GeoJsonReader();
    JsonNode outline = readJson(mapper, "/org/truce/data/area-of-operation.json");
    syria = new IndexedPointInAreaLocator(geometry(reader, outline.get("features").get(0)));
    for (JsonNode f : readJson(mapper, "/org/truce/data/zones-2017.geojson").get("features")) {
      Geometry g = geometry(reader, f);
      zoneIds.add(f.get("properties").get("id").asText());
      zoneAreas.add(new IndexedPointInAreaLocator(g));
      zoneEnvelopes.add(g.getEnvelopeInternal());
    }
    places = readGazetteer();
    placeLat = places.stream().mapToDouble(Place::lat).toArray();
    placeLon = places.stream().mapToDouble(Place::lon).toArray();
    for (String id : zoneIds) {
      regions.add(region(id));
    }
    regions.add(region(OUTSIDE));
  }

  static synchronized Geography shared() {
    if (shared == null) {
      shared = new Geography();
    }
    return shared;
  }

  /** The four zones, then the region outside them, in the order of the zones file. */
  List<Region> regions() {
    return regions;
  }

  Region region(int index) {
    return regions.get(index);
  }

  boolean inSyria(double lat, double lon) {
    return syria.locate(new Coordinate(lon, lat)) != Location.EXTERIOR;
  }

  /** The zone containing the point, or {@link #OUTSIDE}. */
  String zoneOf(double lat, double lon) {
    Coordinate c = new Coordinate(lon, lat);
    for (int i = 0; i < zoneIds.size(); i++) {
      if (zoneEnvelopes.get(i).contains(c) && zoneAreas.get(i).locate(c) != Location.EXTERIOR) {
        return zoneIds.get(i);
      }
    }
    return OUTSIDE;
  }

  /** Whether a point may host an incident of the region: inside Syria and inside the zone (or outside every zone). */
  boolean fits(String regionId, double lat, double lon) {
    return inSyria(lat, lon) && zoneOf(lat, lon).equals(regionId);
  }

  /** The nearest gazetteer place; a flat-earth distance is exact enough to rank places within Syria. */
  Place nearest(double lat, double lon) {
    double k = StrictMath.cos(Math.toRadians(lat));
    int best = 0;
    double bestD = Double.MAX_VALUE;
    for (int i = 0; i < placeLat.length; i++) {
      double dy = placeLat[i] - lat;
      double dx = (placeLon[i] - lon) * k;
      double d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return places.get(best);
  }

  static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double dy = (lat2 - lat1) * KM_PER_DEGREE_LAT;
    double dx = (lon2 - lon1) * kmPerDegreeLon((lat1 + lat2) / 2);
    return StrictMath.sqrt(dx * dx + dy * dy);
  }

  static double latDegrees(double km) {
    return km / KM_PER_DEGREE_LAT;
  }

  static double lonDegrees(double km, double lat) {
    return km / kmPerDegreeLon(lat);
  }

  private static double kmPerDegreeLon(double lat) {
    return 111.320 * StrictMath.cos(Math.toRadians(lat));
  }

  private Region region(String id) {
    List<Hotspot> hotspots = new ArrayList<>();
    for (Place p : places) {
      if (!fits(id, p.lat(), p.lon())) {
        continue;
      }
      Double front = FRONT_LINE.get(p.asciiName());
      // outside the zones only named places and big towns see incidents; inside, every town may. The square
      // root keeps the busiest towns busy without piling so many incidents on them that no one could tell
      // them apart.
      double weight = front != null ? Math.sqrt(front) : id.equals(OUTSIDE) ? (p.population() > 100_000 ? 0.3 : 0) : 1.0;
      if (weight > 0) {
        // front lines run for kilometres around the busy towns; a quiet village's incidents stay close to it
        hotspots.add(new Hotspot(p, weight, front != null ? 4.5 : 3.0));
      }
    }
    if (hotspots.isEmpty()) {
      throw new IllegalStateException("no gazetteer place inside region " + id);
    }
    return new Region(id, List.copyOf(hotspots), hotspots.stream().mapToDouble(Hotspot::weight).toArray());
  }

  private static JsonNode readJson(ObjectMapper mapper, String resource) {
    try (InputStream in = open(resource)) {
      return mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static Geometry geometry(GeoJsonReader reader, JsonNode feature) {
    try {
      return reader.read(feature.get("geometry").toString());
    } catch (ParseException e) {
      throw new IllegalStateException("bad geometry in shipped data: " + e.getMessage(), e);
    }
  }

  private static List<Place> readGazetteer() {
    String resource = "/org/truce/data/gazetteer-sy.tsv";
    List<Place> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
      String line = r.readLine(); // header: geonameid name asciiname alternatenames lat lon fcode admin1 population
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] c = line.split("\t", -1);
        String[] alternates = c[3].split(",");
        String cyrillic = firstInScript(alternates, '\u0400', '\u04FF');
        out.add(new Place(c[1], c[2], firstInScript(alternates, '\u0600', '\u06FF'),
            cyrillic != null ? cyrillic : Descriptions.cyrillic(c[2]), Double.parseDouble(c[4]),
            Double.parseDouble(c[5]), c[8].isEmpty() ? 0 : Long.parseLong(c[8])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return List.copyOf(out);
  }

  private static String firstInScript(String[] names, char from, char to) {
    for (String n : names) {
      if (!n.isEmpty() && n.charAt(0) >= from && n.charAt(0) <= to) {
        return n.trim();
      }
    }
    return null;
  }

  private static InputStream open(String resource) {
    InputStream in = Geography.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing resource " + resource);
    }
    return in;
  }
}
