package org.truce.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.truce.App;
import org.truce.access.LoginRoutes;
import org.truce.access.Role;
import org.truce.access.User;
import org.truce.access.UserRoutes;
import org.truce.audit.AuditRoutes;
import org.truce.bulletins.Bulletins;
import org.truce.exports.ExportRoutes;
import org.truce.incidents.IncidentRoutes;
import org.truce.places.PlaceRoutes;
import org.truce.reports.Ingest;
import org.truce.reports.ReportRoutes;
import org.truce.reports.SourceType;
import org.truce.reports.TimePrecision;
import org.truce.reports.ViolationType;
import org.truce.verification.FindingRule;
import org.truce.verification.VerificationRoutes;
import org.truce.web.WebAuth;
import org.truce.web.WebRoutes;
import org.truce.zones.Zone;
import org.truce.zones.ZoneRoutes;

/** The HTTP server: authentication, the feature routes, and problem+json for every error. */
public final class HttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  static final String USER = "truce.user";

  /** One registered route: the HTTP method and the path as registered ({@code /api/v1/reports/{id}}). */
  public record Route(String method, String path) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private final Javalin javalin;
  private final Ingest ownIngest;
  private final List<Route> routes;

  private HttpServer(Javalin javalin, Ingest ownIngest, List<Route> routes) {
    this.javalin = javalin;
    this.ownIngest = ownIngest;
    this.routes = List.copyOf(routes);
  }

  /** Starts the server on port (0: a free one); reports are stored by app.ingest, which the caller starts. */
  public static HttpServer start(App app, int port) {
    return start(app, app.ingest, port, null);
  }

  /**
   * Only for the benchmark that measures what the audit log costs ({@code truce bench api --audit-cost}): the
   * same server, but reports are stored by {@link App#ingestWithoutAudit()}, which appends nothing to the log.
   * No setting or command other than that benchmark reaches it. The server starts that ingest and closes it.
   */
  public static HttpServer startWithoutAuditForBenchmark(App app, int port) {
    Ingest ingest = app.ingestWithoutAudit().start();
    try {
      return start(app, ingest, port, ingest);
    } catch (RuntimeException e) {
      ingest.close();
      throw e;
    }
  }

  private static HttpServer start(App app, Ingest ingest, int port, Ingest own) {
    WebAuth web = new WebAuth(app);
    OpenApi openApi = OpenApi.load(enums(app));
    List<Route> routes = new ArrayList<>();
    Javalin j = Javalin.create(config -> {
      config.events.handlerAdded(h -> {
        if (h.getHttpMethod().isHttpMethod()) {
          routes.add(new Route(h.getHttpMethod().name(), h.getPath()));
        }
      });
      config.startup.showJavalinBanner = false;
      config.http.maxRequestSize = app.settings.limits().maxBatchBytes();
      config.jetty.port = port;
      config.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
      config.routes.before("/api/*", ctx -> authenticate(app, web, ctx));
      config.routes.get(OpenApi.PATH, openApi::serve);
      new ZoneRoutes(app).register(config.routes);
      new PlaceRoutes(app).register(config.routes);
      new ReportRoutes(app, ingest).register(config.routes);
      new IncidentRoutes(app).register(config.routes);
      new ExportRoutes(app).register(config.routes);
      new AuditRoutes(app).register(config.routes);
      new VerificationRoutes(app).register(config.routes);
      new UserRoutes(app).register(config.routes);
      new org.truce.bulletins.BulletinRoutes(app).register(config.routes);
      new LoginRoutes(app).register(config.routes);
      new WebRoutes(app, web).register(config.routes);
      config.routes.exception(ApiException.class, (e, ctx) -> Problems.answer(ctx, e));
      config.routes.exception(HttpResponseException.class, (e, ctx) -> Problems.answer(ctx,
          new ApiException(e.getStatus(), e.getMessage(), e.getMessage(), List.of(), null)));
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        Problems.answer(ctx, Problems.internal());
      });
      config.routes.error(404, ctx -> {
        if (ctx.result() == null) {
          Problems.answer(ctx, ApiException.notFound("No route " + ctx.method() + " " + ctx.path() + ";"));
        }
      });
      config.routes.error(405, ctx -> Problems.answer(ctx,
          new ApiException(405, "Method not allowed", ctx.method() + " is not allowed on " + ctx.path(), List.of(), null)));
    });
    j.start(port);
    return new HttpServer(j, own, routes);
  }

  /** The allowed values that the API's description lists, by schema name: from the code, and this deployment's data. */
  private static Map<String, List<String>> enums(App app) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("ViolationType", ViolationType.codes());
    m.put("SourceType", SourceType.codes());
    m.put("TimePrecision", TimePrecision.codes());
    m.put("Finding", IncidentRoutes.FINDINGS);
    m.put("AssessmentValue", FindingRule.ASSESSMENTS);
    m.put("FindingRuleCode", FindingRule.codes());
    m.put("SignatureRuleCode", Bulletins.RULES);
    m.put("Role", Role.codes());
    m.put("PartyCode", app.parties.codes());
    m.put("SourcePartyCode", app.parties.sourceCodes());
    m.put("ZoneId", app.zones.zones().stream().filter(z -> !z.isAreaOfOperation()).map(Zone::id).toList());
    return m;
  }

  private static void authenticate(App app, WebAuth web, Context ctx) {
    if (HandlerType.GET.equals(ctx.method()) && OpenApi.PATH.equals(ctx.path())) {
      // the API's description is documentation, public like /health: a client reads it before it has a token
      return;
    }
    String h = ctx.header("Authorization");
    if (h == null && web.hasSessionCookie(ctx)) {
      // the web interface's own calls: its session cookie, and its CSRF token on anything but GET and HEAD
      ctx.attribute(USER, web.apiUser(ctx));
      return;
    }
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized();
    }
    User u = app.users.authenticate(h.substring(7).trim()).orElseThrow(ApiException::unauthorized);
    ctx.attribute(USER, u);
  }

  /** The authenticated caller of an /api request. */
  public static User user(Context ctx) {
    User u = ctx.attribute(USER);
    if (u == null) {
      throw ApiException.unauthorized();
    }
    return u;
  }

  /** Every route the server registered (method and path, as registered; before- and after-handlers aside). */
  public List<Route> routes() {
    return routes;
  }

  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
    if (ownIngest != null) {
      ownIngest.close();
    }
  }
}
