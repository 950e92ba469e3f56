package org.truce.incidents;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.truce.App;
import org.truce.access.Access;
import org.truce.access.User;
import org.truce.parties.Party;
import org.truce.reports.ReportStore;
import org.truce.verification.Assessment;
import org.truce.verification.FindingChange;
import org.truce.verification.Response;
import org.truce.verification.Verification;

/**
 * One incident as a given user may see it: the reports that user may read, the assessments, finding history and
 * responses with the people named only where docs/permissions.md allows, and the corrections. The API's
 * {@code GET /api/v1/incidents/{id}} and the web page show exactly this.
 */
public record IncidentDetail(Incident incident, List<ReportStore.StoredReport> reports, String findingRule,
                             List<Assessment> assessments, List<FindingChange> findingHistory, List<Response> responses,
                             List<Map<String, Object>> corrections) {

  /** The incident as u may see it, or empty when there is none with that id. */
  public static Optional<IncidentDetail> read(App app, User u, UUID id) {
    return app.db.jdbi().withHandle(h -> {
      Optional<Incident> found = app.incidents.get(h, id);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      // every caller sees the incident; its reports only where the caller may read them (docs/permissions.md)
      List<ReportStore.StoredReport> reports = app.reports.byIncident(h, id).stream()
          .filter(r -> Access.canSeeReport(u, (String) r.source().get("party"), app.parties)).toList();
      Verification.View v = app.verification.seenBy(u, app.verification.view(h, id, app.verification.basis(h, id)));
      Party p = app.parties.get(u.party());
      boolean secretariat = p != null && Party.SECRETARIAT.equals(p.kind());
      return Optional.of(new IncidentDetail(found.get(), reports, v.rule(), v.assessments(), v.findingHistory(),
          v.responses(), app.curation.history(h, id, secretariat)));
    });
  }
}
