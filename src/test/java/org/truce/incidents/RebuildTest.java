package org.truce.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.App;
import org.truce.config.Settings;
import org.truce.reports.ReportInput;
import org.truce.scenario.ScenarioGenerator;
import org.truce.support.TestDatabase;

/** `truce incidents rebuild` on the database: arrival order does not matter, and a second rebuild changes nothing. */
@Tag("db")
class RebuildTest {

  @Test
  void reportsStoredInDifferentOrdersRebuildToTheSameIncidents() {
    List<ReportInput> reports = new ArrayList<>();
    try (App probe = open()) {
      Iterator<ScenarioGenerator.Generated> it = new ScenarioGenerator(
          new ScenarioGenerator.Options(LocalDate.of(2026, 10, 1), 2, 5, 1.0, 1.0)).iterator();
      while (it.hasNext()) {
        reports.add(probe.parser.parse(it.next().report()).report());
      }
    }
    List<ReportInput> shuffled = new ArrayList<>(reports);
    Collections.shuffle(shuffled, new Random(3));

    Map<UUID, UUID> first = storeAndRebuild(reports, true);
    Map<UUID, UUID> second = storeAndRebuild(shuffled, false);

    assertThat(first).hasSize(reports.size()).isEqualTo(second);
  }

  private static Map<UUID, UUID> storeAndRebuild(List<ReportInput> reports, boolean checkSecondRun) {
    try (App app = open()) {
      for (int i = 0; i < reports.size(); i += 500) {
        app.ingest.store(reports.subList(i, Math.min(reports.size(), i + 500)), org.truce.audit.AuditLog.Actor.SYSTEM);
      }
      Rebuild rebuild = new Rebuild(app.db.jdbi(), app.incidents, app.matcher, app.audit, app.verification, Clock.systemUTC());
      Rebuild.Summary s = rebuild.run();
      assertThat(s.reports()).isEqualTo(reports.size());
      if (checkSecondRun) {
        Rebuild.Summary again = rebuild.run();
        assertThat(again.relinked()).as("a second rebuild moves nothing").isZero();
        assertThat(again.retired()).isZero();
      }
      Map<UUID, UUID> incidentOf = new HashMap<>();
      app.db.jdbi().useHandle(h -> h.createQuery("select id, incident_id from reports").map((rs, ctx) -> {
        incidentOf.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
        return null;
      }).list());
      int orphans = app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from reports r join incidents i"
          + " on i.id = r.incident_id where i.merged_into is not null").mapTo(Integer.class).one());
      assertThat(orphans).as("no report points to a retired incident").isZero();
      return incidentOf;
    }
  }

  private static App open() {
    return App.open(Settings.fromEnvironment(Map.of()).withDbUrl(TestDatabase.freshUrl()), Clock.systemUTC());
  }
}
