package org.truce.bulletins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The period arithmetic of the rollup: whole hours from the rollup plus the hours that hold a period's edge,
 * counted from incidents, add up to a direct count of every period, whatever the periods' bounds (off the hour,
 * inside one hour, empty, overlapping) and whichever hours are marked dirty.
 */
class HoursProperties {

  private static final long BASE = 1_790_000_000L;

  @Provide
  Arbitrary<Instant> instants() {
    // seconds across five days, often on whole, half and quarter hours (the bounds time zones put periods on)
    Arbitrary<Long> any = Arbitraries.longs().between(0, 5 * 86_400);
    Arbitrary<Long> quarter = Arbitraries.longs().between(0, 5 * 96).map(q -> q * 900);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, any), net.jqwik.api.Tuple.of(2, quarter))
        .map(s -> Instant.ofEpochSecond(BASE + s));
  }

  @Provide
  Arbitrary<List<Hours.Interval>> periods() {
    return instants().list().ofSize(2).map(l -> new Hours.Interval(l.get(0), l.get(1))).list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 500)
  boolean wholeHoursAndEdgesAddUpToADirectCount(@ForAll("periods") List<Hours.Interval> periods,
      @ForAll @Size(max = 300) List<@net.jqwik.api.From("instants") Instant> incidents,
      @ForAll @Size(max = 20) List<@net.jqwik.api.From("instants") Instant> dirty) {
    Hours.Split s = Hours.split(periods);
    Set<Instant> dirtyHours = new HashSet<>();
    dirty.forEach(d -> dirtyHours.add(Hours.floor(d)));
    Set<Instant> boundary = new HashSet<>(s.boundary());
    // the rollup as the database keeps it: incidents per hour
    Map<Instant, Long> rollup = new HashMap<>();
    incidents.forEach(t -> rollup.merge(Hours.floor(t), 1L, Long::sum));
    for (int k = 0; k < periods.size(); k++) {
      Hours.Interval p = periods.get(k);
      Hours.Interval w = s.whole().get(k);
      long sum = 0;
      for (Map.Entry<Instant, Long> e : rollup.entrySet()) {
        Instant h = e.getKey();
        if (!h.isBefore(w.from()) && h.isBefore(w.to()) && !boundary.contains(h) && !dirtyHours.contains(h)) {
          sum += e.getValue();
        }
      }
      for (Instant t : incidents) {
        boolean inSpan = !t.isBefore(s.from()) && t.isBefore(s.to());
        boolean counted = boundary.contains(Hours.floor(t)) || dirtyHours.contains(Hours.floor(t));
        if (inSpan && counted && p.contains(t)) {
          sum++;
        }
      }
      long direct = incidents.stream().filter(p::contains).count();
      if (sum != direct) {
        return false;
      }
    }
    return true;
  }

  @Property(tries = 300)
  void theSplitIsOnWholeHours(@ForAll("periods") List<Hours.Interval> periods) {
    Hours.Split s = Hours.split(periods);
    assertThat(Hours.isWhole(s.from()) && Hours.isWhole(s.to())).isTrue();
    assertThat(s.boundary()).allMatch(Hours::isWhole).isSorted();
    for (int k = 0; k < periods.size(); k++) {
      Hours.Interval p = periods.get(k);
      Hours.Interval w = s.whole().get(k);
      if (p.isEmpty()) {
        assertThat(w.isEmpty()).isTrue();
        continue;
      }
      assertThat(Hours.isWhole(w.from()) && Hours.isWhole(w.to())).isTrue();
      // the whole hours lie inside the period, and inside the span
      if (!w.isEmpty()) {
        assertThat(w.from()).isAfterOrEqualTo(p.from());
        assertThat(w.to()).isBeforeOrEqualTo(p.to());
        assertThat(w.from()).isAfterOrEqualTo(s.from());
        assertThat(w.to()).isBeforeOrEqualTo(s.to());
      }
    }
  }

  @Property(tries = 300)
  void runsCoverEveryMarkedHour(@ForAll @Size(max = 40) List<@net.jqwik.api.From("instants") Instant> marks) {
    List<Instant> hours = marks.stream().map(Hours::floor).distinct().sorted().toList();
    List<Hours.Interval> runs = Rollup.runs(hours);
    for (Instant h : hours) {
      assertThat(runs).filteredOn(r -> r.contains(h)).hasSize(1);
    }
    List<Instant> ends = new ArrayList<>();
    for (Hours.Interval r : runs) {
      assertThat(Hours.isWhole(r.from()) && Hours.isWhole(r.to()) && r.to().isAfter(r.from())).isTrue();
      ends.add(r.from());
      ends.add(r.to());
    }
    assertThat(ends).isSorted();
  }
}
