package org.truce.reports;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Where a report comes from. */
public enum SourceType {
  PARTY_COMPLAINT, MONITOR_OBSERVATION, OBSERVATION_POST, OPEN_SOURCE, HOTLINE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SourceType fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst().orElse(null);
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(SourceType::code).toList();
  }
}
