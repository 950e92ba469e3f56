package org.truce.verification;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.truce.http.FieldError;
import org.truce.http.Fields;
import org.truce.http.HttpServer;
import org.truce.http.Json;
import org.truce.http.Responses;
import org.truce.incidents.Incident;

/**
 * Assessments, the right of reply, the review queue and the finding rule.
 *
 * <pre>
 * curl -H "Authorization: Bearer $REVIEWER_TOKEN" -H 'Content-Type: application/json' \
 *   -d '{"assessment":"confirmed","rationale":"Two independent sources and imagery.","evidence":["sha256:9f86d0..."]}' \
 *   http://localhost:8080/api/v1/incidents/$INCIDENT/assessments
 * curl -H "Authorization: Bearer $REVIEWER_TOKEN" 'http://localhost:8080/api/v1/review-queue?limit=50'
 * curl -H "Authorization: Bearer $REPORTER_TOKEN" -H 'Content-Type: application/json' \
 *   -d '{"response":"Our units were not in the area that day."}' http://localhost:8080/api/v1/incidents/$INCIDENT/responses
 * curl -X PUT -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' -d '{"rule":"majority"}' \
 *   http://localhost:8080/api/v1/settings/finding-rule
 * </pre>
 */
public final class VerificationRoutes {

  static final int MAX_BODY_BYTES = 256 * 1024;
  static final int MAX_TEXT = 10_000;
  static final int MAX_EVIDENCE = 50;
  static final int MAX_EVIDENCE_CHARS = 2_000;

  private final App app;

  public VerificationRoutes(App app) {
    this.app = app;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/incidents/{id}/assessments", this::assess);
    routes.get("/api/v1/incidents/{id}/assessments", this::assessments);
    routes.post("/api/v1/incidents/{id}/responses", this::respond);
    routes.get("/api/v1/incidents/{id}/responses", this::responses);
    routes.get("/api/v1/review-queue", this::queue);
    routes.get("/api/v1/settings/finding-rule", this::getRule);
    routes.put("/api/v1/settings/finding-rule", this::putRule);
  }

  private void assess(Context ctx) {
    User u = HttpServer.user(ctx);
    Access.requireRole(u, "assess incidents", Role.REVIEWER);
    requireGuarantor(u, "assess incidents");
    UUID id = incidentId(ctx);
    ObjectNode body = Bodies.object(ctx, MAX_BODY_BYTES, "an assessment");
    List<FieldError> errors = new ArrayList<>();
    Fields f = new Fields(errors);
    f.unknown("", body, Set.of("assessment", "rationale", "evidence"));
    String assessment = f.string("assessment", body.get("assessment"), true, 64);
    if (assessment != null && !FindingRule.ASSESSMENTS.contains(assessment)) {
      f.error("assessment", "must be one of: " + String.join(", ", FindingRule.ASSESSMENTS));
    }
    String rationale = required(f, "rationale", body.get("rationale"));
    List<String> evidence = evidence(f, body.get("evidence"));
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Assessment a = app.verification.assessIncident(u, id, new Verification.AssessmentInput(assessment, rationale, evidence));
    ObjectNode out = Json.MAPPER.valueToTree(a);
    out.put("finding", finding(id));
    ctx.header("Location", "/api/v1/incidents/" + id + "/assessments");
    Responses.json(ctx, 201, out);
  }

  private void assessments(Context ctx) {
    User u = HttpServer.user(ctx);
    UUID id = incidentId(ctx);
    Verification.View v = app.verification.seenBy(u, view(id));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("rule", v.rule());
    out.put("finding", finding(id));
    out.set("assessments", Json.MAPPER.valueToTree(v.assessments()));
    out.set("findingHistory", Json.MAPPER.valueToTree(v.findingHistory()));
    Responses.json(ctx, 200, out);
  }

  private void respond(Context ctx) {
    User u = HttpServer.user(ctx);
    Access.requireRole(u, "respond to incidents", Role.REPORTER);
    UUID id = incidentId(ctx);
    ObjectNode body = Bodies.object(ctx, MAX_BODY_BYTES, "a response");
    List<FieldError> errors = new ArrayList<>();
    Fields f = new Fields(errors);
    f.unknown("", body, Set.of("response"));
    String text = required(f, "response", body.get("response"));
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Response r = app.verification.respond(u, id, text);
    ctx.header("Location", "/api/v1/incidents/" + id + "/responses");
    Responses.json(ctx, 201, r);
  }

  private void responses(Context ctx) {
    User u = HttpServer.user(ctx);
    UUID id = incidentId(ctx);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("responses", Json.MAPPER.valueToTree(app.verification.seenBy(u, view(id)).responses()));
    Responses.json(ctx, 200, out);
  }

