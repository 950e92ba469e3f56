package org.truce.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** The one place where errors become RFC 9457 problem documents. */
public final class Problems {

  public static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  public static ObjectNode toJson(ApiException e, String instance) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", "about:blank");
    n.put("title", e.title());
    n.put("status", e.status());
    n.put("detail", e.getMessage());
    if (instance != null) {
      n.put("instance", instance);
    }
    ArrayNode errors = n.putArray("errors");
    for (FieldError fe : e.errors()) {
      errors.addObject().put("field", fe.field()).put("message", fe.message());
    }
    for (Map.Entry<String, Object> x : e.extra().entrySet()) {
      n.set(x.getKey(), Json.MAPPER.valueToTree(x.getValue()));
    }
    return n;
  }

  static void answer(Context ctx, ApiException e) {
    ctx.status(e.status());
    ctx.contentType(CONTENT_TYPE);
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"truce\"");
    }
    // bytes, not a String: JSON is UTF-8 whatever the servlet's default charset
    ctx.result(toJson(e, ctx.path()).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static ApiException internal() {
    return new ApiException(500, "Internal error", "The server failed; nothing of this request was stored", List.of(), null);
  }
}
