package org.truce.scenario;

import static org.truce.scenario.IncidentSampler.GOV;
import static org.truce.scenario.IncidentSampler.OPP;
import static org.truce.scenario.IncidentSampler.UNKNOWN;

import java.util.ArrayList;
import java.util.List;
import org.truce.scenario.IncidentSampler.TrueIncident;

/**
 * Turns a true incident into the reports of the sources that saw it: each source reports once, with its own
 * errors in time, place, type, blame and counts, all scaled by the noise factor.
 */
final class ReportSampler {

  static final String COMPLAINT = "party_complaint";
  static final String MONITOR = "monitor_observation";
  static final String POST = "observation_post";
  static final String OPEN = "open_source";
  static final String HOTLINE = "hotline";

  private record Source(String type, String party) {}

  /** How many sources report one incident: mostly one or two. */
  private static final double[] REPORT_COUNT = {0.40, 0.30, 0.16, 0.09, 0.05};
  private static final long MINUTE = 60;
  private static final long HOUR = 3600;

  private final Rand rand;
  private final Geography geo;
  private final double noise;

  ReportSampler(Rand rand, Geography geo, double noise) {
    this.rand = rand;
    this.geo = geo;
    this.noise = noise;
  }

  /** Appends the reports about t to out; sequence numbers them in the order drawn. */
  void reports(TrueIncident t, List<Draft> out, long[] sequence) {
    List<Source> sources = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    candidates(t, sources, weights);
    int k = 1 + rand.weighted(REPORT_COUNT);
    if (t.hasCasualties() && k < REPORT_COUNT.length && rand.chance(0.5)) {
      k++; // deaths get reported by more people
    }
    for (int i = 0; i < k && !sources.isEmpty(); i++) {
      double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
      int j = rand.weighted(w);
      out.add(report(t, sources.remove(j), sequence[0]++));
      weights.remove(j);
    }
  }

  /** Who may report an incident, and how likely: the victims' side first, then guarantors, then the rest. */
  private void candidates(TrueIncident t, List<Source> s, List<Double> w) {
    boolean idlib = t.region().equals("idlib");
    String victim = t.victimSide();
    String other = victim.equals(GOV) ? OPP : GOV;
    add(s, w, COMPLAINT, victim, 5.0);
    add(s, w, COMPLAINT, other, 1.2); // the other side tells the same event with the blame reversed
    add(s, w, HOTLINE, victim, 1.5);
    add(s, w, HOTLINE, other, 0.3);
    add(s, w, MONITOR, "RU", 1.6);
    add(s, w, MONITOR, "TR", idlib ? 1.6 : 0.4);
    add(s, w, MONITOR, "IR", 0.6);
    add(s, w, POST, "RU", 1.2);
    add(s, w, POST, "TR", idlib ? 1.5 : 0); // Turkey's observation posts ring Idlib only
    double humanitarian = t.hasCasualties() ? 3 : 1;
    add(s, w, OPEN, "UN", 0.6 * humanitarian);
    add(s, w, OPEN, "ICRC", 0.25 * humanitarian);
    add(s, w, OPEN, OPP, 0.5);
    add(s, w, OPEN, GOV, 0.3);
    add(s, w, OPEN, "RU", 0.2);
    add(s, w, OPEN, "TR", 0.2);
    add(s, w, OPEN, "IR", 0.1);
    add(s, w, OPEN, "JO", t.region().equals("south") ? 0.3 : 0);
    add(s, w, OPEN, "LB", t.region().equals("northern-homs") || t.region().equals("eastern-ghouta") ? 0.15 : 0);
    add(s, w, OPEN, "IQ", t.region().equals(Geography.OUTSIDE) ? 0.1 : 0);
  }

  private static void add(List<Source> s, List<Double> w, String type, String party, double weight) {
    if (weight > 0) {
      s.add(new Source(type, party));
      w.add(weight);
    }
  }