  private void queue(Context ctx) {
    User u = HttpServer.user(ctx);
    Access.requireRole(u, "read a review queue", Role.REVIEWER);
    requireGuarantor(u, "read a review queue");
    List<FieldError> errors = new ArrayList<>();
    for (String p : ctx.queryParamMap().keySet()) {
      if (!p.isEmpty() && !p.equals("limit") && !p.equals("cursor")) {
        errors.add(new FieldError(p, "unknown query parameter; allowed: cursor, limit"));
      }
    }
    int limit = limit(ctx.queryParam("limit"), errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Verification.QueuePage page;
    try {
      page = app.verification.reviewQueue(u.party(), ctx.queryParam("cursor"), limit);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(List.of(new FieldError("cursor", e.getMessage())));
    }
    List<Incident> incidents = app.db.jdbi().withHandle(h ->
        app.incidents.getAll(h, page.items().stream().map(Verification.QueueItem::incidentId).toList()));
    java.util.Map<UUID, List<String>> reasons = new java.util.HashMap<>();
    page.items().forEach(q -> reasons.put(q.incidentId(), q.reasons()));
    List<ObjectNode> items = new ArrayList<>();
    for (Incident i : incidents) {
      ObjectNode n = Json.MAPPER.valueToTree(i);
      n.set("reasons", Json.MAPPER.valueToTree(reasons.get(i.id())));
      items.add(n);
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("guarantor", u.party());
    out.set("items", Json.MAPPER.valueToTree(items));
    out.put("next", page.next());
    Responses.json(ctx, 200, out);
  }

  private void getRule(Context ctx) {
    HttpServer.user(ctx);
    Responses.json(ctx, 200, ruleAnswer(app.verification.rule(), null));
  }

  private void putRule(Context ctx) {
    User u = HttpServer.user(ctx);
    Access.requireRole(u, "change settings", Role.ADMIN);
    ObjectNode body = Bodies.object(ctx, MAX_BODY_BYTES, "a setting");
    List<FieldError> errors = new ArrayList<>();
    Fields f = new Fields(errors);
    f.unknown("", body, Set.of("rule"));
    String code = f.string("rule", body.get("rule"), true, 64);
    FindingRule rule = code == null ? null : FindingRule.fromCode(code);
    if (code != null && rule == null) {
      f.error("rule", "must be one of: " + String.join(", ", FindingRule.codes()));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    int changed = app.verification.setRule(u, rule);
    Responses.json(ctx, 200, ruleAnswer(rule, changed));
  }

  private static ObjectNode ruleAnswer(FindingRule rule, Integer changed) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("rule", rule.code());
    out.set("allowed", Json.MAPPER.valueToTree(FindingRule.codes()));
    if (changed != null) {
      out.put("changedFindings", changed);
    }
    return out;
  }

  private void requireGuarantor(User u, String action) {
    if (!Access.isGuarantor(u, app.parties)) {
      throw ApiException.forbidden("only reviewers of a guarantor (" + String.join(", ", app.verification.guarantors())
          + ") may " + action + "; this user's party is " + u.party());
    }
  }

  private Verification.View view(UUID id) {
    return app.db.jdbi().withHandle(h -> {
      int basis = app.verification.basis(h, id);
      if (basis < 0) {
        throw ApiException.notFound("Incident " + id);
      }
      return app.verification.view(h, id, basis);
    });
  }

  private String finding(UUID id) {
    return app.db.jdbi().withHandle(h -> app.incidents.get(h, id).map(Incident::finding).orElse(null));
  }

  static UUID incidentId(Context ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("Incident " + ctx.pathParam("id"));
    }
  }

  /** Required free text: 1 to MAX_TEXT characters, not only white space. */
  private static String required(Fields f, String field, JsonNode n) {
    if (n == null || n.isNull()) {
      f.error(field, "is required");
      return null;
    }
    String s = f.text(field, n, MAX_TEXT);
    if (s != null && s.isBlank()) {
      f.error(field, "must not be blank");
      return null;
    }
    return s;
  }

  private static List<String> evidence(Fields f, JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray() || n.size() > MAX_EVIDENCE) {
      f.error("evidence", "must be an array of at most " + MAX_EVIDENCE + " strings (references, links, attachment hashes)");
      return out;
    }
    for (int i = 0; i < n.size(); i++) {
      String s = f.text("evidence[" + i + "]", n.get(i), MAX_EVIDENCE_CHARS);
      if (s != null && !s.isBlank()) {
        out.add(s);
      } else if (s != null) {
        f.error("evidence[" + i + "]", "must not be blank");
      }
    }
    return out;
  }

  private static int limit(String l, List<FieldError> errors) {
    if (l == null) {
      return 50;
    }
    try {
      int v = Integer.parseInt(l);
      if (v >= 1 && v <= 500) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError("limit", "must be a whole number from 1 to 500"));
    return 50;
  }
}
