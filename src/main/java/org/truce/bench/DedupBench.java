package org.truce.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.truce.config.DedupSettings;
import org.truce.config.Limits;
import org.truce.incidents.IncidentState;
import org.truce.incidents.LinkDecision;
import org.truce.incidents.Linker;
import org.truce.incidents.Matcher;
import org.truce.incidents.Member;
import org.truce.incidents.Rebuild;
import org.truce.parties.Parties;
import org.truce.places.Gazetteer;
import org.truce.reports.ReportInput;
import org.truce.reports.ReportParser;
import org.truce.scenario.ScenarioGenerator;
import org.truce.zones.ZoneIndex;

/** Deduplication quality on a generated scenario: online (arrival order) and rebuilt (canonical order). */
public final class DedupBench {

  /** Quality of one clustering run, with its size and review rate. */
  public record Result(String mode, double noise, int reports, int trueIncidents, int incidents, int review,
                       PairwiseQuality.Scores scores, double seconds) {}

  private DedupBench() {}

  public static List<Result> run(LocalDate start, int days, long seed, double noise, double scale, DedupSettings settings,
                                 Parties parties, ZoneIndex zones, Gazetteer gazetteer) {
    // the clock sits after the scenario so that every report is in the past
    Clock clock = Clock.fixed(Instant.from(start.plusDays(days + 1L).atStartOfDay(ZoneOffset.UTC)), ZoneOffset.UTC);
    ReportParser parser = new ReportParser(parties, zones, gazetteer, Limits.defaults(), clock);
    List<Member> members = new ArrayList<>();
    Map<UUID, String> truth = new HashMap<>();
    Iterator<ScenarioGenerator.Generated> it = new ScenarioGenerator(new ScenarioGenerator.Options(start, days, seed, noise, scale)).iterator();
    while (it.hasNext()) {
      ScenarioGenerator.Generated g = it.next();
      ReportParser.Result r = parser.parse(g.report());
      if (!r.ok()) {
        throw new IllegalStateException("scenario report is invalid: " + r.errors());
      }
      ReportInput in = r.report();
      members.add(new Member(in.id(), in.sourceParty(), in.sourceType().code(), in.occurredAt().toInstant().toEpochMilli(),
          in.until().toInstant().toEpochMilli(), in.timePrecision(), in.lat(), in.lon(), in.precisionKm(),
          zones.place(in.lat(), in.lon(), in.occurredAt().toLocalDate()).zoneId(), in.type(), in.allegedPerpetrator(), in.civiliansKilled(),
          in.civiliansInjured(), in.combatantsKilled(), in.combatantsInjured(), null));
      truth.put(in.id(), g.trueIncidentId());
    }
    int trueIncidents = (int) truth.values().stream().distinct().count();
    Matcher matcher = new Matcher(settings);
    List<Result> out = new ArrayList<>();

    long t0 = System.nanoTime();
    Linker linker = new Linker(matcher, Integer.MAX_VALUE);
    PairwiseQuality online = new PairwiseQuality();
    Map<UUID, IncidentState> seen = new HashMap<>();
    int review = 0;
    Map<UUID, UUID> assigned = new HashMap<>();
    for (Member m : members) {
      LinkDecision d = linker.link(m, null);
      assigned.put(m.reportId(), d.incident().id());
      seen.put(d.incident().id(), d.incident());
      if (LinkDecision.REVIEW.equals(d.link())) {
        review++;
      }
    }
    assigned.forEach((report, incident) -> online.add(incident.toString(), truth.get(report)));
    out.add(new Result("online", noise, members.size(), trueIncidents, seen.size(), review, online.scores(),
        (System.nanoTime() - t0) / 1e9));

    t0 = System.nanoTime();
    PairwiseQuality rebuilt = new PairwiseQuality();
    List<IncidentState> clusters = Rebuild.cluster(members, matcher);
    for (IncidentState s : clusters) {
      for (Member m : s.members()) {
        rebuilt.add(s.id().toString(), truth.get(m.reportId()));
      }
    }
    out.add(new Result("rebuild", noise, members.size(), trueIncidents, clusters.size(), -1, rebuilt.scores(),
        (System.nanoTime() - t0) / 1e9));
    return out;
  }
}