  private Draft report(TrueIncident t, Source src, long sequence) {
    long idHigh = (rand.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long idLow = (rand.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    String precision = precision(src.type());
    if (precision.equals("day") && !t.hasCasualties()) {
      precision = "hour"; // a source that cannot say when it happened tells only of events that cost lives
    }
    double sigmaMinutes = noise * switch (src.type()) {
      case POST -> 4;
      case MONITOR -> 5;
      case COMPLAINT -> 8;
      case HOTLINE -> 9;
      default -> 10;
    };
    // a lasting event is told as its window, by its start, or by a moment within it
    long ref = t.startSecond();
    boolean window = false;
    if (t.endSecond() > t.startSecond()) {
      double u = rand.uniform();
      window = u < 0.55;
      if (u >= 0.9) {
        ref = t.startSecond() + (long) (rand.uniform() * (t.endSecond() - t.startSecond()));
      }
    }
    long at = ref + Math.round(rand.gaussian() * sigmaMinutes * MINUTE);
    long until = Draft.NONE;
    if (precision.equals("minute")) {
      at = Math.floorDiv(at, MINUTE) * MINUTE;
      if (window) {
        long end = Math.floorDiv(t.endSecond() + Math.round(rand.gaussian() * sigmaMinutes * MINUTE), MINUTE) * MINUTE;
        until = end > at ? end : Draft.NONE;
      }
    } else if (precision.equals("hour")) {
      // truncated, so that the hour named is the hour the event began in
      at = Math.floorDiv(at, HOUR) * HOUR;
      if (window) {
        long end = Math.floorDiv(t.endSecond(), HOUR) * HOUR;
        until = end > at ? end : Draft.NONE;
      }
    } else {
      at = ScenarioStream.localMidnight(at);
    }
    double delayMinutes = switch (src.type()) {
      case POST -> 15;
      case HOTLINE -> 25;
      case MONITOR -> 40;
      case COMPLAINT -> 80;
      default -> 150;
    };
    long received = t.endSecond() + 120 + Math.min(6 * HOUR, (long) (rand.exponential(delayMinutes) * MINUTE));

    double[] where = new double[3];
    boolean byPlace = locate(t, src.type(), where);
    Geography.Place place = geo.nearest(where[0], where[1]);
    boolean namesPlace = byPlace || rand.chance(switch (src.type()) {
      case POST -> 0.3;
      case MONITOR -> 0.5;
      case HOTLINE -> 0.6;
      case COMPLAINT -> 0.7;
      default -> 0.8;
    });
    int[] c = casualties(t, src);
    return new Draft(sequence, received, t.id(), idHigh, idLow, src.type(), src.party(), language(src),
        at, until, precision, where[0], where[1], where[2], place, namesPlace, type(t.type()), blame(t, src),
        weapons(t), c[0], c[1], c[2], c[3], rand.nextInt(Integer.MAX_VALUE));
  }

  private String precision(String sourceType) {
    double[] w = switch (sourceType) {
      case POST -> new double[] {0.96, 0.04, 0};
      case MONITOR -> new double[] {0.93, 0.065, 0.005};
      case COMPLAINT -> new double[] {0.9, 0.09, 0.01};
      case HOTLINE -> new double[] {0.86, 0.12, 0.02};
      default -> new double[] {0.8, 0.16, 0.04};
    };
    return new String[] {"minute", "hour", "day"}[rand.weighted(w)];
  }

  /**
   * Fills where with lat, lon and precisionKm. Vague sources often give only the nearest town's centre;
   * the others a point with Gaussian error, whose 2-sigma is the precision they state. True when by town.
   */
  private boolean locate(TrueIncident t, String sourceType, double[] where) {
    double vague = switch (sourceType) {
      case POST -> 0;
      case MONITOR -> 0.01;
      case COMPLAINT -> 0.05;
      case HOTLINE -> 0.1;
      default -> 0.15;
    };
    if (rand.chance(vague)) {
      Geography.Place p = geo.nearest(t.lat(), t.lon());
      double km = Geography.distanceKm(t.lat(), t.lon(), p.lat(), p.lon());
      if (km <= 4) {
        where[0] = p.lat();
        where[1] = p.lon();
        where[2] = km <= 1.5 ? 2 : km <= 2.5 ? 3 : 5;
        return true;
      }
    }
    double sigma = noise * switch (sourceType) {
      case POST -> 0.3;
      case MONITOR -> 0.35;
      case COMPLAINT -> 0.5;
      case HOTLINE -> 0.7;
      default -> 0.8;
    };
    double factor = sigma < 1 ? 1e5 : 1e4; // nobody states a vague point to the metre
    where[0] = t.lat();
    where[1] = t.lon();
    for (int attempt = 0; attempt < 30; attempt++) {
      double lat = Math.round((t.lat() + Geography.latDegrees(sigma * rand.gaussian())) * factor) / factor;
      double lon = Math.round((t.lon() + Geography.lonDegrees(sigma * rand.gaussian(), t.lat())) * factor) / factor;
      if (geo.inSyria(lat, lon)) {
        where[0] = lat;
        where[1] = lon;
        break;
      }
    }
    where[2] = Math.min(10, Math.max(0.1, Math.round(20 * sigma) / 10.0));
    return false;
  }

  /** What the source calls it: close kinds get confused (shelling heard as an air strike, fire as a sniper). */
  private String type(String truth) {
    String[] to;
    double[] p;
    switch (truth) {
      case "shelling" -> { to = new String[] {"air_strike", "drone_strike", "attack_on_civilians"}; p = new double[] {0.05, 0.04, 0.02}; }
      case "air_strike" -> { to = new String[] {"drone_strike", "shelling"}; p = new double[] {0.06, 0.05}; }
      case "drone_strike" -> { to = new String[] {"air_strike", "shelling"}; p = new double[] {0.08, 0.04}; }
      case "small_arms_fire" -> { to = new String[] {"sniper_fire", "ground_assault"}; p = new double[] {0.07, 0.02}; }
      case "sniper_fire", "ground_assault" -> { to = new String[] {"small_arms_fire"}; p = new double[] {0.12}; }
      case "attack_on_civilians", "ied_explosion" -> { to = new String[] {"shelling"}; p = new double[] {0.05}; }
      case "forces_movement" -> { to = new String[] {"heavy_weapons_in_zone"}; p = new double[] {0.1}; }
      case "heavy_weapons_in_zone" -> { to = new String[] {"forces_movement"}; p = new double[] {0.1}; }
      case "attack_on_humanitarian" -> { to = new String[] {"attack_on_civilians"}; p = new double[] {0.15}; }
      default -> { return truth; }
    }
    double u = rand.uniform();
    double scale = Math.min(noise, 0.6 / sum(p)); // however noisy, most reports keep the right kind
    for (int i = 0; i < to.length; i++) {
      u -= p[i] * scale;
      if (u < 0) {
        return to[i];
      }
    }
    return truth;
  }

  private static double sum(double[] p) {
    double s = 0;
    for (double x : p) {
      s += x;
    }
    return s;
  }

  /** Parties blame the other side; guarantors name the perpetrator, say unknown, or lean to their side. */
  private String blame(TrueIncident t, Source src) {
    String truth = t.perpetrator();
    String party = src.party();
    boolean partisan = party.equals(GOV) || party.equals(OPP);
    if (partisan) {
      String accused = party.equals(GOV) ? OPP : GOV;
      if (party.equals(OPP) && truth.equals("RU") && rand.chance(0.7)) {
        accused = "RU";
      }
      return rand.chance(0.93) ? accused : UNKNOWN;
    }
    double u = rand.uniform();
    return switch (party) {
      case "RU", "IR" -> truth.equals(party) || u < 0.35 ? UNKNOWN : u < 0.45 ? OPP : truth;
      case "TR" -> truth.equals(party) || u < 0.35 ? UNKNOWN : u < 0.45 ? GOV : truth;
      default -> u < 0.6 ? UNKNOWN : truth;
    };
  }

  private List<String> weapons(TrueIncident t) {
    if (t.weapons().isEmpty() || rand.chance(0.25)) {
      return List.of();
    }
    List<String> out = new ArrayList<>(3);
    for (String w : t.weapons()) {
      if (out.isEmpty() || rand.chance(0.8)) {
        out.add(w);
      }
    }
    if (rand.chance(0.1 * noise)) {
      String alt = rand.pick(IncidentSampler.weaponOptions(t.type(), t.perpetrator()));
      if (!out.contains(alt)) {
        out.add(alt);
      }
    }
    return List.copyOf(out);
  }

  /** Counts differ: victims count high, the accused side low, everyone with some error. */
  private int[] casualties(TrueIncident t, Source src) {
    int[] c = new int[4];
    if (rand.chance(0.12)) {
      return c; // this source did not learn of any casualties
    }
    double civilianBias = src.party().equals(t.victimSide()) ? 1.25
        : src.party().equals(GOV) || src.party().equals(OPP) ? 0.5 : 1.0;
    for (int i = 0; i < 4; i++) {
      int truth = t.casualties()[i];
      if (truth == 0) {
        c[i] = rand.chance(0.02 * noise) ? 1 : 0;
        continue;
      }
      double bias = i < 2 ? civilianBias : 1.0;
      double v = truth * bias * StrictMath.exp(0.3 * noise * rand.gaussian());
      c[i] = (int) Math.min(45, Math.max(0, Math.round(v)));
    }
    return c;
  }

  private String language(Source src) {
    double u = rand.uniform();
    return switch (src.party()) {
      case GOV, OPP -> u < 0.9 ? "ar" : "en";
      case "RU" -> u < 0.9 ? "ru" : "en";
      case "TR" -> u < 0.9 ? "tr" : "en";
      case "IR" -> u < 0.85 ? "fa" : "en";
      case "JO", "LB", "IQ" -> u < 0.6 ? "ar" : "en";
      default -> "en";
    };
  }
}
