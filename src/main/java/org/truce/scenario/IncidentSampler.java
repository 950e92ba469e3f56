package org.truce.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.truce.scenario.Geography.Hotspot;
import org.truce.scenario.Geography.Region;

/**
 * Draws the true incidents of one day: how many per zone (a daily rhythm, waves and escalations over the
 * period), where (around hotspot towns), and what happened (type, perpetrator, weapons, casualties).
 */
final class IncidentSampler {

  /** One event as it really happened; the reports about it are noisy copies. */
  record TrueIncident(String id, String region, long startSecond, long endSecond, double lat, double lon,
      String type, String perpetrator, String victimSide, List<String> weapons, int[] casualties) {

    boolean hasCasualties() {
      return casualties[0] + casualties[1] + casualties[2] + casualties[3] > 0;
    }
  }

  static final String GOV = "SY-GOV";
  static final String OPP = "SY-OPP";
  static final String UNKNOWN = "unknown";

  /** Mean incidents a day at scale 1, by region; Idlib by far the busiest, as in 2018–2020. */
  private static final Map<String, Double> DAILY_RATE = Map.of(
      "idlib", 250.0, "northern-homs", 35.0, "eastern-ghouta", 40.0, "south", 50.0, Geography.OUTSIDE, 30.0);

  /** Relative activity by local hour: most at dusk and at night, least around midday. */
  private static final double[] HOURLY = {
      1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.8, 0.7, 0.7, 0.65, 0.6, 0.55,
      0.5, 0.5, 0.6, 0.8, 1.0, 1.2, 1.4, 1.5, 1.5, 1.5, 1.4, 1.3};

  static final String[] TYPES = {
      "shelling", "small_arms_fire", "sniper_fire", "air_strike", "drone_strike", "ied_explosion",
      "ground_assault", "attack_on_civilians", "abduction", "forces_movement", "heavy_weapons_in_zone",
      "obstruction_of_monitors", "attack_on_humanitarian", "other"};
  private static final double[] TYPE_WEIGHTS = {32, 25, 6, 6, 6, 3, 3, 3, 1.5, 4.5, 3.5, 1, 1, 1.5};

  private static final Map<String, String[]> WEAPONS = Map.ofEntries(
      Map.entry("shelling/SY-GOV", new String[] {"122mm artillery", "130mm artillery", "152mm howitzer", "MLRS", "tank", "mortar"}),
      Map.entry("shelling/SY-OPP", new String[] {"mortar", "120mm mortar", "Grad MLRS", "improvised rocket", "Hell cannon"}),
      Map.entry("shelling", new String[] {"mortar", "122mm artillery", "MLRS"}),
      Map.entry("air_strike", new String[] {"fixed-wing aircraft", "helicopter", "barrel bomb", "guided missile", "unguided bombs"}),
      Map.entry("drone_strike", new String[] {"UAV", "loitering munition", "FPV drone"}),
      Map.entry("ied_explosion", new String[] {"IED", "VBIED", "landmine"}),
      Map.entry("small_arms_fire", new String[] {"assault rifle", "heavy machine gun", "14.5mm machine gun", "RPG"}),
      Map.entry("sniper_fire", new String[] {"sniper rifle"}),
      Map.entry("ground_assault", new String[] {"assault rifle", "tank", "BMP", "heavy machine gun", "RPG"}),
      Map.entry("attack_on_civilians", new String[] {"assault rifle", "mortar"}),
      Map.entry("abduction", new String[] {"assault rifle"}),
      Map.entry("forces_movement", new String[] {"tank", "BMP", "armoured vehicles", "truck-mounted heavy machine gun"}),
      Map.entry("heavy_weapons_in_zone", new String[] {"MLRS", "tank", "122mm artillery", "152mm howitzer"}),
      Map.entry("attack_on_humanitarian", new String[] {"mortar", "assault rifle", "IED"}));

  private final Rand rand;
  private final Rand rhythm;
  private final Geography geo;
  private final double scale;
  private final double phase1;
  private final double phase2;
  private final double[] regionPhase;
  private long nextId = 1;

  IncidentSampler(Rand rand, Geography geo, double scale) {
    this.rand = rand;
    // the days' ups and downs come from their own stream, so that scale changes counts and nothing else
    this.rhythm = rand.split();
    this.geo = geo;
    this.scale = scale;
    this.phase1 = rhythm.uniform(0, 2 * Math.PI);
    this.phase2 = rhythm.uniform(0, 2 * Math.PI);
    this.regionPhase = new double[geo.regions().size()];
    for (int i = 0; i < regionPhase.length; i++) {
      regionPhase[i] = rhythm.uniform(-0.6, 0.6);
    }
  }

