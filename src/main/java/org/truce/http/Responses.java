package org.truce.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;

/** Writes JSON answers with the one configured mapper. */
public final class Responses {

  private Responses() {}

  public static void json(Context ctx, int status, Object body) {
    json(ctx, status, body, "application/json");
  }

  public static void json(Context ctx, int status, Object body, String contentType) {
    try {
      ctx.status(status).contentType(contentType).result(Json.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write answer as JSON", e);
    }
  }
}
