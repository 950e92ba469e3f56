package org.truce.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.truce.access.Role;
import org.truce.access.Sessions;
import org.truce.access.User;
import org.truce.reports.SourceType;
import org.truce.reports.TimePrecision;
import org.truce.reports.ViolationType;

/**
 * The report form: its script sends the report to POST /api/v1/reports with the session's cookie and CSRF token,
 * so a report from the web is validated, placed and linked exactly like one from the API. A map picker sets the
 * coordinates; a place-name search (GET /api/v1/places) finds a place of the gazetteer.
 */
final class ReportPages {

  private final Web web;

  ReportPages(Web web) {
    this.web = web;
  }

  void register(RoutesConfig routes) {
    routes.get("/reports/new", this::form);
  }

  private void form(Context ctx) {
    Sessions.Live s = web.session(ctx);
    User u = s.user();
    web.requireRole(u, Role.REPORTER, Role.COORDINATOR, Role.ADMIN);
    View v = web.view(ctx, s);
    // a reporter reports for its own party; the secretariat for any source
    List<String> sources = u.hasAny(Role.COORDINATOR, Role.ADMIN) ? web.app.parties.sourceCodes() : List.of(u.party());
    Map<String, String> words = new TreeMap<>(web.messages.withPrefix(v.lang(), "report.js."));
    words.putAll(web.messages.withPrefix(v.lang(), "map."));
    words.putAll(web.messages.withPrefix(v.lang(), "zone."));
    Pages.render(ctx, 200, "report-form.jte", v, new ReportFormPage(sources, SourceType.codes(),
        java.util.Arrays.stream(TimePrecision.values()).map(TimePrecision::code).toList(), ViolationType.codes(),
        web.app.parties.codes(), List.of("ar", "en", "ru", "fa", "tr", "ku"), words));
  }
}
