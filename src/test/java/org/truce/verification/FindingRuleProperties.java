package org.truce.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The finding rules as documented in docs/verification.md, checked over every mix of assessments. */
class FindingRuleProperties {

  private static final List<String> GUARANTORS = List.of("IR", "RU", "TR");

  @Provide
  Arbitrary<Map<String, String>> assessments() {
    Arbitrary<String> one = Arbitraries.of("confirmed", "not_confirmed", "insufficient_information", "none");
    return one.list().ofSize(GUARANTORS.size()).map(list -> {
      Map<String, String> m = new HashMap<>();
      for (int i = 0; i < list.size(); i++) {
        if (!list.get(i).equals("none")) {
          m.put(GUARANTORS.get(i), list.get(i));
        }
      }
      return m;
    });
  }

  @Property
  void consensusVerifiesOnlyWhenEveryGuarantorConfirms(@ForAll("assessments") Map<String, String> current) {
    boolean allConfirm = GUARANTORS.stream().allMatch(g -> "confirmed".equals(current.get(g)));
    assertThat(FindingRule.CONSENSUS.derive(current, GUARANTORS).equals("verified")).isEqualTo(allConfirm);
  }

  @Property
  void consensusIsDisputedExactlyWhenGuarantorsSplit(@ForAll("assessments") Map<String, String> current) {
    boolean split = current.containsValue("confirmed") && current.containsValue("not_confirmed");
    assertThat(FindingRule.CONSENSUS.derive(current, GUARANTORS).equals("disputed")).isEqualTo(split);
  }

  @Property
  void openExactlyWhenNobodyAssessed(@ForAll("assessments") Map<String, String> current) {
    for (FindingRule rule : FindingRule.values()) {
      assertThat(rule.derive(current, GUARANTORS).equals("open")).isEqualTo(current.isEmpty());
    }
  }

  @Property
  void majorityVerifiesWhenMoreThanHalfConfirm(@ForAll("assessments") Map<String, String> current) {
    long confirmed = current.values().stream().filter("confirmed"::equals).count();
    assertThat(FindingRule.MAJORITY.derive(current, GUARANTORS).equals("verified")).isEqualTo(confirmed >= 2);
  }

  @Property
  void aConsensusVerifiedFindingIsAlsoAMajorityOne(@ForAll("assessments") Map<String, String> current) {
    String consensus = FindingRule.CONSENSUS.derive(current, GUARANTORS);
    if (consensus.equals("verified") || consensus.equals("not_verified") || consensus.equals("dismissed")) {
      assertThat(FindingRule.MAJORITY.derive(current, GUARANTORS)).isEqualTo(consensus);
    }
  }

  @Property
  void theFindingDependsOnWhatWasSaidNotOnWhoSaidIt(@ForAll("assessments") Map<String, String> current,
                                                     @ForAll @IntRange(min = 0, max = 5) int seed) {
    List<String> shuffled = new ArrayList<>(GUARANTORS);
    Collections.shuffle(shuffled, new java.util.Random(seed));
    Map<String, String> permuted = new HashMap<>();
    for (int i = 0; i < GUARANTORS.size(); i++) {
      if (current.containsKey(GUARANTORS.get(i))) {
        permuted.put(shuffled.get(i), current.get(GUARANTORS.get(i)));
      }
    }
    for (FindingRule rule : FindingRule.values()) {
      assertThat(rule.derive(permuted, GUARANTORS)).isEqualTo(rule.derive(current, GUARANTORS));
    }
  }

  @Property
  void assessmentsOfPartiesThatAreNotGuarantorsDoNotCount(@ForAll("assessments") Map<String, String> current) {
    Map<String, String> withOutsider = new HashMap<>(current);
    withOutsider.put("UN", "confirmed");
    for (FindingRule rule : FindingRule.values()) {
      assertThat(rule.derive(withOutsider, GUARANTORS)).isEqualTo(rule.derive(current, GUARANTORS));
    }
  }
}
