package org.truce.access;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.truce.audit.AuditLog;

/**
 * Issuing, listing and revoking a user's API tokens. A token's secret is shown once, when issued; what is
 * stored is its SHA-256 ({@link Users}) and a random public id that says nothing about the secret.
 */
public final class Tokens {

  /** A label is 1 to this many characters. */
  public static final int MAX_LABEL = 200;
  /** Tokens a user may hold unrevoked at once: enough for every machine, a bound for a stolen token. */
  public static final int MAX_ACTIVE = 100;

  /** A token just issued, with its secret: the only time the secret is ever available. */
  public record Issued(Token token, String secret) {}

  /** What a revocation did. */
  public enum Revocation { REVOKED, ALREADY_REVOKED, NOT_FOUND }

  private final Jdbi jdbi;
  private final Users users;
  private final AuditLog audit;
  private final Clock clock;

  public Tokens(Jdbi jdbi, Users users, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
  }

  /** Why a label is not acceptable, or null when it is. */
  public static String labelProblem(String label) {
    if (label == null || label.isBlank()) {
      return "is required: 1 to " + MAX_LABEL + " characters, not only spaces";
    }
    if (label.length() > MAX_LABEL) {
      return "must be at most " + MAX_LABEL + " characters, got " + label.length();
    }
    if (label.chars().anyMatch(Character::isISOControl)) {
      return "must not contain control characters (line breaks, tabs, NUL)";
    }
    return null;
  }

  /** The user's tokens, newest first, revoked ones included; empty for an unknown user. */
  public List<Token> list(UUID userId) {
    return jdbi.withHandle(h -> h.createQuery("select id, user_id, label, created_at, revoked_at from api_tokens "
            + "where user_id = :user order by created_at desc, id")
        .bind("user", userId)
        .map((rs, ctx) -> new Token(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
            utc(rs.getObject(4, OffsetDateTime.class)), utc(rs.getObject(5, OffsetDateTime.class))))
        .list());
  }

  /**
   * Issues a new token to the user on behalf of actor; empty when there is no such user. A disabled user's
   * token is issued but works only once the user is enabled again.
   *
   * @throws IllegalArgumentException for an invalid label
   * @throws AccessConflict when the user already holds {@link #MAX_ACTIVE} unrevoked tokens
   */
  public Optional<Issued> issue(AuditLog.Actor actor, UUID userId, String label) {
    String problem = labelProblem(label);
    if (problem != null) {
      throw new IllegalArgumentException("label " + problem);
    }
    String secret = users.newToken();
    return jdbi.inTransaction(h -> {
      // the user's row lock makes concurrent issues take turns, so the bound holds
      if (h.createQuery("select id from users where id = :id for update").bind("id", userId).mapTo(UUID.class).findOne().isEmpty()) {
        return Optional.<Issued>empty();
      }
      int active = h.createQuery("select count(*) from api_tokens where user_id = :user and revoked_at is null")
          .bind("user", userId).mapTo(Integer.class).one();
      if (active >= MAX_ACTIVE) {
        throw new AccessConflict("label", "the user already holds " + active + " unrevoked tokens, the most allowed; revoke "
            + "one first");
      }
      return Optional.of(new Issued(users.insertToken(h, actor, userId, secret, label), secret));
    });
  }

  /**
   * Revokes one of the user's tokens on behalf of actor. Revoking a revoked token changes nothing and appends
   * nothing; a token of another user is NOT_FOUND, like one that does not exist. The token stops working at
   * once in this process, and in others within the token cache's time (10 s).
   */
  public Revocation revoke(AuditLog.Actor actor, UUID userId, UUID tokenId) {
    Revocation r = jdbi.inTransaction(h -> {
      Optional<Token> t = find(h, userId, tokenId);
      if (t.isEmpty()) {
        return Revocation.NOT_FOUND;
      }
      int changed = h.createUpdate("update api_tokens set revoked_at = :at where id = :id and revoked_at is null")
          .bind("at", OffsetDateTime.now(clock)).bind("id", tokenId).execute();
      if (changed == 0) {
        return Revocation.ALREADY_REVOKED;
      }
      audit.append(h, actor, "token.revoke", "token", tokenId.toString(),
          Map.of("userId", userId.toString(), "label", t.get().label()));
      return Revocation.REVOKED;
    });
    if (r == Revocation.REVOKED) {
      users.forgetCached();
    }
    return r;
  }

  private static Optional<Token> find(Handle h, UUID userId, UUID tokenId) {
    return h.createQuery("select id, user_id, label, created_at, revoked_at from api_tokens where id = :id and user_id = :user")
        .bind("id", tokenId).bind("user", userId)
        .map((rs, ctx) -> new Token(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
            rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)))
        .findOne();
  }

  static OffsetDateTime utc(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
