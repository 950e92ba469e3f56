package org.truce.access;

import java.util.Arrays;
import java.util.List;

/** What a user may do; the full permission matrix is in docs/permissions.md. */
public enum Role {
  REPORTER("reporter"), REVIEWER("reviewer"), COORDINATOR("coordinator"), OBSERVER("observer"),
  WG_MEMBER("wg-member"), ADMIN("admin");

  private final String code;

  Role(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Role fromCode(String code) {
    return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst().orElse(null);
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(Role::code).toList();
  }
}
