package org.truce.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
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
    return addUser(name, party, Set.of(role), parties);
  }

  public Created addUser(String name, String party, Set<Role> roles, Parties parties) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("--name must be 1 to 200 characters");
    }
    if (!parties.exists(party) || org.truce.parties.Party.UNKNOWN.equals(party)) {
      throw new IllegalArgumentException("unknown party '" + party + "'; allowed: " + String.join(", ", parties.sourceCodes()));
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("at least one role is required; allowed: " + String.join(", ", Role.codes()));
    }
    User u = new User(UUID.randomUUID(), name, party, roles);
    String token = newToken();
    jdbi.useTransaction(h -> {
      if (h.createQuery("select count(*) from users where name = :n").bind("n", name).mapTo(Integer.class).one() > 0) {
        throw new IllegalArgumentException("a user named '" + name + "' already exists");
      }
      h.createUpdate("insert into users(id, name, party, created_at) values (:id, :name, :party, :at)")
          .bind("id", u.id()).bind("name", name).bind("party", party).bind("at", OffsetDateTime.now(clock)).execute();
      insertRoles(h, u.id(), roles);
      insertToken(h, u.id(), token, "initial");
      audit.append(h, AuditLog.Actor.SYSTEM, "user.create", "user", u.id().toString(),
          Map.of("name", name, "party", party, "roles", u.roleCodes(), "token", "initial"));
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
      int admins = h.createQuery("select count(*) from user_roles where role = 'admin'").mapTo(Integer.class).one();
      if (admins > 0) {
        return false;
      }
      UUID id = UUID.randomUUID();
      String name = h.createQuery("select count(*) from users where name = 'admin'").mapTo(Integer.class).one() == 0
          ? "admin" : "admin-" + id.toString().substring(0, 8);
      h.createUpdate("insert into users(id, name, party, created_at) values (:id, :name, 'SEC', :at)")
          .bind("id", id).bind("name", name).bind("at", OffsetDateTime.now(clock)).execute();
      insertRoles(h, id, Set.of(Role.ADMIN));
      insertToken(h, id, token, "TRUCE_ADMIN_TOKEN");
      audit.append(h, AuditLog.Actor.SYSTEM, "user.create", "user", id.toString(),
          Map.of("name", name, "party", "SEC", "roles", "admin", "token", "TRUCE_ADMIN_TOKEN"));
      return true;
    });
  }

  private static void insertRoles(Handle h, UUID userId, Set<Role> roles) {
    var batch = h.prepareBatch("insert into user_roles(user_id, role) values (:user, :role)");
    for (Role r : roles) {
      batch.bind("user", userId).bind("role", r.code()).add();
    }
    batch.execute();
  }

  /** The user with this id, whether or not it is disabled. */
  public Optional<User> byId(Handle h, UUID id) {
    return users(h, "u.id = :v", id).stream().findFirst();
  }

  /** The user with this name, whether or not it is disabled. */
  public Optional<User> byName(Handle h, String name) {
    return users(h, "u.name = :v", name).stream().findFirst();
  }

  private static List<User> users(Handle h, String where, Object value) {
    Map<UUID, User> out = new LinkedHashMap<>();
    h.createQuery("select u.id, u.name, u.party, r.role from users u join user_roles r on r.user_id = u.id where " + where
            + " order by u.name")
        .bind("v", value)
        .map((rs, ctx) -> {
          UUID id = rs.getObject(1, UUID.class);
          User prev = out.get(id);
          Set<Role> roles = EnumSet.of(Role.fromCode(rs.getString(4)));
          if (prev != null) {
            roles.addAll(prev.roles());
          }
          out.put(id, new User(id, rs.getString(2), rs.getString(3), roles));
          return id;
        }).list();
    return new ArrayList<>(out.values());
  }

  /** Forgets cached token look-ups, so a revocation or disabling takes effect at once in this process. */
  public void forgetCached() {
    cache.clear();
  }

  private void insertToken(Handle h, UUID userId, String token, String label) {
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
    Optional<User> u = jdbi.withHandle(h -> users(h,
        "u.disabled_at is null and u.id = (select t.user_id from api_tokens t where t.token_hash = :v and t.revoked_at is null)",
        hash).stream().findFirst());
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
