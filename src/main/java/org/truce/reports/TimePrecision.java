package org.truce.reports;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How precisely a report gives its time; widens the window within which reports may match. */
public enum TimePrecision {
  MINUTE(Duration.ZERO), HOUR(Duration.ofMinutes(60)), DAY(Duration.ofHours(24));

  private final Duration widening;

  TimePrecision(Duration widening) {
    this.widening = widening;
  }

  /** How much to widen this report's window on each side when matching. */
  public Duration widening() {
    return widening;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TimePrecision fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst().orElse(null);
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(TimePrecision::code).toList();
  }
}
