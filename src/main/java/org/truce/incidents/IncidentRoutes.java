package org.truce.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.truce.App;
import org.truce.access.Access;
import org.truce.access.Role;
import org.truce.access.User;
import org.truce.http.ApiException;
import org.truce.http.Bodies;
import org.truce.http.Fields;
import org.truce.http.FieldError;
import org.truce.http.HttpServer;
import org.truce.http.Json;
import org.truce.http.Responses;
import org.truce.verification.Verification;
import org.truce.reports.ViolationType;
import org.truce.zones.Zone;

/**
 * Incidents: filtered, paged lists (JSON or GeoJSON) and one incident with its reports.
 *
 * <pre>
 * curl -H "Authorization: Bearer $TOKEN" 'http://localhost:8080/api/v1/incidents?from=2026-11-01&amp;zone=idlib&amp;limit=50'
 * curl -H "Authorization: Bearer $TOKEN" -H 'Accept: application/geo+json' 'http://localhost:8080/api/v1/incidents?type=shelling'
 * </pre>
 */
public final class IncidentRoutes {

  public static final List<String> FINDINGS = List.of("open", "under_review", "verified", "disputed", "not_verified", "dismissed");
  /** The list's own parameters, besides the filters. */
  static final Set<String> LIST_PARAMS = Set.of("limit", "cursor");
  /** The map's own parameters, besides the filters. */
  static final Set<String> CLUSTER_PARAMS = Set.of("zoom", "bbox");

  private final App app;
  private final IncidentClusters clusters;

  public IncidentRoutes(App app) {
    this.app = app;
    this.clusters = new IncidentClusters(app.db.jdbi(), app.db.isPostgres());
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/incidents", this::list);
    routes.get("/api/v1/incidents/clusters", this::clusters); // before {id}, which would take "clusters" for an id
    routes.get("/api/v1/incidents/{id}", this::getOne);
    routes.post("/api/v1/incidents/{id}/merge", this::merge);
    routes.post("/api/v1/incidents/{id}/split", this::split);
  }

  private void merge(Context ctx) {
    User u = HttpServer.user(ctx);
    Access.requireRole(u, "merge incidents", Role.COORDINATOR);
    UUID id = pathId(ctx);
    ObjectNode body = Bodies.object(ctx, 64 * 1024, "a merge");
    List<FieldError> errors = new ArrayList<>();
    Fields f = new Fields(errors);
    f.unknown("", body, Set.of("into", "reason"));
    UUID into = f.uuid("into", body.get("into"));
    if (into == null && (body.get("into") == null || body.get("into").isNull())) {
      f.error("into", "is required: the id of the incident to merge this one into");
    }
    String reason = reason(f, body);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Responses.json(ctx, 200, app.curation.mergeIncidents(u, id, into, reason));
  }

  private void split(Context ctx) {
    User u = HttpServer.user(ctx);
    Access.requireRole(u, "split incidents", Role.COORDINATOR);
    UUID id = pathId(ctx);
    ObjectNode body = Bodies.object(ctx, 4 * 1024 * 1024, "a split");
    List<FieldError> errors = new ArrayList<>();
    Fields f = new Fields(errors);
    f.unknown("", body, Set.of("reports", "reason"));
    List<UUID> reports = new ArrayList<>();
    JsonNode r = body.get("reports");
    if (r == null || !r.isArray() || r.isEmpty() || r.size() > MAX_SPLIT) {
      f.error("reports", "is required: an array of 1 to " + MAX_SPLIT + " ids of this incident's reports to move to a new incident");
    } else {
      for (int i = 0; i < r.size(); i++) {
        UUID rid = f.uuid("reports[" + i + "]", r.get(i));
        if (rid != null && reports.contains(rid)) {
          f.error("reports[" + i + "]", "is listed twice");
        } else if (rid != null) {
          reports.add(rid);
        }
      }
    }
    String reason = reason(f, body);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Curation.Outcome o = app.curation.splitIncident(u, id, reports, reason);
    ctx.header("Location", "/api/v1/incidents/" + o.other());
    Responses.json(ctx, 201, o);
  }

  static final int MAX_SPLIT = 10_000;

  private static String reason(Fields f, ObjectNode body) {
    JsonNode n = body.get("reason");
    String reason = n == null || n.isNull() ? null : f.text("reason", n, 4000);
    if (reason == null || reason.isBlank()) {
      f.error("reason", "is required: 1 to 4000 characters saying why deduplication got it wrong");
      return null;
    }
    return reason;
  }

