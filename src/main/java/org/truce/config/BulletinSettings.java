package org.truce.config;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * Settings of bulletins (see docs/bulletins.md).
 *
 * @param timeZone the mechanism's local time: dates in bulletin periods and the daily cut-off are read in it
 *     (TRUCE_TIME_ZONE, default Asia/Damascus)
 * @param cutoff the time of day a daily bulletin is "as of" (TRUCE_BULLETIN_CUTOFF, default 19:30)
 * @param ceasefireStart the first day counted in the cumulative totals (TRUCE_CEASEFIRE_START, default
 *     2016-12-30, the nationwide ceasefire the Astana format was set up to support)
 */
public record BulletinSettings(ZoneId timeZone, LocalTime cutoff, LocalDate ceasefireStart) {

  public static BulletinSettings defaults() {
    return new BulletinSettings(ZoneId.of("Asia/Damascus"), LocalTime.of(19, 30), LocalDate.of(2016, 12, 30));
  }

  static BulletinSettings fromEnvironment(Map<String, String> env) {
    BulletinSettings d = defaults();
    try {
      ZoneId zone = blank(env, "TRUCE_TIME_ZONE") ? d.timeZone() : ZoneId.of(env.get("TRUCE_TIME_ZONE").trim());
      LocalTime cutoff = blank(env, "TRUCE_BULLETIN_CUTOFF") ? d.cutoff() : LocalTime.parse(env.get("TRUCE_BULLETIN_CUTOFF").trim());
      LocalDate start = blank(env, "TRUCE_CEASEFIRE_START") ? d.ceasefireStart() : LocalDate.parse(env.get("TRUCE_CEASEFIRE_START").trim());
      return new BulletinSettings(zone, cutoff, start);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("TRUCE_TIME_ZONE must be a region such as Asia/Damascus, TRUCE_BULLETIN_CUTOFF a time"
          + " such as 19:30 and TRUCE_CEASEFIRE_START a date such as 2016-12-30: " + e.getMessage());
    }
  }

  private static boolean blank(Map<String, String> env, String key) {
    String v = env.get(key);
    return v == null || v.isBlank();
  }
}
