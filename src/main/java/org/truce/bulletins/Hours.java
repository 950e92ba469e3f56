package org.truce.bulletins;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The arithmetic that splits bulletin periods into what the rollup answers and what is counted from incidents:
 * the whole UTC hours inside each period come from the rollup, and every hour that holds a period's bound not on
 * a whole hour (19:30 in Damascus, any midnight in Tehran) is counted from incidents, for all periods at once.
 */
final class Hours {

  static final long HOUR = 3600;

  private Hours() {}

  /** A period [from, to); empty when to is not after from. */
  record Interval(Instant from, Instant to) {
    boolean contains(Instant t) {
      return !t.isBefore(from) && t.isBefore(to);
    }

    boolean isEmpty() {
      return !to.isAfter(from);
    }
  }

  /**
   * How a set of periods is answered.
   *
   * @param from the first hour of all periods, to the end of the last (whole hours; from == to when all are empty)
   * @param whole per period, the whole hours [from, to) it spans (empty where it spans none)
   * @param boundary the hours counted from incidents for every period, ascending
   */
  record Split(Instant from, Instant to, List<Interval> whole, List<Instant> boundary) {}

  static Instant floor(Instant t) {
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), HOUR) * HOUR);
  }

  static Instant ceil(Instant t) {
    Instant f = floor(t);
    return f.equals(t) ? f : f.plusSeconds(HOUR);
  }

  static boolean isWhole(Instant t) {
    return floor(t).equals(t);
  }

  static Split split(List<Interval> periods) {
    Instant from = null;
    Instant to = null;
    TreeSet<Instant> boundary = new TreeSet<>();
    List<Interval> whole = new ArrayList<>(periods.size());
    for (Interval p : periods) {
      if (p.isEmpty()) {
        whole.add(new Interval(Instant.EPOCH, Instant.EPOCH));
        continue;
      }
      Instant a = ceil(p.from());
      Instant b = floor(p.to());
      // a period inside one hour has no whole hour: its hour is a boundary hour
      whole.add(a.isBefore(b) ? new Interval(a, b) : new Interval(a, a));
      for (Instant t : List.of(p.from(), p.to())) {
        if (!isWhole(t)) {
          boundary.add(floor(t));
        }
      }
      from = from == null || floor(p.from()).isBefore(from) ? floor(p.from()) : from;
      to = to == null || ceil(p.to()).isAfter(to) ? ceil(p.to()) : to;
    }
    if (from == null) {
      from = Instant.EPOCH;
      to = Instant.EPOCH;
    }
    return new Split(from, to, whole, List.copyOf(boundary));
  }
}
