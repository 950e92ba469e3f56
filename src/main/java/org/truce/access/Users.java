package org.truce.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.truce.audit.AuditLog;
import org.truce.parties.Parties;

/**
 * Users and their API tokens. Tokens are random 256-bit secrets shown once; only their SHA-256 is stored
 * (a fast hash suffices for secrets of that entropy, unlike passwords).
 */
public final class Users {

  /**
   * Token look-ups are cached briefly: a token revoked, or a user disabled or given other roles, by another
   * process takes effect here within this many milliseconds (in this process at once, see forgetCached).
   */
  static final long CACHE_MILLIS = 10_000;

  private final Jdbi jdbi;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, CachedUser> cache = new ConcurrentHashMap<>();
  // bumped by forgetCached: an entry from a look-up that began before the latest forget is not used
  private final AtomicLong generation = new AtomicLong();

  private record CachedUser(User user, long until, long generation) {}

  private final AuditLog audit;

  public Users(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new user and its first token, whose secret is returned here and never retrievable again. */
  public record Created(User user, String token, Token tokenInfo) {}

  public Created addUser(String name, String party, Role role, Parties parties) {
    return addUser(name, party, Set.of(role), parties);
  }

  public Created addUser(String name, String party, Set<Role> roles, Parties parties) {
    return addUser(AuditLog.Actor.SYSTEM, name, party, roles, parties);
  }

  /**
   * Creates a user with a first token labelled "initial", on behalf of actor.
   *
   * @throws IllegalArgumentException for an invalid name, party or roles
   * @throws AccessConflict when the name is taken
   */
  public Created addUser(AuditLog.Actor actor, String name, String party, Set<Role> roles, Parties parties) {
    String badName = nameProblem(name);
    if (badName != null) {
      throw new IllegalArgumentException("user name " + badName);
    }
    if (!parties.exists(party) || org.truce.parties.Party.UNKNOWN.equals(party)) {
      throw new IllegalArgumentException("unknown party '" + party + "'; allowed: " + String.join(", ", parties.sourceCodes()));
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("at least one role is required; allowed: " + String.join(", ", Role.codes()));
    }
    User u = new User(UUID.randomUUID(), name, party, roles);
    String token = newToken();
    String taken = "a user named '" + name + "' already exists";
    try {
      Token t = jdbi.inTransaction(h -> {
        if (h.createQuery("select count(*) from users where name = :n").bind("n", name).mapTo(Integer.class).one() > 0) {
          throw new AccessConflict("name", taken);
        }
        h.createUpdate("insert into users(id, name, party, created_at) values (:id, :name, :party, :at)")
            .bind("id", u.id()).bind("name", name).bind("party", party).bind("at", OffsetDateTime.now(clock)).execute();
        insertRoles(h, u.id(), roles);
        audit.append(h, actor, "user.create", "user", u.id().toString(),
            Map.of("name", name, "party", party, "roles", u.roleCodes(), "token", "initial"));
        return insertToken(h, actor, u.id(), token, "initial");
      });
      return new Created(u, token, t);
    } catch (UnableToExecuteStatementException e) {
      // a concurrent creation with the same name passed the check too; the unique constraint stopped it
      if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
        throw new AccessConflict("name", taken);
      }
      throw e;
    }
  }

  /** Why a user name is not acceptable, or null when it is. */
  public static String nameProblem(String name) {
    if (name == null || name.isBlank()) {
      return "is required: 1 to 200 characters, not only spaces";
    }
    if (name.length() > 200) {
      return "must be at most 200 characters, got " + name.length();
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      return "must not contain control characters (line breaks, tabs, NUL)";
    }
    return null;
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
      audit.append(h, AuditLog.Actor.SYSTEM, "user.create", "user", id.toString(),
          Map.of("name", name, "party", "SEC", "roles", "admin", "token", "TRUCE_ADMIN_TOKEN"));
      insertToken(h, AuditLog.Actor.SYSTEM, id, token, "TRUCE_ADMIN_TOKEN");
      return true;
    });
  }

  static void insertRoles(Handle h, UUID userId, Set<Role> roles) {
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

  /**
   * Forgets cached token look-ups, so a revocation, disabling or change of roles takes effect at once in this
   * process; call it after the change has committed.
   */
  public void forgetCached() {
    generation.incrementAndGet();
    cache.clear();
  }

  /** Stores the hash of a token's secret in h's transaction and appends token.create (id and label only). */
  Token insertToken(Handle h, AuditLog.Actor actor, UUID userId, String secret, String label) {
    // the time as the database keeps it (UTC, microseconds), so that the answer that issues it and lists agree
    OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    Token t = new Token(UUID.randomUUID(), userId, label, at, null);
    h.createUpdate("insert into api_tokens(id, token_hash, user_id, label, created_at) values (:id, :hash, :user, :label, :at)")
        .bind("id", t.id()).bind("hash", hash(secret)).bind("user", userId).bind("label", label).bind("at", t.createdAt())
        .execute();
    audit.append(h, actor, "token.create", "token", t.id().toString(), Map.of("userId", userId.toString(), "label", label));
    return t;
  }

  /** The user a bearer token belongs to, if the token is valid and not revoked. */
  public Optional<User> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 512) {
      return Optional.empty();
    }
    String hash = hash(token);
    long now = clock.millis();
    long gen = generation.get();
    CachedUser c = cache.get(hash);
    if (c != null && c.until > now && c.generation == gen) {
      return Optional.of(c.user);
    }
    Optional<User> u = jdbi.withHandle(h -> users(h,
        "u.disabled_at is null and u.id = (select t.user_id from api_tokens t where t.token_hash = :v and t.revoked_at is null)",
        hash).stream().findFirst());
    if (u.isPresent()) {
      if (cache.size() > 10_000) {
        cache.clear();
      }
      cache.put(hash, new CachedUser(u.get(), now + CACHE_MILLIS, gen));
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
