package org.truce.access;

import java.time.Instant;
import java.time.OffsetDateTime;

/** A user as administrators see it: the user, when it was created, and whether it is disabled or locked out. */
public record Account(User user, OffsetDateTime createdAt, OffsetDateTime disabledAt, OffsetDateTime lockedUntil) {

  public boolean disabled() {
    return disabledAt != null;
  }

  /** Whether failed sign-ins keep the user out at that instant. */
  public boolean lockedAt(Instant now) {
    return lockedUntil != null && lockedUntil.toInstant().isAfter(now);
  }
}
