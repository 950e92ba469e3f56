package org.truce.zones;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.truce.audit.AuditLog;
import org.truce.http.Json;

/** Zones in the database; ships the 2017 de-escalation zones and the area of operation on first start. */
public final class ZoneStore {

  static final String DEFAULT_ZONES = "/org/truce/data/zones-2017.geojson";
  static final String DEFAULT_AREA = "/org/truce/data/area-of-operation.json";

  private final Jdbi jdbi;

  public ZoneStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Inserts the shipped zones when there are none, then returns every zone. */
  public List<Zone> loadWithDefaults(Clock clock, AuditLog audit) {
    return jdbi.inTransaction(h -> {
      int n = h.createQuery("select count(*) from zones").mapTo(Integer.class).one();
      if (n == 0) {
        for (Zone z : shippedZones()) {
          insert(h, z, clock);
          Map<String, Object> change = new LinkedHashMap<>();
          change.put("name", z.name());
          change.put("kind", z.kind());
          change.put("approximate", z.approximate());
          change.put("validFrom", z.validFrom() == null ? null : z.validFrom().toString());
          change.put("validUntil", z.validUntil() == null ? null : z.validUntil().toString());
          change.put("geometry", geometryJson(z.geometry()));
          audit.append(h, AuditLog.Actor.SYSTEM, "zone.create", "zone", z.id(), change);
        }
      }
      return all(h);
    });
  }

  public List<Zone> all() {
    return jdbi.withHandle(this::all);
  }

  private List<Zone> all(Handle h) {
    return h.createQuery("select id, name, kind, approximate, valid_from, valid_until, geometry, properties from zones order by id")
        .map((rs, ctx) -> new Zone(
            rs.getString("id"), rs.getString("name"), rs.getString("kind"), rs.getBoolean("approximate"),
            rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_until", LocalDate.class),
            readGeometry(rs.getString("geometry")), (ObjectNode) readTree(rs.getString("properties"))))
        .list();
  }

  private static void insert(Handle h, Zone z, Clock clock) {
    h.createUpdate("insert into zones(id, name, kind, approximate, valid_from, valid_until, geometry, properties, created_at)"
            + " values (:id, :name, :kind, :approximate, :from, :until, :geometry, :properties, :at)")
        .bind("id", z.id()).bind("name", z.name()).bind("kind", z.kind()).bind("approximate", z.approximate())
        .bind("from", z.validFrom()).bind("until", z.validUntil())
        .bind("geometry", geometryJson(z.geometry()))
        .bind("properties", z.properties().toString())
        .bind("at", OffsetDateTime.now(clock))
        .execute();
  }

  static List<Zone> shippedZones() {
    List<Zone> zones = new ArrayList<>(features(DEFAULT_ZONES, null));
    zones.addAll(features(DEFAULT_AREA, Zone.AREA_OF_OPERATION));
    return zones;
  }

  private static List<Zone> features(String resource, String forcedId) {
    JsonNode fc;
    try (InputStream in = ZoneStore.class.getResourceAsStream(resource)) {
      fc = Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read shipped data " + resource, e);
    }
    List<Zone> out = new ArrayList<>();
    for (JsonNode f : fc.get("features")) {
      ObjectNode props = (ObjectNode) f.get("properties");
      String id = forcedId != null ? forcedId : props.get("id").asText();
      String name = forcedId != null ? "Area of operation: " + props.path("name").asText() : props.get("name").asText();
      String kind = forcedId != null ? "region" : props.path("kind").asText("deescalation_zone");
      LocalDate from = props.hasNonNull("validFrom") ? LocalDate.parse(props.get("validFrom").asText()) : null;
      out.add(new Zone(id, name, kind, props.path("approximate").asBoolean(false), from, null,
          readGeometry(f.get("geometry").toString()), props));
    }
    return out;
  }

  private static String geometryJson(Geometry g) {
    GeoJsonWriter w = new GeoJsonWriter();
    w.setEncodeCRS(false);
    return w.write(g);
  }

  static Geometry readGeometry(String geojson) {
    try {
      return new GeoJsonReader().read(geojson);
    } catch (ParseException e) {
      throw new IllegalStateException("stored zone geometry is not GeoJSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode readTree(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The zones as an RFC 7946 FeatureCollection. */
  public static ObjectNode toGeoJson(List<Zone> zones) {
    ObjectNode fc = Json.MAPPER.createObjectNode();
    fc.put("type", "FeatureCollection");
    ArrayNode features = fc.putArray("features");
    for (Zone z : zones) {
      features.add(feature(z));
    }
    return fc;
  }

  /** One zone as a GeoJSON Feature: its stored properties with its columns (id, name, kind, validity) over them. */
  public static ObjectNode feature(Zone z) {
    ObjectNode f = Json.MAPPER.createObjectNode();
    f.put("type", "Feature");
    f.put("id", z.id());
    ObjectNode p = f.putObject("properties");
    p.setAll(z.properties());
    p.put("id", z.id());
    p.put("name", z.name());
    p.put("kind", z.kind());
    p.put("approximate", z.approximate());
    p.put("validFrom", z.validFrom() == null ? null : z.validFrom().toString());
    p.put("validUntil", z.validUntil() == null ? null : z.validUntil().toString());
    f.set("geometry", readTree(geometryJson(z.geometry())));
    return f;
  }
}
