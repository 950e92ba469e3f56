package org.truce.reports;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The kinds of violation a report may allege; each maps to an ACLED event type for export. */
public enum ViolationType {
  SHELLING, AIR_STRIKE, DRONE_STRIKE, IED_EXPLOSION, SMALL_ARMS_FIRE, SNIPER_FIRE, GROUND_ASSAULT,
  ATTACK_ON_CIVILIANS, ABDUCTION, FORCES_MOVEMENT, HEAVY_WEAPONS_IN_ZONE, OBSTRUCTION_OF_MONITORS,
  ATTACK_ON_HUMANITARIAN, OTHER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ViolationType fromCode(String code) {
    for (ViolationType t : values()) {
      if (t.code().equals(code)) {
        return t;
      }
    }
    return null;
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(ViolationType::code).toList();
  }
}
