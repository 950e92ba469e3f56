package org.truce.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.truce.access.Sessions;
import org.truce.incidents.IncidentRoutes;
import org.truce.reports.ViolationType;
import org.truce.zones.Zone;

/**
 * The start page: the map of incidents with its filters, counts and time slider. The page itself carries only the
 * filters; its script asks the API for the counts of the view shown. Opened without any filter, it shows the last
 * 30 days that hold incidents.
 */
final class DashboardPages {

  static final List<String> FILTERS = List.of("from", "to", "zone", "type", "perpetrator", "finding", "zoom");
  /** The prefixes of the words the page scripts look up. */
  static final List<String> SCRIPT_WORDS = List.of("map.", "finding.", "type.", "zone.", "party.", "report.js.");

  private final Web web;

  DashboardPages(Web web) {
    this.web = web;
  }

  void register(RoutesConfig routes) {
    routes.get("/", this::dashboard);
  }

  private void dashboard(Context ctx) {
    Sessions.Live s = web.session(ctx);
    View v = web.view(ctx, s);
    OffsetDateTime[] span = web.app.db.jdbi().withHandle(h -> h.createQuery("select min(t_start), max(t_start) from incidents")
        .map((rs, c) -> new OffsetDateTime[] {rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)})
        .one());
    LocalDate last = span[1] == null ? LocalDate.ofInstant(web.app.clock.instant(), ZoneOffset.UTC)
        : span[1].withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    LocalDate first = span[0] == null ? last.minusDays(29) : span[0].withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    if (first.isAfter(last.minusDays(29))) {
      first = last.minusDays(29);
    }
    boolean filtered = FILTERS.stream().anyMatch(f -> ctx.queryParam(f) != null);
    String from = filtered ? date(ctx.queryParam("from")) : last.minusDays(29).toString();
    String to = filtered ? date(ctx.queryParam("to")) : last.toString();
    List<String> zones = web.app.zones.zones().stream().filter(z -> !z.isAreaOfOperation()).map(Zone::id).toList();
    Map<String, String> words = new TreeMap<>();
    for (String prefix : SCRIPT_WORDS) {
      words.putAll(web.messages.withPrefix(v.lang(), prefix));
    }
    DashboardPage page = new DashboardPage(from, to, chosen(ctx, "zone"), chosen(ctx, "type"), chosen(ctx, "perpetrator"),
        chosen(ctx, "finding"), zones, ViolationType.codes(), web.app.parties.codes(), IncidentRoutes.FINDINGS,
        first.toString() + "T00:00:00Z", ChronoUnit.DAYS.between(first, last), words);
    Pages.render(ctx, 200, "dashboard.jte", v, page);
  }

  /** A date as the form's date input holds it (yyyy-mm-dd), or empty when the parameter is not one. */
  private static String date(String s) {
    if (s == null || s.length() < 10) {
      return "";
    }
    try {
      return LocalDate.parse(s.substring(0, 10)).toString();
    } catch (java.time.DateTimeException e) {
      return "";
    }
  }

  private static Set<String> chosen(Context ctx, String name) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : ctx.queryParams(name)) {
      for (String part : raw.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }
}
