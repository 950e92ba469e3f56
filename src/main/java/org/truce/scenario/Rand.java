package org.truce.scenario;

import java.util.SplittableRandom;

/**
 * The draws the scenario needs, over one {@link SplittableRandom}.
 * StrictMath throughout so that a seed gives byte-identical output on every JVM and CPU.
 */
final class Rand {

  private final SplittableRandom random;

  Rand(long seed) {
    this.random = new SplittableRandom(seed);
  }

  private Rand(SplittableRandom random) {
    this.random = random;
  }

  /** An independent stream, drawn from this one. */
  Rand split() {
    return new Rand(random.split());
  }

  double uniform() {
    return random.nextDouble();
  }

  double uniform(double from, double to) {
    return from + (to - from) * random.nextDouble();
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  long nextLong() {
    return random.nextLong();
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** Standard normal by Box–Muller (one value per call keeps the stream easy to reason about). */
  double gaussian() {
    double u = 1.0 - random.nextDouble(); // (0, 1]: log stays finite
    double v = random.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
  }

  double exponential(double mean) {
    return -mean * StrictMath.log(1.0 - random.nextDouble());
  }

  /** Poisson count; the normal approximation above 30 keeps big days cheap. */
  int poisson(double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > 30) {
      return (int) Math.max(0, StrictMath.round(lambda + StrictMath.sqrt(lambda) * gaussian()));
    }
    double limit = StrictMath.exp(-lambda);
    double p = random.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= random.nextDouble();
      k++;
    }
    return k;
  }

  /**
   * A heavy-tailed count ≥ 0: P(n ≥ k) = (k + 1)^(-1/tail), so most draws are small and a few are large.
   */
  int heavyTail(double tail, int cap) {
    double n = StrictMath.exp(exponential(tail)) - 1;
    return (int) Math.min(cap, StrictMath.floor(n));
  }

  /** Index drawn with the given (not necessarily normalised) weights. */
  int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0 && weights[i] > 0) {
        return i;
      }
    }
    for (int i = weights.length - 1; i >= 0; i--) {
      if (weights[i] > 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("no positive weight");
  }

  <T> T pick(T[] items) {
    return items[random.nextInt(items.length)];
  }
}