  private static UUID pathId(Context ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("Incident " + ctx.pathParam("id"));
    }
  }

  private void list(Context ctx) {
    HttpServer.user(ctx);
    List<FieldError> errors = new ArrayList<>();
    IncidentFilter filter = new IncidentFilters(app.zones, app.parties).read(ctx.queryParamMap(), LIST_PARAMS, errors);
    int limit = 100;
    String l = ctx.queryParam("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
        if (limit < 1 || limit > 1000) {
          errors.add(new FieldError("limit", "must be from 1 to 1000"));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "must be a whole number from 1 to 1000"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    IncidentStore.Page page;
    try {
      page = app.incidents.list(filter, limit, ctx.queryParam("cursor"));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(List.of(new FieldError("cursor", e.getMessage())));
    }
    String accept = ctx.header("Accept");
    if (accept != null && accept.contains("application/geo+json")) {
      Responses.json(ctx, 200, geoJson(page), "application/geo+json");
    } else {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.set("items", Json.MAPPER.valueToTree(page.items()));
      body.put("next", page.next());
      Responses.json(ctx, 200, body);
    }
  }

  /**
   * The incidents of a map view, aggregated per grid cell for the zoom (see {@link IncidentClusters}), under the
   * list's filters: {@code zoom} 0 to 22 (default 6), {@code bbox} west,south,east,north in degrees (default the
   * whole world).
   */
  private void clusters(Context ctx) {
    HttpServer.user(ctx);
    List<FieldError> errors = new ArrayList<>();
    IncidentFilter filter = new IncidentFilters(app.zones, app.parties).read(ctx.queryParamMap(), CLUSTER_PARAMS, errors);
    int zoom = 6;
    String z = ctx.queryParam("zoom");
    if (z != null) {
      try {
        zoom = Integer.parseInt(z.trim());
      } catch (NumberFormatException e) {
        zoom = -1;
      }
      if (zoom < 0 || zoom > 22) {
        errors.add(new FieldError("zoom", "must be a whole number from 0 to 22"));
      }
    }
    IncidentClusters.Box box = bbox(ctx.queryParam("bbox"), errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Responses.json(ctx, 200, clusters.view(filter, zoom, box));
  }

  private static IncidentClusters.Box bbox(String s, List<FieldError> errors) {
    if (s == null || s.isBlank()) {
      return IncidentClusters.Box.WORLD;
    }
    String[] p = s.split(",");
    try {
      if (p.length == 4) {
        double w = Double.parseDouble(p[0].trim());
        double so = Double.parseDouble(p[1].trim());
        double e = Double.parseDouble(p[2].trim());
        double n = Double.parseDouble(p[3].trim());
        if (w >= -180 && w < e && e <= 180 && so >= -90 && so < n && n <= 90) {
          return new IncidentClusters.Box(w, so, e, n);
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError("bbox", "must be west,south,east,north in degrees (west < east within -180..180, "
        + "south < north within -90..90), e.g. 35.5,32.3,42.4,37.4"));
    return IncidentClusters.Box.WORLD;
  }

  /**
   * The filters shared by the incident list and the map (from, to, zone, type, perpetrator, finding, q), read from
   * the query; unknown parameters (not in allowed) and bad values are added to errors.
   */
  private void getOne(Context ctx) {
    User u = HttpServer.user(ctx);
    UUID id = pathId(ctx);
    IncidentDetail d = IncidentDetail.read(app, u, id).orElseThrow(() -> ApiException.notFound("Incident " + id));
    ObjectNode n = Json.MAPPER.valueToTree(d.incident());
    n.set("reports", Json.MAPPER.valueToTree(d.reports()));
    n.put("findingRule", d.findingRule());
    n.set("assessments", Json.MAPPER.valueToTree(d.assessments()));
    n.set("findingHistory", Json.MAPPER.valueToTree(d.findingHistory()));
    n.set("responses", Json.MAPPER.valueToTree(d.responses()));
    n.set("corrections", Json.MAPPER.valueToTree(d.corrections()));
    Responses.json(ctx, 200, n);
  }

  static ObjectNode geoJson(IncidentStore.Page page) {
    ObjectNode fc = Json.MAPPER.createObjectNode();
    fc.put("type", "FeatureCollection");
    ArrayNode features = fc.putArray("features");
    for (Incident i : page.items()) {
      features.add(Json.MAPPER.<ObjectNode>valueToTree(IncidentFeature.of(i)));
    }
    fc.put("next", page.next());
    return fc;
  }
}
