package org.truce.bulletins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.truce.App;
import org.truce.access.Access;
import org.truce.access.User;
import org.truce.http.ApiException;
import org.truce.http.Bodies;
import org.truce.http.FieldError;
import org.truce.http.Fields;
import org.truce.http.HttpServer;
import org.truce.http.Json;
import org.truce.http.Responses;

/**
 * Bulletins over HTTP: computed for any period, drafted, signed by the guarantors, downloaded as JSON, HTML or
 * PDF, and the signed document for offline verification (docs/bulletins.md).
 *
 * <pre>
 * curl -H "Authorization: Bearer $TOKEN" 'http://localhost:8080/api/v1/bulletins?from=2026-11-20&amp;to=2026-11-20&amp;format=pdf' -o day.pdf
 * </pre>
 */
public final class BulletinRoutes {

  static final Set<String> QUERY = Set.of("from", "to", "zone", "format", "audience");
  static final List<String> FORMATS = List.of("json", "html", "pdf");
  static final List<String> AUDIENCES = List.of("public", "internal");
  private static final int MAX_BODY = 64 * 1024;

  private final App app;

  public BulletinRoutes(App app) {
    this.app = app;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/bulletins", this::compute);
    routes.post("/api/v1/bulletins", this::draft);
    routes.get("/api/v1/bulletins/records", this::records);
    routes.get("/api/v1/bulletins/{id}", this::getOne);
    routes.get("/api/v1/bulletins/{id}/signed", this::signedDocument);
    routes.post("/api/v1/bulletins/{id}/signatures", this::sign);
    routes.get("/api/v1/guarantor-keys", ctx -> {
      HttpServer.user(ctx);
      Responses.json(ctx, 200, java.util.Map.of("items", app.bulletins.keys()));
    });
    routes.post("/api/v1/guarantor-keys", this::registerKey);
    routes.post("/api/v1/guarantor-keys/{id}/revoke", ctx ->
        Responses.json(ctx, 200, app.bulletins.revokeKey(HttpServer.user(ctx), ctx.pathParam("id"))));
    routes.get("/api/v1/settings/signature-rule", ctx -> {
      HttpServer.user(ctx);
      Responses.json(ctx, 200, ruleAnswer(app.bulletins.signatureRule()));
    });
    routes.put("/api/v1/settings/signature-rule", this::putRule);
  }

