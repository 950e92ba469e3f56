package org.truce.access;

import java.time.Duration;
import java.time.Instant;

/**
 * How failed sign-ins slow down and then stop further attempts on one user name. With {@link #DEFAULT}: the first
 * two failures cost nothing; after the 3rd the next attempt must wait 1 s from the last failure, after the 4th
 * 2 s, then 4, 8, 16, 32 s, and 60 s after the 9th (doubling, capped at 60 s); the 10th failure locks the name
 * for 1 hour (or until an admin unlocks it), and once the lock has run out each further failure locks it for
 * another hour. A failure more than 24 hours after the previous one counts as the first again; a success
 * resets the count. The same counting applies to names that belong to no user, so the answers do not tell
 * which names exist.
 *
 * @param freeFailures failures before any wait
 * @param firstDelay the wait after failure number freeFailures + 1
 * @param maxDelay the longest wait between two attempts
 * @param lockAfter the failure that locks the name
 * @param lockFor how long a lock lasts
 * @param forgetAfter a failure this long after the previous one starts the count anew
 */
public record LoginPolicy(int freeFailures, Duration firstDelay, Duration maxDelay, int lockAfter, Duration lockFor,
                          Duration forgetAfter) {

  public static final LoginPolicy DEFAULT = new LoginPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(60), 10,
      Duration.ofHours(1), Duration.ofHours(24));

  /** The counting state of one name: consecutive failures, the last one's time, a lock's end (each may be null). */
  public record State(int failures, Instant lastFailedAt, Instant lockedUntil) {
    public static final State NONE = new State(0, null, null);
  }

  /** The failures that still count at now: none once forgetAfter has passed since the last one and no lock runs. */
  public int counted(State s, Instant now) {
    if (s.lockedUntil() != null && now.isBefore(s.lockedUntil())) {
      return s.failures();
    }
    if (s.lastFailedAt() == null || !now.isBefore(s.lastFailedAt().plus(forgetAfter))) {
      return 0;
    }
    return s.failures();
  }

  /** The wait before the next attempt after this many consecutive failures (zero for the first free ones). */
  public Duration delayAfter(int failures) {
    if (failures <= freeFailures) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - freeFailures - 1, 30);
    Duration d = firstDelay.multipliedBy(1L << doublings);
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }

  /** How long from now an attempt must still wait; zero when it may be checked. */
  public Duration waitAt(State s, Instant now) {
    if (s.lockedUntil() != null && now.isBefore(s.lockedUntil())) {
      return Duration.between(now, s.lockedUntil());
    }
    int n = counted(s, now);
    if (n == 0 || s.lastFailedAt() == null) {
      return Duration.ZERO;
    }
    Instant allowed = s.lastFailedAt().plus(delayAfter(n));
    return now.isBefore(allowed) ? Duration.between(now, allowed) : Duration.ZERO;
  }

  /** Whether this failure (the count including it) locks the name. */
  public boolean locks(int failures) {
    return failures >= lockAfter;
  }
}
