package org.truce.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.truce.config.DedupSettings;
import org.truce.reports.TimePrecision;
import org.truce.reports.ViolationType;

/** Rebuilding gives the same incidents whatever order the reports arrived in. */
class RebuildProperties {

  static final long T0 = 1_790_000_000_000L;
  final Matcher matcher = new Matcher(DedupSettings.defaults());

  @Property(tries = 300)
  void sameReportsInAnyOrderGiveSameIncidents(@ForAll("crowdedReports") @Size(min = 1, max = 80) List<Member> reports,
                                              @ForAll long shuffleSeed) {
    List<Member> shuffled = new ArrayList<>(reports);
    Collections.shuffle(shuffled, new Random(shuffleSeed));
    assertThat(partition(Rebuild.cluster(shuffled, matcher))).isEqualTo(partition(Rebuild.cluster(reports, matcher)));
  }

  @Property(tries = 200)
  void everyReportLandsInExactlyOneIncident(@ForAll("crowdedReports") @Size(min = 1, max = 80) List<Member> reports) {
    List<IncidentState> incidents = Rebuild.cluster(reports, matcher);
    List<UUID> seen = new ArrayList<>();
    for (IncidentState s : incidents) {
      s.members.forEach(m -> seen.add(m.reportId()));
      assertThat(s.id).isEqualTo(IncidentState.idFor(s.members.stream().sorted(Member::canonicalOrder).findFirst().orElseThrow()));
    }
    assertThat(seen).hasSize(reports.size()).doesNotHaveDuplicates();
  }

  /** Incident id -> the ids of its reports: the whole outcome of a clustering. */
  static Map<UUID, Set<UUID>> partition(List<IncidentState> incidents) {
    Map<UUID, Set<UUID>> out = new TreeMap<>();
    for (IncidentState s : incidents) {
      Set<UUID> ids = new TreeSet<>();
      s.members.forEach(m -> ids.add(m.reportId()));
      out.put(s.id, ids);
    }
    return out;
  }

  /** Reports packed into a few hours and a few kilometres, so that most of them compete for the same incidents. */
  @Provide
  Arbitrary<List<Member>> crowdedReports() {
    Arbitrary<Member> member = Combinators.combine(
        Arbitraries.longs().between(0, 6 * 60),
        Arbitraries.doubles().between(0, 0.05),
        Arbitraries.doubles().between(0, 0.05),
        Arbitraries.of(0.2, 0.5, 1.0, 3.0),
        Arbitraries.of(ViolationType.SHELLING, ViolationType.AIR_STRIKE, ViolationType.SMALL_ARMS_FIRE, ViolationType.OTHER),
        Arbitraries.of("SY-GOV", "SY-OPP", "unknown"),
        Arbitraries.of("SY-GOV", "SY-OPP", "RU", "TR"),
        Arbitraries.of(TimePrecision.MINUTE, TimePrecision.MINUTE, TimePrecision.HOUR, TimePrecision.DAY))
        .as((minute, dlat, dlon, pkm, type, perp, source, precision) -> new Member(UUID.randomUUID(), source, "party_complaint",
            T0 + minute * 60_000, T0 + minute * 60_000, precision, 35.8 + dlat, 36.8 + dlon, pkm, "idlib", type, perp,
            null, null, null, null, null));
    return member.list();
  }
}