  /** The incidents of day dayIndex (starting at dayStartSecond, local midnight), in time order. */
  List<TrueIncident> day(int dayIndex, long dayStartSecond) {
    // one escalation or lull hits every zone at once: the ceasefire holds or breaks as a whole
    double u = rhythm.uniform();
    double event = u < 0.10 ? 0.35 : u < 0.17 ? 1.7 : 1.0;
    List<TrueIncident> out = new ArrayList<>();
    for (int r = 0; r < regionPhase.length; r++) {
      Region region = geo.region(r);
      double wave = 0.35 * StrictMath.sin(2 * Math.PI * dayIndex / 13.0 + phase1 + regionPhase[r])
          + 0.2 * StrictMath.sin(2 * Math.PI * dayIndex / 5.3 + phase2) + 0.15 * rhythm.gaussian();
      double lambda = DAILY_RATE.get(region.id()) * scale * event * StrictMath.exp(wave);
      int n = rand.poisson(lambda);
      for (int i = 0; i < n; i++) {
        out.add(incident(region, dayStartSecond));
      }
    }
    out.sort(Comparator.comparingLong(TrueIncident::startSecond));
    List<TrueIncident> numbered = new ArrayList<>(out.size());
    for (TrueIncident t : out) {
      numbered.add(new TrueIncident(String.format("inc-%07d", nextId++), t.region, t.startSecond, t.endSecond,
          t.lat, t.lon, t.type, t.perpetrator, t.victimSide, t.weapons, t.casualties));
    }
    return numbered;
  }

  private TrueIncident incident(Region region, long dayStartSecond) {
    long start = dayStartSecond + rand.weighted(HOURLY) * 3600L + rand.nextInt(60) * 60L;
    Hotspot h = region.hotspots().get(rand.weighted(region.weights()));
    double lat = h.place().lat();
    double lon = h.place().lon();
    for (int attempt = 0; attempt < 30; attempt++) {
      double la = h.place().lat() + Geography.latDegrees(h.spreadKm() * rand.gaussian());
      double lo = h.place().lon() + Geography.lonDegrees(h.spreadKm() * rand.gaussian(), la);
      if (geo.fits(region.id(), la, lo)) {
        lat = la;
        lon = lo;
        break;
      }
    }
    String type = TYPES[rand.weighted(TYPE_WEIGHTS)];
    String perpetrator = perpetrator(type);
    String victim = switch (perpetrator) {
      case GOV, "RU" -> OPP;
      case OPP, "TR" -> GOV;
      default -> rand.chance(0.55) ? OPP : GOV;
    };
    long end = start + 60L * duration(type);
    return new TrueIncident(null, region.id(), start, end, lat, lon, type, perpetrator, victim,
        weapons(type, perpetrator), casualties(type));
  }

  private String perpetrator(String type) {
    return switch (type) {
      case "air_strike" -> pick(new String[] {GOV, "RU", UNKNOWN}, 0.6, 0.3, 0.1);
      case "drone_strike" -> pick(new String[] {GOV, OPP, "TR", UNKNOWN}, 0.4, 0.4, 0.05, 0.15);
      case "ied_explosion" -> pick(new String[] {UNKNOWN, OPP, GOV}, 0.5, 0.3, 0.2);
      case "abduction" -> pick(new String[] {OPP, GOV, UNKNOWN}, 0.45, 0.35, 0.2);
      case "obstruction_of_monitors" -> pick(new String[] {GOV, OPP}, 0.5, 0.5);
      default -> pick(new String[] {GOV, OPP, UNKNOWN}, 0.52, 0.40, 0.08);
    };
  }

  private String pick(String[] items, double... weights) {
    return items[rand.weighted(weights)];
  }

  /** Minutes the event lasted: most are instants, shelling and assaults sometimes go on for hours. */
  private int duration(String type) {
    double p = switch (type) {
      case "shelling" -> 0.3;
      case "small_arms_fire" -> 0.15;
      case "ground_assault" -> 0.6;
      case "forces_movement" -> 0.4;
      default -> 0;
    };
    if (p == 0 || !rand.chance(p)) {
      return 0;
    }
    return (int) Math.min(240, 15 + rand.exponential(50));
  }

  private List<String> weapons(String type, String perpetrator) {
    String[] options = WEAPONS.getOrDefault(type + "/" + perpetrator, WEAPONS.get(type));
    if (options == null) {
      return List.of();
    }
    String first = rand.pick(options);
    if (options.length > 1 && rand.chance(0.3)) {
      String second = rand.pick(options);
      if (!second.equals(first)) {
        return List.of(first, second);
      }
    }
    return List.of(first);
  }

  static String[] weaponOptions(String type, String perpetrator) {
    return WEAPONS.getOrDefault(type + "/" + perpetrator, WEAPONS.getOrDefault(type, new String[0]));
  }

  /** Civilian and combatant killed/injured: usually none, heavy-tailed when there are any. */
  private int[] casualties(String type) {
    double civilian = switch (type) {
      case "shelling" -> 0.22;
      case "air_strike", "ied_explosion" -> 0.5;
      case "drone_strike", "sniper_fire", "ground_assault" -> 0.3;
      case "small_arms_fire" -> 0.08;
      case "attack_on_civilians" -> 0.85;
      case "attack_on_humanitarian" -> 0.4;
      case "other" -> 0.05;
      default -> 0;
    };
    double combatant = switch (type) {
      case "ground_assault" -> 0.6;
      case "small_arms_fire" -> 0.25;
      case "drone_strike", "ied_explosion" -> 0.2;
      case "air_strike" -> 0.15;
      case "shelling", "sniper_fire" -> 0.1;
      default -> 0;
    };
    int[] c = new int[4];
    if (rand.chance(civilian)) {
      c[0] = rand.heavyTail(0.55, 40);
      c[1] = rand.heavyTail(0.7, 40) + (c[0] == 0 ? 1 : 0);
    }
    if (rand.chance(combatant)) {
      c[2] = rand.heavyTail(0.5, 40);
      c[3] = rand.heavyTail(0.6, 40) + (c[2] == 0 ? 1 : 0);
    }
    return c;
  }
}
