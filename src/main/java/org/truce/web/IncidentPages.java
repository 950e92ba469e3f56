package org.truce.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.truce.access.Access;
import org.truce.access.Role;
import org.truce.access.Sessions;
import org.truce.access.User;
import org.truce.http.ApiException;
import org.truce.incidents.Incident;
import org.truce.incidents.IncidentDetail;
import org.truce.verification.Assessment;
import org.truce.verification.FindingRule;
import org.truce.verification.Verification;

/**
 * An incident's page (what GET /api/v1/incidents/{id} shows the same reader: its reports as far as the reader may
 * read them, assessments, responses, finding history and corrections), with the assessment form for reviewers of
 * a guarantor and the reply form for the party accused; and the review queue.
 */
final class IncidentPages {

  static final int MAX_TEXT = 10_000;

  private final Web web;

  IncidentPages(Web web) {
    this.web = web;
  }

  void register(RoutesConfig routes) {
    routes.get("/incidents/{id}", this::incident);
    routes.post("/incidents/{id}/assessments", this::assess);
    routes.post("/incidents/{id}/responses", this::respond);
    routes.get("/review", this::review);
  }

  private void incident(Context ctx) {
    Sessions.Live s = web.session(ctx);
    UUID id = id(ctx);
    String done = ctx.queryParam("done");
    show(ctx, s, id, 200, "assessed".equals(done) ? "incident.assessed" : "responded".equals(done) ? "incident.responded" : null,
        null, null, "review".equals(ctx.queryParam("from")));
  }

  private void show(Context ctx, Sessions.Live s, UUID id, int status, String doneKey, List<String> errors,
                    Map<String, String> typed, boolean fromReview) {
    User u = s.user();
    IncidentDetail d = IncidentDetail.read(web.app, u, id).orElseThrow(PageException::notFound);
    Incident i = d.incident();
    boolean mayAssess = u.has(Role.REVIEWER) && Access.isGuarantor(u, web.app.parties);
    boolean mayRespond = u.has(Role.REPORTER) && i.allegedPerpetrators().contains(u.party());
    Assessment own = d.assessments().stream().filter(a -> a.current() && a.guarantor().equals(u.party())).findFirst().orElse(null);
    web.render(ctx, status, "incident.jte", s, new IncidentPage(d, web.app.verification.guarantors(), mayAssess, mayRespond,
        own, FindingRule.ASSESSMENTS, doneKey, errors == null ? List.of() : errors, typed == null ? Map.of() : typed, fromReview));
  }

  private void assess(Context ctx) {
    Sessions.Live s = web.session(ctx);
    web.requireForm(ctx, s);
    web.requireGuarantorReviewer(s.user());
    UUID id = id(ctx);
    View v = web.view(ctx, s);
    String assessment = ctx.formParam("assessment");
    String rationale = ctx.formParam("rationale");
    String evidenceText = ctx.formParam("evidence");
    boolean fromReview = "review".equals(ctx.formParam("from"));
    List<String> errors = new ArrayList<>();
    if (assessment == null || !FindingRule.ASSESSMENTS.contains(assessment)) {
      errors.add(v.t("assess.error.assessment"));
    }
    if (rationale == null || rationale.isBlank() || rationale.length() > MAX_TEXT) {
      errors.add(v.t("assess.error.rationale", MAX_TEXT));
    }
    List<String> evidence = new ArrayList<>();
    for (String line : (evidenceText == null ? "" : evidenceText).split("\\R")) {
      if (!line.isBlank()) {
        evidence.add(line.strip());
      }
    }
    if (evidence.size() > 50 || evidence.stream().anyMatch(e -> e.length() > 2000)) {
      errors.add(v.t("assess.error.evidence"));
    }
    if (!errors.isEmpty()) {
      show(ctx, s, id, 422, null, errors, Map.of("assessment", nz(assessment), "rationale", nz(rationale),
          "evidence", nz(evidenceText)), fromReview);
      return;
    }
    try {
      web.app.verification.assessIncident(s.user(), id, new Verification.AssessmentInput(assessment, rationale, evidence));
    } catch (ApiException e) {
      throw asPage(e);
    }
    Pages.redirect(ctx, fromReview ? "/review?done=" + id : "/incidents/" + id + "?done=assessed");
  }

  private void respond(Context ctx) {
    Sessions.Live s = web.session(ctx);
    web.requireForm(ctx, s);
    web.requireRole(s.user(), Role.REPORTER);
    UUID id = id(ctx);
    View v = web.view(ctx, s);
    String text = ctx.formParam("response");
    if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
      show(ctx, s, id, 422, null, List.of(v.t("respond.error", MAX_TEXT)), Map.of("response", nz(text)), false);
      return;
    }
    try {
      web.app.verification.respond(s.user(), id, text);
    } catch (ApiException e) {
      throw asPage(e);
    }
    Pages.redirect(ctx, "/incidents/" + id + "?done=responded");
  }

  private void review(Context ctx) {
    Sessions.Live s = web.session(ctx);
    web.requireGuarantorReviewer(s.user());
    Verification.QueuePage q;
    try {
      q = web.app.verification.reviewQueue(s.user().party(), ctx.queryParam("cursor"), 50);
    } catch (IllegalArgumentException e) {
      q = web.app.verification.reviewQueue(s.user().party(), null, 50);
    }
    Verification.QueuePage page = q;
    List<Incident> incidents = web.app.db.jdbi().withHandle(h ->
        web.app.incidents.getAll(h, page.items().stream().map(Verification.QueueItem::incidentId).toList()));
    Map<UUID, List<String>> reasons = new java.util.HashMap<>();
    page.items().forEach(x -> reasons.put(x.incidentId(), x.reasons()));
    List<ReviewPage.Item> items = incidents.stream().map(i -> new ReviewPage.Item(i, reasons.get(i.id()))).toList();
    String done = ctx.queryParam("done");
    web.render(ctx, 200, "review.jte", s, new ReviewPage(s.user().party(), items, page.next(),
        done != null && done.matches("[0-9a-f-]{36}") ? done : null));
  }

  private static PageException asPage(ApiException e) {
    return switch (e.status()) {
      case 404 -> PageException.notFound();
      case 403 -> PageException.forbidden("error.forbidden.role");
      default -> new PageException(e.status(), "error.conflict", "error.conflict.message", null, e.getMessage());
    };
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static UUID id(Context ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw PageException.notFound();
    }
  }
}
