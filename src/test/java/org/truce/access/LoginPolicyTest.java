package org.truce.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The documented numbers of the sign-in policy. */
class LoginPolicyTest {

  final LoginPolicy p = LoginPolicy.DEFAULT;
  final Instant t0 = Instant.parse("2026-11-20T10:00:00Z");

  @Test
  void waitsDoubleFromTheThirdFailureUpToAMinute() {
    assertThat(IntStream.rangeClosed(1, 9).mapToObj(n -> p.delayAfter(n).toSeconds()).toList())
        .containsExactly(0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 60L);
    assertThat(p.locks(9)).isFalse();
    assertThat(p.locks(10)).isTrue();
    assertThat(p.lockFor()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theWaitRunsFromTheLastFailure() {
    LoginPolicy.State s = new LoginPolicy.State(4, t0, null);
    assertThat(p.waitAt(s, t0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.waitAt(s, t0.plusMillis(1500))).isEqualTo(Duration.ofMillis(500));
    assertThat(p.waitAt(s, t0.plusSeconds(2))).isZero();
  }

  @Test
  void aLockHoldsUntilItEndsAndFailuresAreForgottenAfterADay() {
    LoginPolicy.State locked = new LoginPolicy.State(10, t0, t0.plus(Duration.ofHours(1)));
    assertThat(p.waitAt(locked, t0.plusSeconds(1))).isEqualTo(Duration.ofHours(1).minusSeconds(1));
    assertThat(p.waitAt(locked, t0.plus(Duration.ofHours(1)))).isZero();
    assertThat(p.counted(locked, t0.plus(Duration.ofHours(2)))).as("still counted: the next failure locks again")
        .isEqualTo(10);
    assertThat(p.counted(locked, t0.plus(Duration.ofHours(24)))).isZero();
    assertThat(p.counted(LoginPolicy.State.NONE, t0)).isZero();
  }
}
