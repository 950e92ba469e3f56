package org.truce.places;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.truce.App;
import org.truce.http.ApiException;
import org.truce.http.FieldError;
import org.truce.http.HttpServer;
import org.truce.http.Responses;

/**
 * Place-name search over the shipped gazetteer, for the report form's place picker: names in Latin or Arabic
 * script, with or without diacritics or the Arabic article.
 *
 * <pre>curl -H "Authorization: Bearer $TOKEN" 'http://localhost:8080/api/v1/places?q=sarak&amp;limit=5'</pre>
 */
public final class PlaceRoutes {

  private final App app;

  public PlaceRoutes(App app) {
    this.app = app;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/places", this::search);
  }

  private void search(Context ctx) {
    HttpServer.user(ctx);
    List<FieldError> errors = new ArrayList<>();
    for (String p : ctx.queryParamMap().keySet()) {
      if (!p.isEmpty() && !p.equals("q") && !p.equals("limit")) {
        errors.add(new FieldError(p, "unknown query parameter; allowed: limit, q"));
      }
    }
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank() || q.length() > 200) {
      errors.add(new FieldError("q", "is required: 1 to 200 characters of a place's name"));
    }
    int limit = 10;
    String l = ctx.queryParam("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l.trim());
      } catch (NumberFormatException e) {
        limit = 0;
      }
      if (limit < 1 || limit > 50) {
        errors.add(new FieldError("limit", "must be a whole number from 1 to 50"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    List<Map<String, Object>> items = app.gazetteer.search(q, limit).stream().map(m -> Map.<String, Object>of(
        "name", m.place().name(), "matched", m.matched(), "lat", m.place().lat(), "lon", m.place().lon(),
        "population", m.place().population(), "geonameId", m.place().geonameId())).toList();
    Responses.json(ctx, 200, Map.of("items", items));
  }
}
