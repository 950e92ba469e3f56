package org.truce.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.truce.audit.AuditLog;
import org.truce.parties.Parties;

/**
 * Users and their API tokens. Tokens are random 256-bit secrets shown once; only their SHA-256 is stored
 * (a fast hash suffices for secrets of that entropy, unlike passwords).
 */
public final class Users {

  /** Token look-ups are cached briefly: a revoked token stops working within this many milliseconds. */
  static final long CACHE_MILLIS = 10_000;

  private final Jdbi jdbi;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, CachedUser> cache = new ConcurrentHashMap<>();

  private record CachedUser(User user, long until) {}

  private final AuditLog audit;

  public Users(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new user and its first token, which is returned and never retrievable again. */
  public record Created(User user, String token) {}

  public Created addUser(String name, String party, Role role, Parties parties) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("--name must be 1 to 200 characters");
    }
    if (!parties.exists(party) || org.truce.parties.Party.UNKNOWN.equals(party)) {
      throw new IllegalArgumentException("unknown party '" + party + "'; allowed: " + String.join(", ", parties.sourceCodes()));
    }
    User u = new User(UUID.randomUUID(), name, party, role);
    String token = newToken();
    jdbi.useTransaction(h -> {
      if (h.createQuery("select count(*) from users where name = :n").bind("n", name).mapTo(Integer.class).one() > 0) {
        throw new IllegalArgumentException("a user named '" + name + "' already exists");
      }
      h.createUpdate("insert into users(id, name, party, role, created_at) values (:id, :name, :party, :role, :at)")
          .bind("id", u.id()).bind("name", name).bind("party", party).bind("role", role.code())
          .bind("at", OffsetDateTime.now(clock)).execute();
      insertToken(h, u.id(), token, "initial");
      audit.append(h, AuditLog.Actor.SYSTEM, "user.create", "user", u.id().toString(),
          Map.of("name", name, "party", party, "role", role.code(), "token", "initial"));
    });
    return new Created(u, token);
  }

  /** Creates the admin from TRUCE_ADMIN_TOKEN when no admin exists yet; returns whether it did. */
  public boolean bootstrapAdmin(String token, Parties parties) {
    if (token == null) {
      return false;
    }
    if (token.length() < 16) {
      throw new IllegalArgumentException("TRUCE_ADMIN_TOKEN must be at least 16 characters");
    }
    return jdbi.inTransaction(h -> {
      int admins = h.createQuery("select count(*) from users where role = 'admin'").mapTo(Integer.class).one();
      if (admins > 0) {
        return false;
      }
      UUID id = UUID.randomUUID();
      String name = h.createQuery("select count(*) from users where name = 'admin'").mapTo(Integer.class).one() == 0
          ? "admin" : "admin-" + id.toString().substring(0, 8);
      h.createUpdate("insert into users(id, name, party, role, created_at) values (:id, :name, 'SEC', 'admin', :at)")
          .bind("id", id).bind("name", name).bind("at", OffsetDateTime.now(clock)).execute();
      insertToken(h, id, token, "TRUCE_ADMIN_TOKEN");
      audit.append(h, AuditLog.Actor.SYSTEM, "user.create", "user", id.toString(),
          Map.of("name", name, "party", "SEC", "role", "admin", "token", "TRUCE_ADMIN_TOKEN"));
      return true;
    });
  }

  private void insertToken(org.jdbi.v3.core.Handle h, UUID userId, String token, String label) {
    h.createUpdate("insert into api_tokens(token_hash, user_id, label, created_at) values (:hash, :user, :label, :at)")
        .bind("hash", hash(token)).bind("user", userId).bind("label", label).bind("at", OffsetDateTime.now(clock)).execute();
  }

  /** The user a bearer token belongs to, if the token is valid and not revoked. */
  public Optional<User> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 512) {
      return Optional.empty();
    }
    String hash = hash(token);
    long now = clock.millis();
    CachedUser c = cache.get(hash);
    if (c != null && c.until > now) {
      return Optional.of(c.user);
    }
    Optional<User> u = jdbi.withHandle(h -> h.createQuery(
            "select u.id, u.name, u.party, u.role from api_tokens t join users u on u.id = t.user_id"
                + " where t.token_hash = :hash and t.revoked_at is null")
        .bind("hash", hash)
        .map((rs, ctx) -> new User(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), Role.fromCode(rs.getString(4))))
        .findOne());
    if (u.isPresent()) {
      if (cache.size() > 10_000) {
        cache.clear();
      }
      cache.put(hash, new CachedUser(u.get(), now + CACHE_MILLIS));
    }
    return u;
  }

  String newToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return "truce_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
