package org.truce.incidents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.truce.parties.Party;
import org.truce.reports.TimePrecision;
import org.truce.reports.ViolationType;

/**
 * An incident as deduplication sees it: its member reports and what is derived from them.
 * Everything but id and founder is recomputed from the members, so the order in which they joined does not matter.
 */
public final class IncidentState {

  final UUID id;
  final UUID founder;
  final List<Member> members = new ArrayList<>(2);
  boolean stored;
  boolean dirty;
  boolean needsReview;
  String reviewCandidates;

  long start;
  long end;
  TimePrecision precision;
  double lat;
  double lon;
  double precisionKm;
  String zoneId;
  ViolationType type;
  String perpetrator;
  final Set<String> perpetrators = new TreeSet<>();
  final Set<String> sourceParties = new TreeSet<>();
  final Set<String> sources = new TreeSet<>();
  final Set<ViolationType> types = new TreeSet<>();

  IncidentState(UUID id, UUID founder) {
    this.id = id;
    this.founder = founder;
  }

  /**
   * An incident's id follows from the report that opened it, so that rebuilding gives the same ids. It is a
   * version 8 UUID that begins with the report's time (like UUIDv7), so that new incidents land at the end
   * of the primary key's B-tree instead of all over it.
   */
  public static UUID idFor(Member founder) {
    UUID h = UUID.nameUUIDFromBytes(("truce-incident:" + founder.reportId()).getBytes(StandardCharsets.US_ASCII));
    long msb = (founder.startMillis() << 16) | 0x8000L | (h.getMostSignificantBits() & 0x0FFFL);
    return new UUID(msb, h.getLeastSignificantBits());
  }

  static IncidentState open(Member founder) {
    IncidentState s = new IncidentState(idFor(founder), founder.reportId());
    s.add(founder);
    return s;
  }

  void add(Member m) {
    members.add(m);
    recompute();
    dirty = true;
  }

  public UUID id() {
    return id;
  }

  public List<Member> members() {
    return Collections.unmodifiableList(members);
  }

  void recompute() {
    start = Long.MAX_VALUE;
    end = Long.MIN_VALUE;
    precision = TimePrecision.DAY;
    double wsum = 0;
    double wlat = 0;
    double wlon = 0;
    Map<ViolationType, Integer> typeVotes = new HashMap<>();
    Map<String, Integer> perpVotes = new HashMap<>();
    Map<String, Integer> zoneVotes = new HashMap<>();
    perpetrators.clear();
    sourceParties.clear();
    sources.clear();
    types.clear();
    for (Member m : members) {
      start = Math.min(start, m.startMillis());
      end = Math.max(end, m.endMillis());
      if (m.precision().ordinal() < precision.ordinal()) {
        precision = m.precision();
      }
      // inverse-variance weights: a precise observation post outweighs a vague hotline call
      double w = 1.0 / (m.precisionKm() * m.precisionKm());
      wsum += w;
      wlat += w * m.lat();
      wlon += w * m.lon();
      typeVotes.merge(m.type(), 1, Integer::sum);
      types.add(m.type());
      perpetrators.add(m.perpetrator());
      sourceParties.add(m.sourceParty());
      sources.add(m.source());
      if (!Party.UNKNOWN.equals(m.perpetrator())) {
        perpVotes.merge(m.perpetrator(), 1, Integer::sum);
      }
      zoneVotes.merge(m.zoneId() == null ? "" : m.zoneId(), 1, Integer::sum);
    }
    lat = wlat / wsum;
    lon = wlon / wsum;
    precisionKm = Math.sqrt(1.0 / wsum);
    type = typeVotes.entrySet().stream()
        .min((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue())
        .orElseThrow().getKey();
    perpetrator = perpVotes.isEmpty() ? Party.UNKNOWN : mostVoted(perpVotes);
    String z = mostVoted(zoneVotes);
    zoneId = z.isEmpty() ? null : z;
  }

  private static String mostVoted(Map<String, Integer> votes) {
    return votes.entrySet().stream()
        .min((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue())
        .orElseThrow().getKey();
  }

  /** ACLED's geo_precision: 1 the place itself, 2 near it or part of a region, 3 only the region. */
  int geoPrecision() {
    return precisionKm <= 2 ? 1 : precisionKm <= 15 ? 2 : 3;
  }

  Estimate civiliansKilled() {
    return Estimate.of(members, Member::civiliansKilled);
  }

  Estimate civiliansInjured() {
    return Estimate.of(members, Member::civiliansInjured);
  }

  Estimate combatantsKilled() {
    return Estimate.of(members, Member::combatantsKilled);
  }

  Estimate combatantsInjured() {
    return Estimate.of(members, Member::combatantsInjured);
  }

  String searchText() {
    StringBuilder sb = new StringBuilder();
    for (Member m : members) {
      if (m.description() != null && !m.description().isEmpty()) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(m.description());
      }
    }
    if (sb.length() <= 4000) {
      return sb.toString();
    }
    int cut = Character.isHighSurrogate(sb.charAt(3999)) ? 3999 : 4000;
    return sb.substring(0, cut);
  }
}
