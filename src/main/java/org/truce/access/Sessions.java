package org.truce.access;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.truce.audit.AuditLog;

/**
 * Web sessions, kept in the database only (table web_sessions), so that any server sharing it knows them and a
 * logout takes effect everywhere at once. The cookie carries a random 256-bit value of which only the SHA-256 is
 * stored; each session has its own random CSRF token. A session lasts a fixed time from its start (no sliding
 * renewal) and ends earlier on logout, on a password change or when its user is disabled.
 */
public final class Sessions {

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Users users;
  private final Clock clock;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();

  public Sessions(Jdbi jdbi, AuditLog audit, Users users, Clock clock, Duration lifetime) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.users = users;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** A session just started: the cookie value is known only here and in the user's browser. */
  public record Started(String cookieValue, String csrfToken, Instant expiresAt, String id) {}

  /** A live session and its user. id is the short form used in the audit log (a prefix of the stored hash). */
  public record Live(User user, String idHash, String csrfToken, Instant expiresAt) {
    public String id() {
      return idHash.substring(0, 16);
    }
  }

  public Duration lifetime() {
    return lifetime;
  }

  /** Starts a session for the user in h's transaction and appends session.start. */
  public Started start(Handle h, User user, Map<String, Object> auditDetails) {
    String value = randomToken();
    String csrf = randomToken();
    String idHash = Users.hash(value);
    OffsetDateTime now = now();
    OffsetDateTime expires = now.plus(lifetime);
    h.createUpdate("insert into web_sessions(id_hash, user_id, csrf_token, created_at, expires_at) "
            + "values (:id, :user, :csrf, :now, :expires)")
        .bind("id", idHash).bind("user", user.id()).bind("csrf", csrf).bind("now", now).bind("expires", expires)
        .execute();
    Map<String, Object> change = new LinkedHashMap<>(auditDetails);
    change.put("user", user.id().toString());
    change.put("name", user.name());
    change.put("expiresAt", expires.toInstant().toString());
    String id = idHash.substring(0, 16);
    audit.append(h, new AuditLog.Actor(user.id(), user.party()), "session.start", "session", id, change);
    return new Started(value, csrf, expires.toInstant(), id);
  }

  /** The live session a cookie value names: not ended, not expired, its user not disabled. */
  public Optional<Live> find(String cookieValue) {
    if (cookieValue == null || cookieValue.length() < 40 || cookieValue.length() > 64) {
      return Optional.empty();
    }
    String idHash = Users.hash(cookieValue);
    return jdbi.withHandle(h -> h.createQuery("select s.user_id, s.csrf_token, s.expires_at from web_sessions s "
                + "join users u on u.id = s.user_id "
                + "where s.id_hash = :id and s.ended_at is null and s.expires_at > :now and u.disabled_at is null")
            .bind("id", idHash).bind("now", now())
            .map((rs, ctx) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).toInstant()})
            .findOne()
            .flatMap(row -> users.byId(h, (UUID) row[0])
                .map(u -> new Live(u, idHash, (String) row[1], (Instant) row[2]))));
  }

  /** Ends the session (logout) and appends session.end; does nothing if it has already ended. */
  public void end(Live s, String reason) {
    jdbi.useTransaction(h -> {
      int n = h.createUpdate("update web_sessions set ended_at = :now where id_hash = :id and ended_at is null")
          .bind("now", now()).bind("id", s.idHash()).execute();
      if (n > 0) {
        audit.append(h, new AuditLog.Actor(s.user().id(), s.user().party()), "session.end", "session", s.id(),
            Map.of("user", s.user().id().toString(), "reason", reason));
      }
    });
  }

  /** Ends every live session of a user but the one whose hash is keep (may be null); returns how many ended. */
  int endAll(Handle h, UUID userId, String keep) {
    return endAll(h, userId, keep, now());
  }

  /** Ends every live session of a user at now (disabling a user); returns how many ended. */
  static int endAllOf(Handle h, UUID userId, OffsetDateTime now) {
    return endAll(h, userId, null, now);
  }

  private static int endAll(Handle h, UUID userId, String keep, OffsetDateTime now) {
    return h.createUpdate("update web_sessions set ended_at = :now where user_id = :user and ended_at is null "
            + "and expires_at > :now and id_hash <> :keep")
        .bind("now", now).bind("user", userId).bind("keep", keep == null ? "" : keep).execute();
  }

  /** Whether two tokens are equal, in time independent of where they differ. */
  public static boolean sameToken(String expected, String given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** 256 random bits, URL-safe Base64 without padding (43 characters). */
  public String randomToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
