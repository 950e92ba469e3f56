package org.truce.audit;

import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.truce.App;
import org.truce.http.Responses;

/**
 * The head of the audit chain, for each guarantor to keep its own copy and later check with
 * {@code truce audit verify --against HEAD.json}.
 *
 * <pre>curl -H "Authorization: Bearer $TOKEN" http://localhost:8080/api/v1/audit/head > head-$(date +%F).json</pre>
 */
public final class AuditRoutes {

  private final App app;

  public AuditRoutes(App app) {
    this.app = app;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/audit/head", ctx -> {
      AuditLog.Head head = app.audit.head();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("seq", head.seq());
      body.put("hash", head.hash());
      Responses.json(ctx, 200, body, "application/json");
    });
  }
}
