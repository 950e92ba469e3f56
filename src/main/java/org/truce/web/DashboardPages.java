package org.truce.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.truce.access.Sessions;

/** The start page: the map of incidents with its filters and counts. */
final class DashboardPages {

  private final Web web;

  DashboardPages(Web web) {
    this.web = web;
  }

  void register(RoutesConfig routes) {
    routes.get("/", this::dashboard);
  }

  private void dashboard(Context ctx) {
    Sessions.Live s = web.session(ctx);
    web.render(ctx, 200, "dashboard.jte", s, null);
  }
}
