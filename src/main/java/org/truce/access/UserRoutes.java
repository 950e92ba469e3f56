package org.truce.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.truce.App;
import org.truce.audit.AuditLog;
import org.truce.http.ApiException;
import org.truce.http.Bodies;
import org.truce.http.FieldError;
import org.truce.http.HttpServer;
import org.truce.http.Json;
import org.truce.http.Responses;
import org.truce.parties.Party;

/**
 * Users and API tokens over HTTP. Every user lists, issues and revokes its own tokens under /api/v1/tokens;
 * admins manage users and everyone's tokens under /api/v1/users. A token's secret is in the answer that issues
 * it and nowhere else, ever.
 *
 * <pre>
 * curl -H "Authorization: Bearer $TOKEN" http://localhost:8080/api/v1/tokens
 * curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"label":"field laptop"}' \
 *   http://localhost:8080/api/v1/tokens
 * curl -X DELETE -H "Authorization: Bearer $TOKEN" http://localhost:8080/api/v1/tokens/$TOKEN_ID
 *
 * curl -H "Authorization: Bearer $ADMIN_TOKEN" http://localhost:8080/api/v1/users
 * curl -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
 *   -d '{"name":"ru-reviewer-1","party":"RU","roles":["reviewer"]}' http://localhost:8080/api/v1/users
 * curl -X PUT -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
 *   -d '{"roles":["reviewer","coordinator"]}' http://localhost:8080/api/v1/users/$USER_ID/roles
 * curl -X POST -H "Authorization: Bearer $ADMIN_TOKEN" http://localhost:8080/api/v1/users/$USER_ID/disable
 * curl -X DELETE -H "Authorization: Bearer $ADMIN_TOKEN" http://localhost:8080/api/v1/users/$USER_ID/tokens/$TOKEN_ID
 * </pre>
 */
public final class UserRoutes {

  /** These bodies are a few fields; anything larger is not one of them. */
  static final int MAX_BODY = 16 * 1024;

  private final App app;

  public UserRoutes(App app) {
    this.app = app;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/tokens", this::listOwnTokens);
    routes.post("/api/v1/tokens", this::issueOwnToken);
    routes.delete("/api/v1/tokens/{tokenId}", this::revokeOwnToken);
    routes.get("/api/v1/users", this::listUsers);
    routes.post("/api/v1/users", this::createUser);
    routes.get("/api/v1/users/{id}", this::getUser);
    routes.put("/api/v1/users/{id}/roles", this::changeRoles);
    routes.post("/api/v1/users/{id}/disable", this::disableUser);
    routes.post("/api/v1/users/{id}/enable", this::enableUser);
    routes.get("/api/v1/users/{id}/tokens", this::listUserTokens);
    routes.post("/api/v1/users/{id}/tokens", this::issueUserToken);
    routes.delete("/api/v1/users/{id}/tokens/{tokenId}", this::revokeUserToken);
  }

  // ------------------------------------------------------------------ wire format

  /** A user as the API shows it. */
  record UserJson(UUID id, String name, String party, List<String> roles, OffsetDateTime createdAt, boolean disabled,
                  boolean locked) {}

  /** A token as listed: never its secret or hash. */
  record TokenJson(UUID id, String label, OffsetDateTime createdAt, OffsetDateTime revokedAt) {}

  /** A token just issued, with its secret, shown this once. */
  record IssuedJson(UUID id, String label, OffsetDateTime createdAt, String token) {}

  private UserJson json(Account a) {
    User u = a.user();
    return new UserJson(u.id(), u.name(), u.party(), u.roles().stream().map(Role::code).sorted().toList(), a.createdAt(),
        a.disabled(), a.lockedAt(app.clock.instant()));
  }

  private static TokenJson json(Token t) {
    return new TokenJson(t.id(), t.label(), t.createdAt(), t.revokedAt());
  }

  private static IssuedJson json(Tokens.Issued i) {
    return new IssuedJson(i.token().id(), i.token().label(), i.token().createdAt(), i.secret());
  }

  // ------------------------------------------------------------------ own tokens (any user)

  private void listOwnTokens(Context ctx) {
    User u = HttpServer.user(ctx);
    Responses.json(ctx, 200, new Items<>(app.tokens.list(u.id()).stream().map(UserRoutes::json).toList()));
  }

