package org.truce.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import org.truce.App;
import org.truce.audit.AuditLog;
import org.truce.http.ApiException;
import org.truce.http.Bodies;
import org.truce.http.FieldError;
import org.truce.http.HttpServer;

/**
 * Admin routes of web sign-in: set a user's password, lift a lock-out. Both answer 204 and are audited.
 *
 * <pre>
 * curl -X PUT -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
 *   -d '{"password": "a long passphrase of one'"'"'s own"}' http://localhost:8080/api/v1/users/$USER_ID/password
 * curl -X POST -H "Authorization: Bearer $ADMIN_TOKEN" http://localhost:8080/api/v1/users/$USER_ID/unlock
 * </pre>
 */
public final class LoginRoutes {

  static final int MAX_BODY_BYTES = 16 * 1024;

  private final App app;

  public LoginRoutes(App app) {
    this.app = app;
  }

  public void register(RoutesConfig routes) {
    routes.put("/api/v1/users/{id}/password", this::setPassword);
    routes.post("/api/v1/users/{id}/unlock", this::unlock);
  }

  private void setPassword(Context ctx) {
    User admin = HttpServer.user(ctx);
    Access.requireRole(admin, "set passwords", Role.ADMIN);
    UUID id = existingUser(ctx);
    Bodies.mediaType(ctx, List.of("application/json"));
    JsonNode body = Bodies.json(Bodies.bytes(ctx, MAX_BODY_BYTES, "the body"), "body");
    JsonNode pw = body.isObject() ? body.get("password") : null;
    String problem = pw == null || !pw.isTextual()
        ? "is required: a string of " + Passwords.MIN_LENGTH + " to " + Passwords.MAX_LENGTH + " characters"
        : Passwords.problem(pw.asText());
    if (problem != null) {
      throw ApiException.invalid(List.of(new FieldError("password", problem)));
    }
    if (!app.logins.setPassword(new AuditLog.Actor(admin.id(), admin.party()), "admin", id, pw.asText())) {
      throw ApiException.notFound("user " + id);
    }
    ctx.status(204);
  }

  private void unlock(Context ctx) {
    User admin = HttpServer.user(ctx);
    Access.requireRole(admin, "unlock users", Role.ADMIN);
    UUID id = existingUser(ctx);
    if (!app.logins.unlock(new AuditLog.Actor(admin.id(), admin.party()), id)) {
      throw ApiException.notFound("user " + id);
    }
    ctx.status(204);
  }

  /** The id in the path when a user has it; 404 otherwise, a malformed id included. */
  private UUID existingUser(Context ctx) {
    String raw = ctx.pathParam("id");
    UUID id;
    try {
      id = UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("user " + raw);
    }
    if (app.db.jdbi().withHandle(h -> app.users.byId(h, id)).isEmpty()) {
      throw ApiException.notFound("user " + id);
    }
    return id;
  }
}
