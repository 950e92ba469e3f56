package org.truce.access;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An API token as it may be shown: its public id, label and dates. Neither the secret nor its hash is ever part
 * of it; the secret is returned once, at issue, as {@link Tokens.Issued}.
 */
public record Token(UUID id, UUID userId, String label, OffsetDateTime createdAt, OffsetDateTime revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
