package org.truce.exports;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.truce.App;
import org.truce.access.Access;
import org.truce.access.User;
import org.truce.http.ApiException;
import org.truce.http.FieldError;
import org.truce.http.HttpServer;
import org.truce.incidents.IncidentFilter;
import org.truce.incidents.IncidentFilters;

/**
 * The open-data exports, for every signed-in user; the incident exports take the incident list's filters.
 *
 * <pre>
 * curl -OJ -H "Authorization: Bearer $TOKEN" 'http://localhost:8080/api/v1/exports/incidents.acled.csv?from=2026-11-01&amp;zone=idlib'
 * curl -OJ -H "Authorization: Bearer $TOKEN" 'http://localhost:8080/api/v1/exports/incidents.hxl.csv?type=shelling,air_strike'
 * curl -OJ -H "Authorization: Bearer $TOKEN" 'http://localhost:8080/api/v1/exports/incidents.geojson?perpetrator=SY-GOV'
 * curl -OJ -H "Authorization: Bearer $TOKEN" 'http://localhost:8080/api/v1/exports/zones.geojson'
 * </pre>
 */
public final class ExportRoutes {

  /** Incident exports running at once: each holds a database connection for its whole length (the pool has 16). */
  static final int MAX_RUNNING = 4;

  private final App app;
  private final Exports exports;
  private final Semaphore running = new Semaphore(MAX_RUNNING);

  public ExportRoutes(App app) {
    this.app = app;
    this.exports = Exports.of(app);
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/exports/incidents.geojson", ctx -> incidents(ctx, ExportFormat.GEOJSON));
    routes.get("/api/v1/exports/incidents.acled.csv", ctx -> incidents(ctx, ExportFormat.ACLED));
    routes.get("/api/v1/exports/incidents.hxl.csv", ctx -> incidents(ctx, ExportFormat.HXL));
    routes.get("/api/v1/exports/zones.geojson", this::zones);
  }

  private void incidents(Context ctx, ExportFormat format) throws IOException {
    User u = HttpServer.user(ctx);
    List<FieldError> errors = new ArrayList<>();
    IncidentFilter filter = new IncidentFilters(app.zones, app.parties).read(ctx.queryParamMap(), Set.of(), errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    if (!running.tryAcquire()) {
      ctx.header("Retry-After", "30");
      throw new ApiException(503, "Busy", MAX_RUNNING + " exports are running; try again in a little while", List.of(), null);
    }
    try {
      start(ctx, format.contentType(), format.fileName());
      exports.incidents(format, filter, party -> Access.canSeeReport(u, party, app.parties), ctx.outputStream());
    } finally {
      running.release();
    }
  }

  private void zones(Context ctx) throws IOException {
    HttpServer.user(ctx);
    List<FieldError> errors = new ArrayList<>();
    Exports.ZoneSelection selection = Exports.ZoneSelection.read(ctx.queryParamMap(), exports.zoneIds(), errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    start(ctx, "application/geo+json", "truce-zones.geojson");
    exports.zones(selection, ctx.outputStream());
  }

  /** The answer's headers; the body is then written as the rows come, so it is never held whole. */
  private static void start(Context ctx, String contentType, String fileName) {
    ctx.status(200).contentType(contentType).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
  }
}
