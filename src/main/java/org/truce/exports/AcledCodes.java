package org.truce.exports;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.truce.incidents.Estimate;
import org.truce.incidents.Incident;
import org.truce.parties.Party;
import org.truce.reports.SourceType;
import org.truce.reports.ViolationType;

/**
 * ACLED's codes for what Truce records: event types (the mapping of DESIGN.md), actor ("inter") and interaction
 * codes, time precision and fatalities, after ACLED's codebook. docs/exports.md gives the reasons.
 */
final class AcledCodes {

  private AcledCodes() {}

  /** ACLED's disorder type, event type and sub-event type. */
  record EventType(String disorder, String event, String subEvent) {
    boolean againstCivilians() {
      return VIOLENCE_AGAINST_CIVILIANS.equals(event);
    }
  }

  static final String POLITICAL_VIOLENCE = "Political violence";
  static final String STRATEGIC = "Strategic developments";
  static final String VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians";
  private static final String REMOTE = "Explosions/Remote violence";
  private static final String BATTLES = "Battles";

  /** ACLED's inter codes (codebook 2023): the kind of actor. */
  static final int STATE_FORCES = 1;
  static final int REBEL_GROUPS = 2;
  static final int POLITICAL_MILITIAS = 3;
  static final int CIVILIANS = 7;
  static final int EXTERNAL_OTHER_FORCES = 8;

  private static final Map<String, EventType> BY_TYPE = new HashMap<>();

  static {
    for (ViolationType t : ViolationType.values()) {
      BY_TYPE.put(t.code(), eventType(t));
    }
  }

  /** The event type of a violation type's code. */
  static EventType eventType(String violationType) {
    return BY_TYPE.getOrDefault(violationType, new EventType(STRATEGIC, STRATEGIC, "Other"));
  }

  private static EventType eventType(ViolationType t) {
    return switch (t) {
      case SHELLING -> new EventType(POLITICAL_VIOLENCE, REMOTE, "Shelling/artillery/missile attack");
      case AIR_STRIKE, DRONE_STRIKE -> new EventType(POLITICAL_VIOLENCE, REMOTE, "Air/drone strike");
      case IED_EXPLOSION -> new EventType(POLITICAL_VIOLENCE, REMOTE, "Remote explosive/landmine/IED");
      // whether ground changed hands (ACLED's two territorial sub-events) is not recorded: an armed clash
      case SMALL_ARMS_FIRE, SNIPER_FIRE, GROUND_ASSAULT -> new EventType(POLITICAL_VIOLENCE, BATTLES, "Armed clash");
      case ATTACK_ON_CIVILIANS, ATTACK_ON_HUMANITARIAN -> new EventType(POLITICAL_VIOLENCE, VIOLENCE_AGAINST_CIVILIANS, "Attack");
      case ABDUCTION -> new EventType(POLITICAL_VIOLENCE, VIOLENCE_AGAINST_CIVILIANS, "Abduction/forced disappearance");
      // a movement of forces is not known to establish a base: "Other", as for the remaining kinds
      case FORCES_MOVEMENT, HEAVY_WEAPONS_IN_ZONE, OBSTRUCTION_OF_MONITORS, OTHER -> new EventType(STRATEGIC, STRATEGIC, "Other");
    };
  }

  /**
   * The inter code of an alleged perpetrator: a conflict party whose code ends in -GOV is the state's forces, any
   * other conflict party a rebel group; guarantors, observers and the secretariat act outside their own country
   * (external forces); an unknown perpetrator is coded as ACLED codes unidentified armed groups.
   */
  static int inter(Party p) {
    if (p == null || Party.UNKNOWN.equals(p.kind())) {
      return POLITICAL_MILITIAS;
    }
    if ("conflict_party".equals(p.kind())) {
      return p.code().endsWith("-GOV") ? STATE_FORCES : REBEL_GROUPS;
    }
    return EXTERNAL_OTHER_FORCES;
  }

  /** ACLED's interaction: the two inter codes, lower first (17); one actor alone is its code and 0 (10). */
  static int interaction(int inter1, Integer inter2) {
    if (inter2 == null) {
      return inter1 * 10;
    }
    return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
  }

  /** 1: the day is known; 2: the event lies within a week; 3: within a month (local dates of the window). */
  static int timePrecision(LocalDate first, LocalDate last) {
    long days = ChronoUnit.DAYS.between(first, last);
    return days == 0 ? 1 : days <= 7 ? 2 : 3;
  }

  /** ACLED's conservative count: the low estimates of civilians and combatants killed (0 when none is given). */
  static int fatalities(Incident i) {
    return low(i.casualties().get("civiliansKilled")) + low(i.casualties().get("combatantsKilled"));
  }

  private static int low(Estimate e) {
    return e == null || e.low() == null ? 0 : e.low();
  }

  /**
   * ACLED's source scale of the kinds of source, joined with '-': party complaints are national sources, the
   * mechanism's monitors and posts international, open sources new media, hotline callers local.
   */
  static String sourceScale(List<SourceType> sources) {
    Set<String> scales = new LinkedHashSet<>();
    for (String scale : List.of("Local", "National", "International", "New media")) {
      for (SourceType s : sources) {
        if (scale(s).equals(scale)) {
          scales.add(scale);
        }
      }
    }
    return String.join("-", scales);
  }

  private static String scale(SourceType s) {
    return switch (s) {
      case PARTY_COMPLAINT -> "National";
      case MONITOR_OBSERVATION, OBSERVATION_POST -> "International";
      case OPEN_SOURCE -> "New media";
      case HOTLINE -> "Local";
    };
  }
}
