package org.truce.verification;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How an incident's finding follows from its guarantors' current assessments (docs/verification.md). With g
 * guarantors and c confirming, n not confirming, i citing insufficient information, a = c + n + i assessed:
 *
 * <p>Consensus (the default): none assessed → open; some confirm and some do not → disputed; not all assessed
 * yet → under_review; all confirm → verified; all do not confirm → not_verified; all insufficient information →
 * dismissed; otherwise (all in, unanimity lacking only through insufficient information) → under_review.
 *
 * <p>Majority (more than half of g): none assessed → open; a majority confirms → verified; a majority does not →
 * not_verified; a majority cites insufficient information → dismissed; all in without a majority → disputed;
 * otherwise → under_review.
 */
public enum FindingRule {
  CONSENSUS("consensus"), MAJORITY("majority");

  public static final String CONFIRMED = "confirmed";
  public static final String NOT_CONFIRMED = "not_confirmed";
  public static final String INSUFFICIENT = "insufficient_information";
  public static final List<String> ASSESSMENTS = List.of(CONFIRMED, NOT_CONFIRMED, INSUFFICIENT);

  private final String code;

  FindingRule(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static FindingRule fromCode(String code) {
    return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst().orElse(null);
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(FindingRule::code).toList();
  }

  /**
   * The finding for these current assessments (guarantor code → assessment); assessments of parties that are
   * not among the guarantors do not count.
   */
  public String derive(Map<String, String> current, Collection<String> guarantors) {
    int g = guarantors.size();
    int c = 0;
    int n = 0;
    int i = 0;
    for (String guarantor : guarantors) {
      String a = current.get(guarantor);
      if (CONFIRMED.equals(a)) {
        c++;
      } else if (NOT_CONFIRMED.equals(a)) {
        n++;
      } else if (INSUFFICIENT.equals(a)) {
        i++;
      }
    }
    int assessed = c + n + i;
    if (assessed == 0) {
      return "open";
    }
    if (this == CONSENSUS) {
      if (c > 0 && n > 0) {
        return "disputed";
      }
      if (assessed < g) {
        return "under_review";
      }
      if (c == g) {
        return "verified";
      }
      if (n == g) {
        return "not_verified";
      }
      return i == g ? "dismissed" : "under_review";
    }
    if (2 * c > g) {
      return "verified";
    }
    if (2 * n > g) {
      return "not_verified";
    }
    if (2 * i > g) {
      return "dismissed";
    }
    return assessed == g ? "disputed" : "under_review";
  }
}
