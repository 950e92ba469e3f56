package org.truce.incidents;

import static org.truce.reports.ViolationType.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.truce.config.DedupSettings;
import org.truce.parties.Party;
import org.truce.reports.ViolationType;
import org.truce.zones.Geo;

/**
 * The rule that decides whether a report describes an incident already known (docs/deduplication.md).
 * Time windows must meet within a tolerance widened by both time precisions, places must lie within a
 * distance widened by both location precisions, and type and blame must be compatible.
 */
public final class Matcher {

  /** Which reported types can describe the same event (what one side calls shelling the other may call an air strike). */
  static final Map<ViolationType, Set<ViolationType>> COMPATIBLE = new EnumMap<>(ViolationType.class);

  static {
    Set<ViolationType> remote = EnumSet.of(SHELLING, AIR_STRIKE, DRONE_STRIKE, IED_EXPLOSION);
    Set<ViolationType> ground = EnumSet.of(SMALL_ARMS_FIRE, SNIPER_FIRE, GROUND_ASSAULT);
    Set<ViolationType> onCivilians = EnumSet.of(ATTACK_ON_CIVILIANS, ATTACK_ON_HUMANITARIAN);
    Set<ViolationType> presence = EnumSet.of(FORCES_MOVEMENT, HEAVY_WEAPONS_IN_ZONE);
    for (ViolationType t : ViolationType.values()) {
      Set<ViolationType> s = EnumSet.of(t, OTHER);
      if (remote.contains(t) || ground.contains(t)) {
        s.addAll(remote.contains(t) ? remote : ground);
        s.addAll(onCivilians); // an attack seen from the receiving end is often reported as an attack on civilians
      }
      if (onCivilians.contains(t)) {
        s.addAll(onCivilians);
        s.addAll(remote);
        s.addAll(ground);
      }
      if (presence.contains(t)) {
        s.addAll(presence);
      }
      if (t == OTHER) {
        s.addAll(EnumSet.allOf(ViolationType.class));
      }
      COMPATIBLE.put(t, s);
    }
  }

  /** Share of the limits within which a report may join an incident its own source (party and kind) already reported. */
  static final double SAME_SOURCE_EDGE = 0.1;

  private final DedupSettings settings;

  public Matcher(DedupSettings settings) {
    this.settings = settings;
  }

  public DedupSettings settings() {
    return settings;
  }

  /** How well a report fits an incident: null when it cannot be the same event, else a score (lower is closer). */
  public record Fit(double score, double timeShare, double distanceShare) {
    /** The largest share of either limit used: near 1 means near the edge of the rule. */
    public double edge() {
      return Math.max(timeShare, distanceShare);
    }
  }

  public Fit fit(Member r, IncidentState i) {
    if (!typesCompatible(r.type(), i) || !blameCompatible(r, i)) {
      return null;
    }
    long gap = Math.max(0, Math.max(r.startMillis() - i.end, i.start - r.endMillis()));
    double allowedMillis = allowedGapMillis(r.precision().widening().toMillis(), i.precision.widening().toMillis());
    if (gap > allowedMillis) {
      return null;
    }
    // independent errors add in quadrature: two 1 km fixes of one place lie within about 1.4 km, not 2
    double allowedKm = settings.distanceKm() + Math.hypot(r.precisionKm(), i.precisionKm);
    if (Math.abs(r.lat() - i.lat) > Geo.latDegrees(allowedKm)) {
      return null;
    }
    double km = Geo.distanceKm(r.lat(), r.lon(), i.lat, i.lon);
    if (km > allowedKm) {
      return null;
    }
    double t = gap / allowedMillis;
    double d = km / allowedKm;
    // one source seldom reports one event twice: a second report of the same source must fit much closer
    if (i.sources.contains(r.source()) && Math.max(t, d) > SAME_SOURCE_EDGE) {
      return null;
    }
    double penalty = (i.type == r.type() ? 0 : 0.25) + (i.perpetrators.contains(r.perpetrator()) ? 0 : 0.1);
    return new Fit(t + d + penalty, t, d);
  }

  double allowedGapMillis(long wideningA, long wideningB) {
    return settings.timeToleranceMinutes() * 60_000.0 + wideningA + wideningB;
  }

  /** The widest time gap any match can have for a report of this widening (bounds candidate look-ups). */
  long searchMarginMillis(long reportWidening) {
    return (long) allowedGapMillis(reportWidening, org.truce.reports.TimePrecision.DAY.widening().toMillis());
  }

  static boolean typesCompatible(ViolationType t, IncidentState i) {
    Set<ViolationType> ok = COMPATIBLE.get(t);
    for (ViolationType it : i.types) {
      if (!ok.contains(it)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Blame is compatible when either side does not know, when both name the same party, or when the two
   * accounts blame each other's source (opposing sides routinely accuse each other of the same event).
   */
  static boolean blameCompatible(Member r, IncidentState i) {
    String p = r.perpetrator();
    if (Party.UNKNOWN.equals(p) || i.perpetrators.contains(p)) {
      return true;
    }
    for (String other : i.perpetrators) {
      if (!Party.UNKNOWN.equals(other) && !other.equals(r.sourceParty()) && !i.sourceParties.contains(p)) {
        return false;
      }
    }
    return true;
  }
}
