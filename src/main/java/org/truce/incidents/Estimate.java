package org.truce.incidents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** A casualty figure as UCDP gives it: best estimate (median of the sources), low and high; null when no source counted. */
public record Estimate(Integer best, Integer low, Integer high) {

  static final Estimate NONE = new Estimate(null, null, null);

  static Estimate of(List<Member> members, Function<Member, Integer> field) {
    List<Integer> values = new ArrayList<>();
    for (Member m : members) {
      Integer v = field.apply(m);
      if (v != null) {
        values.add(v);
      }
    }
    if (values.isEmpty()) {
      return NONE;
    }
    Collections.sort(values);
    // lower median: a single outlier claim cannot pull the best estimate up
    return new Estimate(values.get((values.size() - 1) / 2), values.get(0), values.get(values.size() - 1));
  }
}
