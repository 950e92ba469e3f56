package org.truce.zones;

import io.javalin.config.RoutesConfig;
import org.truce.App;
import org.truce.http.Responses;

/**
 * Zones as GeoJSON.
 *
 * <pre>curl -H "Authorization: Bearer $TOKEN" http://localhost:8080/api/v1/zones</pre>
 */
public final class ZoneRoutes {

  private final App app;

  public ZoneRoutes(App app) {
    this.app = app;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/zones", ctx -> Responses.json(ctx, 200, ZoneStore.toGeoJson(app.zones.zones()), "application/geo+json"));
  }
}