  private void issueOwnToken(Context ctx) {
    User u = HttpServer.user(ctx);
    String label = label(ctx);
    issued(ctx, issue(u, u.id(), label));
  }

  private void revokeOwnToken(Context ctx) {
    User u = HttpServer.user(ctx);
    revoke(ctx, u, u.id(), tokenId(ctx));
  }

  // ------------------------------------------------------------------ users (admin)

  private void listUsers(Context ctx) {
    admin(ctx, "list users");
    List<FieldError> errors = new ArrayList<>();
    int limit = 100;
    String l = ctx.queryParam("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 1000) {
        errors.add(new FieldError("limit", "must be a whole number from 1 to 1000"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    UserAdmin.Page page;
    try {
      page = app.userAdmin.list(limit, ctx.queryParam("cursor"));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(List.of(new FieldError("cursor", e.getMessage())));
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("items", Json.MAPPER.valueToTree(page.items().stream().map(this::json).toList()));
    body.put("next", page.next());
    Responses.json(ctx, 200, body);
  }

  private void createUser(Context ctx) {
    User admin = admin(ctx, "create users");
    JsonNode body = body(ctx, Set.of("name", "party", "roles"));
    List<FieldError> errors = new ArrayList<>();
    String name = text(body, "name", errors);
    if (name != null && Users.nameProblem(name) != null) {
      errors.add(new FieldError("name", Users.nameProblem(name)));
    }
    String party = text(body, "party", errors);
    if (party != null && (!app.parties.exists(party) || Party.UNKNOWN.equals(party))) {
      errors.add(new FieldError("party", "unknown party '" + party + "'; allowed: " + String.join(", ", app.parties.sourceCodes())));
    }
    Set<Role> roles = roles(body, errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Users.Created c;
    try {
      c = app.users.addUser(actor(admin), name, party, roles, app.parties);
    } catch (AccessConflict e) {
      throw conflict(e);
    }
    ObjectNode out = Json.MAPPER.valueToTree(json(account(c.user().id())));
    out.set("token", Json.MAPPER.valueToTree(json(new Tokens.Issued(c.tokenInfo(), c.token()))));
    ctx.header("Location", "/api/v1/users/" + c.user().id());
    ctx.header("Cache-Control", "no-store");
    Responses.json(ctx, 201, out);
  }

  private void getUser(Context ctx) {
    admin(ctx, "read users");
    Responses.json(ctx, 200, json(account(userId(ctx))));
  }

  private void changeRoles(Context ctx) {
    User admin = admin(ctx, "change roles");
    UUID id = userId(ctx);
    JsonNode body = body(ctx, Set.of("roles"));
    List<FieldError> errors = new ArrayList<>();
    Set<Role> roles = roles(body, errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    try {
      Responses.json(ctx, 200, json(app.userAdmin.changeRoles(actor(admin), id, roles).orElseThrow(() -> userNotFound(id))));
    } catch (AccessConflict e) {
      throw conflict(e);
    }
  }

  private void disableUser(Context ctx) {
    User admin = admin(ctx, "disable users");
    UUID id = userId(ctx);
    try {
      Responses.json(ctx, 200, json(app.userAdmin.disable(actor(admin), id).orElseThrow(() -> userNotFound(id))));
    } catch (AccessConflict e) {
      throw conflict(e);
    }
  }

  private void enableUser(Context ctx) {
    User admin = admin(ctx, "enable users");
    UUID id = userId(ctx);
    Responses.json(ctx, 200, json(app.userAdmin.enable(actor(admin), id).orElseThrow(() -> userNotFound(id))));
  }

  private void listUserTokens(Context ctx) {
    admin(ctx, "list other users' tokens");
    UUID id = account(userId(ctx)).user().id();
    Responses.json(ctx, 200, new Items<>(app.tokens.list(id).stream().map(UserRoutes::json).toList()));
  }

  private void issueUserToken(Context ctx) {
    User admin = admin(ctx, "issue tokens to other users");
    UUID id = userId(ctx);
    String label = label(ctx);
    issued(ctx, issue(admin, id, label));
  }

  private void revokeUserToken(Context ctx) {
    User admin = admin(ctx, "revoke other users' tokens");
    UUID id = account(userId(ctx)).user().id();
    revoke(ctx, admin, id, tokenId(ctx));
  }

  // ------------------------------------------------------------------ shared steps

  /** A list answer; users and tokens are few enough per request that only the user list is paged. */
  record Items<T>(List<T> items) {}

  private static User admin(Context ctx, String action) {
    User u = HttpServer.user(ctx);
    Access.requireRole(u, action, Role.ADMIN);
    return u;
  }

  private static AuditLog.Actor actor(User u) {
    return new AuditLog.Actor(u.id(), u.party());
  }

  private Account account(UUID id) {
    return app.userAdmin.get(id).orElseThrow(() -> userNotFound(id));
  }

  private Tokens.Issued issue(User actor, UUID userId, String label) {
    try {
      return app.tokens.issue(actor(actor), userId, label).orElseThrow(() -> userNotFound(userId));
    } catch (AccessConflict e) {
      throw conflict(e);
    }
  }

  private static void issued(Context ctx, Tokens.Issued t) {
    ctx.header("Cache-Control", "no-store");
    Responses.json(ctx, 201, json(t));
  }

  /** 204 whether the token was revoked now or before; 404 for a token that is not this user's. */
  private void revoke(Context ctx, User actor, UUID userId, UUID tokenId) {
    if (app.tokens.revoke(actor(actor), userId, tokenId) == Tokens.Revocation.NOT_FOUND) {
      throw ApiException.notFound("Token " + tokenId);
    }
    ctx.status(204);
  }

  private static UUID userId(Context ctx) {
    return uuid(ctx.pathParam("id"), "User");
  }

  private static UUID tokenId(Context ctx) {
    return uuid(ctx.pathParam("tokenId"), "Token");
  }

  /** A malformed id names nothing that exists: 404, like an unknown one. */
  private static UUID uuid(String s, String what) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound(what + " " + s);
    }
  }

  private static ApiException userNotFound(UUID id) {
    return ApiException.notFound("User " + id);
  }

  private static ApiException conflict(AccessConflict e) {
    return ApiException.conflict(e.getMessage(), List.of(new FieldError(e.field(), e.getMessage())));
  }

  private static String label(Context ctx) {
    JsonNode body = body(ctx, Set.of("label"));
    List<FieldError> errors = new ArrayList<>();
    String label = text(body, "label", errors);
    if (label != null && Tokens.labelProblem(label) != null) {
      errors.add(new FieldError("label", Tokens.labelProblem(label)));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return label;
  }

  /** The JSON object of the body, refused when it has other fields than these. */
  private static JsonNode body(Context ctx, Set<String> allowed) {
    Bodies.mediaType(ctx, List.of("application/json"));
    JsonNode n = Bodies.json(Bodies.bytes(ctx, MAX_BODY, "the body"), "body");
    if (!n.isObject()) {
      throw ApiException.invalid(List.of(new FieldError("body", "must be a JSON object with " + String.join(", ", new TreeSet<>(allowed)))));
    }
    List<FieldError> errors = new ArrayList<>();
    n.fieldNames().forEachRemaining(f -> {
      if (!allowed.contains(f)) {
        errors.add(new FieldError(f, "unknown field; allowed here: " + String.join(", ", new TreeSet<>(allowed))));
      }
    });
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return n;
  }

  private static String text(JsonNode body, String field, List<FieldError> errors) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    if (!n.isTextual()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    return n.asText();
  }

  private static Set<Role> roles(JsonNode body, List<FieldError> errors) {
    String allowed = "allowed: " + String.join(", ", Role.codes());
    JsonNode n = body.get("roles");
    if (n == null || n.isNull() || !n.isArray() || n.isEmpty()) {
      errors.add(new FieldError("roles", "must be a non-empty array of role codes; " + allowed));
      return Set.of();
    }
    Set<Role> out = EnumSet.noneOf(Role.class);
    for (int i = 0; i < n.size(); i++) {
      JsonNode r = n.get(i);
      Role role = r.isTextual() ? Role.fromCode(r.asText()) : null;
      if (role == null) {
        errors.add(new FieldError("roles[" + i + "]", "unknown role " + r + "; " + allowed));
      } else {
        out.add(role);
      }
    }
    return out;
  }
}
