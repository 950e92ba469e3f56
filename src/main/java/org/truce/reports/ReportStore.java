package org.truce.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.truce.db.Rows;
import org.truce.http.Json;

/** SQL for reports: insert in batches, look up by id. Reports are never updated but for their current link. */
public final class ReportStore {

  public static final String COLUMNS = "id, content_hash, received_at, submitted_by, source_type, source_party, source_reference,"
      + " occurred_at, occurred_until, time_precision, lat, lon, precision_km, place_name, resolved_place, zone_id,"
      + " nearest_zone, nearest_zone_km, type, perpetrator, weapons, civ_killed, civ_injured, cmb_killed, cmb_injured,"
      + " description, language, incident_id, link, candidates";
  private static final List<String> COLUMN_LIST = Arrays.stream(COLUMNS.split(",")).map(String::trim).toList();

  private final Jdbi jdbi;
  private final boolean copy;

  /** A store on jdbi; copy writes new rows through PostgreSQL's COPY. */
  public ReportStore(Jdbi jdbi, boolean copy) {
    this.jdbi = jdbi;
    this.copy = copy;
  }

  /** The stored report's identity and link, enough to answer a resubmission. */
  public record Existing(UUID id, String contentHash, UUID incidentId, String zoneId, String nearestZone,
                         Double nearestZoneKm, String link, String candidates) {}

  /** A report to insert, with where it was placed and how it was linked. */
  public record Row(ReportInput input, OffsetDateTime receivedAt, UUID submittedBy, String zoneId, String nearestZone,
                    Double nearestZoneKm, UUID incidentId, String link, String candidates) {}

  public Map<UUID, Existing> findExisting(Handle h, Collection<UUID> ids) throws SQLException {
    Map<UUID, Existing> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    // one array parameter: cheap to plan, whatever the batch size
    Connection c = h.getConnection();
    String sql = "select id, content_hash, incident_id, zone_id, nearest_zone, nearest_zone_km, link, candidates"
        + " from reports where id = any(?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Existing e = new Existing(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
              rs.getString(4), rs.getString(5), (Double) rs.getObject(6), rs.getString(7), rs.getString(8));
          out.put(e.id(), e);
        }
      }
    }
    return out;
  }

  /** Inserts rows in the caller's transaction (through COPY on PostgreSQL). */
  public void insert(Handle h, List<Row> rows) throws SQLException {
    insert(h.getConnection(), copy, "reports", rows);
  }

  /** Inserts rows into table (the reports table, or a copy of it for the benchmark floor). */
  public static void insert(Connection c, boolean copy, String table, List<Row> rows) throws SQLException {
    Rows.insert(c, copy, table, COLUMN_LIST, rows, ReportStore::bind);
  }

  private static void bind(Row row, Rows.Row out) throws SQLException {
    ReportInput r = row.input();
    out.uuid(r.id());
    out.text(r.contentHash());
    out.time(row.receivedAt());
    out.uuid(row.submittedBy());
    out.text(r.sourceType().code());
    out.text(r.sourceParty());
    out.text(r.sourceReference());
    out.time(r.occurredAt());
    out.time(r.occurredUntil());
    out.text(r.timePrecision().code());
    out.real(r.lat());
    out.real(r.lon());
    out.real(r.precisionKm());
    out.text(r.placeName());
    out.text(r.resolvedPlace());
    out.text(row.zoneId());
    out.text(row.nearestZone());
    out.real(row.nearestZoneKm());
    out.text(r.type().code());
    out.text(r.allegedPerpetrator());
    out.text(r.weapons().isEmpty() ? null : toJson(r.weapons()));
    out.integer(r.civiliansKilled());
    out.integer(r.civiliansInjured());
    out.integer(r.combatantsKilled());
    out.integer(r.combatantsInjured());
    out.text(r.description());
    out.text(r.language());
    out.uuid(row.incidentId());
    out.text(row.link());
    out.text(row.candidates());
  }

  /** A stored report as the API shows it. */
  public record StoredReport(UUID id, OffsetDateTime receivedAt, Map<String, Object> source, OffsetDateTime occurredAt,
                             OffsetDateTime occurredUntil, String timePrecision, Map<String, Object> location,
                             String zone, String nearestZone, Double nearestZoneDistanceKm, String type,
                             String allegedPerpetrator, List<String> weapons, Map<String, Integer> casualties,
                             String description, String language, UUID incidentId, String link,
                             JsonNode candidates) {}

  public Optional<StoredReport> get(UUID id) {
    return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from reports where id = :id")
        .bind("id", id).map((rs, ctx) -> read(rs)).findOne());
  }

  public List<StoredReport> byIncident(Handle h, UUID incidentId) {
    return h.createQuery("select " + COLUMNS + " from reports where incident_id = :id order by occurred_at, id")
        .bind("id", incidentId).map((rs, ctx) -> read(rs)).list();
  }

  static String toJson(Object o) {
    try {
      return Json.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static StoredReport read(ResultSet rs) throws SQLException {
    try {
      return readRow(rs);
    } catch (JsonProcessingException e) {
      throw new SQLException("stored JSON column is not valid: " + e.getMessage(), e);
    }
  }

  private static StoredReport readRow(ResultSet rs) throws SQLException, JsonProcessingException {
    Map<String, Object> source = new java.util.LinkedHashMap<>();
    source.put("type", rs.getString("source_type"));
    source.put("party", rs.getString("source_party"));
    source.put("reference", rs.getString("source_reference"));
    Map<String, Object> location = new java.util.LinkedHashMap<>();
    location.put("lat", rs.getDouble("lat"));
    location.put("lon", rs.getDouble("lon"));
    location.put("precisionKm", rs.getDouble("precision_km"));
    location.put("placeName", rs.getString("place_name"));
    location.put("resolvedPlace", rs.getString("resolved_place"));
    Map<String, Integer> cas = new java.util.LinkedHashMap<>();
    cas.put("civiliansKilled", (Integer) rs.getObject("civ_killed"));
    cas.put("civiliansInjured", (Integer) rs.getObject("civ_injured"));
    cas.put("combatantsKilled", (Integer) rs.getObject("cmb_killed"));
    cas.put("combatantsInjured", (Integer) rs.getObject("cmb_injured"));
    String weapons = rs.getString("weapons");
    String candidates = rs.getString("candidates");
    return new StoredReport(rs.getObject("id", UUID.class), utc(rs.getObject("received_at", OffsetDateTime.class)), source,
        utc(rs.getObject("occurred_at", OffsetDateTime.class)), utc(rs.getObject("occurred_until", OffsetDateTime.class)),
        rs.getString("time_precision"), location, rs.getString("zone_id"), rs.getString("nearest_zone"),
        (Double) rs.getObject("nearest_zone_km"), rs.getString("type"), rs.getString("perpetrator"),
        weapons == null ? List.of() : Arrays.asList(Json.MAPPER.readValue(weapons, String[].class)), cas, rs.getString("description"),
        rs.getString("language"), rs.getObject("incident_id", UUID.class), rs.getString("link"),
        candidates == null ? Json.MAPPER.createArrayNode() : Json.MAPPER.readTree(candidates));
  }

  static OffsetDateTime utc(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
