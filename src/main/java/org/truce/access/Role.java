package org.truce.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

  /**
   * Roles from a comma-separated list of codes ("reviewer,coordinator").
   *
   * @throws IllegalArgumentException naming the unknown code and the allowed ones
   */
  public static Set<Role> parseList(String codes) {
    Set<Role> out = EnumSet.noneOf(Role.class);
    for (String c : codes == null ? new String[0] : codes.split(",")) {
      String t = c.trim();
      if (t.isEmpty()) {
        continue;
      }
      Role r = fromCode(t);
      if (r == null) {
        throw new IllegalArgumentException("unknown role '" + t + "'; allowed: " + String.join(", ", codes()));
      }
      out.add(r);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("at least one role is required; allowed: " + String.join(", ", codes()));
    }
    return out;
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(Role::code).toList();
  }
}
