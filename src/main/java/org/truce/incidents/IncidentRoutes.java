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

  private final App app;

  public IncidentRoutes(App app) {
    this.app = app;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/incidents", this::list);
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

  private boolean secretariat(User u) {
    var p = app.parties.get(u.party());
    return p != null && org.truce.parties.Party.SECRETARIAT.equals(p.kind());
  }

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

  private void getOne(Context ctx) {
    User u = HttpServer.user(ctx);
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("Incident " + ctx.pathParam("id"));
    }
    ObjectNode body = app.db.jdbi().withHandle(h -> {
      Incident i = app.incidents.get(h, id).orElseThrow(() -> ApiException.notFound("Incident " + id));
      ObjectNode n = Json.MAPPER.valueToTree(i);
      // every caller sees the incident; its reports only where the caller may read them (docs/permissions.md)
      n.set("reports", Json.MAPPER.valueToTree(app.reports.byIncident(h, id).stream()
          .filter(r -> Access.canSeeReport(u, (String) r.source().get("party"), app.parties)).toList()));
      Verification.View v = app.verification.seenBy(u, app.verification.view(h, id, app.verification.basis(h, id)));
      n.put("findingRule", v.rule());
      n.set("assessments", Json.MAPPER.valueToTree(v.assessments()));
      n.set("findingHistory", Json.MAPPER.valueToTree(v.findingHistory()));
      n.set("responses", Json.MAPPER.valueToTree(v.responses()));
      n.set("corrections", Json.MAPPER.valueToTree(app.curation.history(h, id, secretariat(u))));
      return n;
    });
    Responses.json(ctx, 200, body);
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