  private void compute(Context ctx) {
    User u = HttpServer.user(ctx);
    List<FieldError> errors = new ArrayList<>();
    unknownParams(ctx, QUERY, errors);
    String format = choice(ctx, "format", FORMATS, errors);
    String audience = choice(ctx, "audience", AUDIENCES, errors);
    Bulletin.Period p = app.bulletins.composer().period(ctx.queryParam("from"), ctx.queryParam("to"),
        ctx.queryParam("zone"), app.clock, errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Bulletin b = app.bulletins.compute(u, p, "internal".equals(audience));
    answer(ctx, b, null, format, "bulletin-" + p.from().toLocalDate() + "-" + p.to().toLocalDate());
  }

  private void draft(Context ctx) {
    User u = HttpServer.user(ctx);
    Access.requireRole(u, "draft bulletins", org.truce.access.Role.COORDINATOR);
    ObjectNode body = Bodies.object(ctx, MAX_BODY, "a bulletin draft");
    List<FieldError> errors = new ArrayList<>();
    Fields f = new Fields(errors);
    f.unknown("", body, Set.of("from", "to", "zone", "note", "internalNote", "corrects"));
    String from = f.string("from", body.get("from"), true, 40);
    String to = f.string("to", body.get("to"), true, 40);
    String zone = f.string("zone", body.get("zone"), false, 64);
    String note = f.text("note", body.get("note"), 4000);
    String internalNote = f.text("internalNote", body.get("internalNote"), 4000);
    UUID corrects = f.uuid("corrects", body.get("corrects"));
    Bulletin.Period p = errors.isEmpty() ? app.bulletins.composer().period(from, to, zone, app.clock, errors) : null;
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Bulletins.Stored s = app.bulletins.draftBulletin(u, p, note, internalNote, corrects);
    ctx.header("Location", "/api/v1/bulletins/" + s.id());
    Responses.json(ctx, 201, record(u, s, true));
  }

  private void records(Context ctx) {
    User u = HttpServer.user(ctx);
    ArrayNode items = Json.MAPPER.createArrayNode();
    for (Bulletins.Stored s : app.bulletins.list(u)) {
      items.add(record(u, s, false));
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("items", items);
    Responses.json(ctx, 200, out);
  }

  private void getOne(Context ctx) {
    User u = HttpServer.user(ctx);
    List<FieldError> errors = new ArrayList<>();
    unknownParams(ctx, Set.of("format", "audience"), errors);
    String format = choice(ctx, "format", FORMATS, errors);
    String audience = choice(ctx, "audience", AUDIENCES, errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Bulletins.Stored s = visible(u, ctx.pathParam("id"));
    if ("json".equals(format)) {
      Responses.json(ctx, 200, record(u, s, true));
      return;
    }
    boolean internal = "internal".equals(audience);
    if (internal && !Access.runsMechanism(u, app.parties)) {
      throw ApiException.forbidden("the internal bulletin is for the guarantors and the secretariat; ask for audience=public");
    }
    Bulletin b = Bulletins.content(s);
    if (internal) {
      b = Bulletins.withInternalNote(b, s.internalNote());
    }
    List<BulletinPage.Signature> sigs = s.signatures().stream().map(x -> new BulletinPage.Signature(x.party(),
        app.parties.get(x.party()) == null ? x.party() : app.parties.get(x.party()).name(), x.keyId(), x.signedAt())).toList();
    answer(ctx, b, sigs, format, "bulletin-" + s.number());
  }

  /** The file a guarantor signs and anyone verifies offline: the content, its hash, the rule and the signatures. */
  private void signedDocument(Context ctx) {
    User u = HttpServer.user(ctx);
    Bulletins.Stored s = visible(u, ctx.pathParam("id"));
    ctx.header("Content-Disposition", "attachment; filename=\"bulletin-" + s.number() + ".signed.json\"");
    Responses.json(ctx, 200, SignedDocument.of(s, app.bulletins.guarantors()));
  }

  private void sign(Context ctx) {
    User u = HttpServer.user(ctx);
    Access.requireRole(u, "sign bulletins", org.truce.access.Role.REVIEWER);
    UUID id = uuid(ctx.pathParam("id"));
    ObjectNode body = Bodies.object(ctx, MAX_BODY, "a signature");
    List<FieldError> errors = new ArrayList<>();
    Fields f = new Fields(errors);
    f.unknown("", body, Set.of("keyId", "signature"));
    String keyId = f.string("keyId", body.get("keyId"), true, 32);
    String signature = f.string("signature", body.get("signature"), true, 200);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    visible(u, id.toString());
    Bulletins.Stored s = app.bulletins.signBulletin(u, id, keyId, signature);
    Responses.json(ctx, 201, record(u, s, false));
  }

  private void registerKey(Context ctx) {
    User u = HttpServer.user(ctx);
    ObjectNode body = Bodies.object(ctx, MAX_BODY, "a key");
    List<FieldError> errors = new ArrayList<>();
    Fields f = new Fields(errors);
    f.unknown("", body, Set.of("publicKey", "label"));
    String key = f.string("publicKey", body.get("publicKey"), true, 1000);
    String label = f.text("label", body.get("label"), 200);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Bulletins.Key k = app.bulletins.registerKey(u, key, label);
    ctx.header("Location", "/api/v1/guarantor-keys");
    Responses.json(ctx, 201, k);
  }

  private void putRule(Context ctx) {
    User u = HttpServer.user(ctx);
    Access.requireRole(u, "change settings", org.truce.access.Role.ADMIN);
    ObjectNode body = Bodies.object(ctx, MAX_BODY, "a setting");
    List<FieldError> errors = new ArrayList<>();
    Fields f = new Fields(errors);
    f.unknown("", body, Set.of("rule"));
    String rule = f.string("rule", body.get("rule"), true, 16);
    if (rule != null && !Bulletins.RULES.contains(rule)) {
      f.error("rule", "must be one of: " + String.join(", ", Bulletins.RULES));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    app.bulletins.setSignatureRule(u, rule);
    Responses.json(ctx, 200, ruleAnswer(rule));
  }

  private static ObjectNode ruleAnswer(String rule) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("rule", rule);
    out.set("allowed", Json.MAPPER.valueToTree(Bulletins.RULES));
    out.put("appliesTo", "bulletins drafted from now on; a draft keeps the rule it was drafted under");
    return out;
  }

  private ObjectNode record(User u, Bulletins.Stored s, boolean withContent) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", s.id().toString());
    n.put("number", s.number());
    n.put("status", s.status());
    n.put("from", iso(s.from()));
    n.put("to", iso(s.to()));
    n.put("zone", s.zone());
    n.put("corrects", s.corrects() == null ? null : s.corrects().toString());
    n.set("correctedBy", Json.MAPPER.valueToTree(s.correctedBy(Access.runsMechanism(u, app.parties))));
    n.put("sha256", s.sha256());
    n.put("signatureRule", s.rule());
    n.set("guarantors", Json.MAPPER.valueToTree(app.bulletins.guarantors()));
    n.put("draftedAt", iso(s.draftedAt()));
    n.put("issuedAt", s.issuedAt() == null ? null : iso(s.issuedAt()));
    n.set("signatures", Json.MAPPER.valueToTree(s.signatures()));
    if (Access.runsMechanism(u, app.parties) && s.internalNote() != null) {
      n.put("internalNote", s.internalNote());
    }
    if (withContent) {
      n.set("bulletin", SignedDocument.tree(s.content()));
    }
    return n;
  }

  /** RFC 3339 with seconds always (OffsetDateTime.toString leaves out zero seconds). */
  static String iso(java.time.OffsetDateTime t) {
    return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
  }

  private Bulletins.Stored visible(User u, String rawId) {
    UUID id = uuid(rawId);
    Bulletins.Stored s = app.bulletins.get(id).orElseThrow(() -> ApiException.notFound("Bulletin " + rawId));
    if (!app.bulletins.maySee(u, s)) {
      throw ApiException.notFound("Bulletin " + rawId);
    }
    return s;
  }

  private static UUID uuid(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("Bulletin " + raw);
    }
  }

  private void answer(Context ctx, Bulletin b, List<BulletinPage.Signature> sigs, String format, String name) {
    Renderer r = new Renderer(app.zones.zones());
    switch (format) {
      case "html" -> {
        // a standalone document: its own styles and data-URI pictures, never a script
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Disposition", "inline; filename=\"" + name + ".html\"");
        ctx.status(200).contentType("text/html; charset=utf-8").result(r.html(b, sigs));
      }
      case "pdf" -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
          r.pdf(b, sigs, out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".pdf\"");
        ctx.status(200).contentType("application/pdf").result(out.toByteArray());
      }
      default -> Responses.json(ctx, 200, b);
    }
  }

  private static void unknownParams(Context ctx, Set<String> allowed, List<FieldError> errors) {
    for (String p : ctx.queryParamMap().keySet()) {
      if (!p.isEmpty() && !allowed.contains(p)) {
        errors.add(new FieldError(p, "unknown query parameter; allowed: " + String.join(", ", allowed.stream().sorted().toList())));
      }
    }
  }

  private static String choice(Context ctx, String name, List<String> allowed, List<FieldError> errors) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return allowed.get(0);
    }
    if (!allowed.contains(v)) {
      errors.add(new FieldError(name, "must be one of: " + String.join(", ", allowed)));
      return allowed.get(0);
    }
    return v;
  }
}
