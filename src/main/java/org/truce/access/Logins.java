package org.truce.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.truce.audit.AuditLog;

/**
 * Signing in with a password, under {@link LoginPolicy}; setting and changing passwords; unlocking.
 *
 * <p>An attempt first claims its place in the name's failure count (a compare-and-set on the count), then checks
 * the password outside any transaction, then resets the count on success or keeps it on failure. So parallel
 * attempts, even on several servers, cannot slip past the waits, and no row lock is held during the slow hash.
 * Attempts refused during a wait or lock check nothing, change nothing and are not audited (they are free to
 * make, and auditing them would let anyone fill the log); every checked failure is.
 */
public final class Logins {

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Users users;
  private final Sessions sessions;
  private final Passwords passwords;
  private final LoginPolicy policy;
  private final Clock clock;

  public Logins(Jdbi jdbi, AuditLog audit, Users users, Sessions sessions, Passwords passwords, LoginPolicy policy,
                Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.users = users;
    this.sessions = sessions;
    this.passwords = passwords;
    this.policy = policy;
    this.clock = clock;
  }

  /** What became of a sign-in attempt. */
  public sealed interface Outcome {}

  /** Signed in: a new session. */
  public record SignedIn(User user, Sessions.Started session) implements Outcome {}

  /** Wrong name or password, or a user that may not sign in; the caller is not told which. */
  public record Failed() implements Outcome {}

  /** Not checked: the name is in a wait or locked for this long still. */
  public record Refused(Duration retryAfter) implements Outcome {}

  /** Whose failure count an attempt counts in: a user's row, or the throttle row of a name without a user. */
  private record Counter(String table, String key, Object value, boolean user) {
    static Counter of(UUID userId) {
      return new Counter("users", "id", userId, true);
    }

    static Counter ofName(String name) {
      return new Counter("login_throttle", "name_hash", Users.hash(name), false);
    }
  }

  private record Account(User user, String passwordHash, boolean disabled) {}

  /** One attempt to sign in by name and password from address (for the audit log). */
  public Outcome signIn(String name, String password, String address) {
    String n = name == null ? "" : name;
    Optional<Account> account = n.isEmpty() || n.length() > 200 ? Optional.empty() : jdbi.withHandle(h -> account(h, n));
    Counter counter = account.map(a -> Counter.of(a.user().id())).orElseGet(() -> Counter.ofName(n));
    Instant now = clock.instant();
    Claim claim = claim(counter, now);
    if (claim.refused() != null) {
      return claim.refused();
    }
    boolean ok;
    if (account.isPresent()) {
      ok = passwords.verify(password, account.get().passwordHash());
    } else {
      passwords.verifyDummy(password);
      ok = false;
    }
    if (ok && !account.get().disabled()) {
      User u = account.get().user();
      return jdbi.inTransaction(h -> {
        reset(h, counter);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("address", address);
        details.put("failuresBefore", claim.counted());
        return new SignedIn(u, sessions.start(h, u, details));
      });
    }
    String reason = account.isEmpty() ? "unknown user"
        : account.get().passwordHash() == null ? "no password"
        : !ok ? "wrong password" : "disabled";
    recordFailure(counter, account.map(Account::user).orElse(null), n, reason, claim.counted() + 1, address, now);
    return new Failed();
  }

  /** The outcome of claiming an attempt: refused (not null) or the failures counted before it. */
  private record Claim(Refused refused, int counted) {}

  private Claim claim(Counter c, Instant now) {
    return jdbi.withHandle(h -> {
      Optional<LoginPolicy.State> stored = state(h, c);
      LoginPolicy.State s = stored.orElse(LoginPolicy.State.NONE);
      Duration wait = policy.waitAt(s, now);
      if (!wait.isZero()) {
        return new Claim(new Refused(wait), s.failures());
      }
      int counted = policy.counted(s, now);
      boolean claimed;
      if (stored.isEmpty() && !c.user()) {
        claimed = insertThrottle(h, c, now);
      } else {
        claimed = h.createUpdate("update " + c.table() + " set failed_logins = :next, last_failed_at = :now where "
                + c.key() + " = :key and failed_logins = :seen")
            .bind("next", counted + 1).bind("now", utc(now)).bind("key", c.value()).bind("seen", s.failures())
            .execute() == 1;
      }
      // another attempt on the same name got there first: this one waits as if that one had failed
      return claimed ? new Claim(null, counted)
          : new Claim(new Refused(policy.delayAfter(counted + 1).isZero() ? Duration.ofSeconds(1)
              : policy.delayAfter(counted + 1)), counted);
    });
  }

  private static boolean insertThrottle(Handle h, Counter c, Instant now) {
    try {
      h.createUpdate("insert into login_throttle(name_hash, failed_logins, last_failed_at) values (:key, 1, :now)")
          .bind("key", c.value()).bind("now", utc(now)).execute();
      return true;
    } catch (RuntimeException e) {
      return false;   // a parallel attempt inserted it (this handle is in auto-commit: nothing else is undone)
    }
  }

  private void recordFailure(Counter c, User user, String name, String reason, int failures, String address,
                             Instant now) {
    Instant lockedUntil = policy.locks(failures) ? now.plus(policy.lockFor()) : null;
    jdbi.useTransaction(h -> {
      if (lockedUntil != null) {
        h.createUpdate("update " + c.table() + " set locked_until = :until where " + c.key() + " = :key")
            .bind("until", utc(lockedUntil)).bind("key", c.value()).execute();
      }
      // names nobody has tried for a while are forgotten, as the policy forgets failures
      h.createUpdate("delete from login_throttle where last_failed_at < :cutoff and (locked_until is null or locked_until < :now)")
          .bind("cutoff", utc(now.minus(policy.forgetAfter()))).bind("now", utc(now)).execute();
      Map<String, Object> change = new LinkedHashMap<>();
      if (user != null) {
        change.put("name", user.name());
      } else {
        // the name tried may be a password typed in the wrong field, and an unsalted hash of a weak password is
        // easily reversed: the log, kept for ever and shared, says only that the name belongs to no user
        change.put("knownUser", false);
      }
      change.put("reason", reason);
      change.put("failures", failures);
      change.put("address", address);
      if (lockedUntil != null) {
        change.put("lockedUntil", lockedUntil.toString());
      }
      if (user != null) {
        audit.append(h, AuditLog.Actor.SYSTEM, "login.fail", "user", user.id().toString(), change);
      } else {
        audit.append(h, AuditLog.Actor.SYSTEM, "login.fail", "login-name", "unknown", change);
      }
      if (user != null && lockedUntil != null) {
        audit.append(h, AuditLog.Actor.SYSTEM, "user.lock", "user", user.id().toString(),
            Map.of("name", user.name(), "until", lockedUntil.toString(), "failures", failures));
      }
    });
  }

  private static void reset(Handle h, Counter c) {
    h.createUpdate("update " + c.table() + " set failed_logins = 0, last_failed_at = null, locked_until = null where "
        + c.key() + " = :key").bind("key", c.value()).execute();
  }

  /** What became of changing one's own password. */
  public enum Change { CHANGED, WRONG_CURRENT }

  /**
   * Changes the signed-in user's password after checking the current one, which counts like a sign-in attempt
   * (a stolen session cannot guess it faster). Ends the user's other sessions.
   *
   * @throws IllegalArgumentException when the new password may not be set (checked first)
   * @throws RefusedException during a wait or lock, without checking the current password
   */
  public Change changeOwnPassword(Sessions.Live session, String current, String next, String address) {
    String problem = Passwords.problem(next);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    User u = session.user();
    Counter counter = Counter.of(u.id());
    Instant now = clock.instant();
    Claim claim = claim(counter, now);
    if (claim.refused() != null) {
      throw new RefusedException(claim.refused().retryAfter());
    }
    String stored = jdbi.withHandle(h -> account(h, u.name())).map(Account::passwordHash).orElse(null);
    if (!passwords.verify(current, stored)) {
      recordFailure(counter, u, u.name(), "wrong current password", claim.counted() + 1, address, now);
      return Change.WRONG_CURRENT;
    }
    String hash = passwords.hash(next);
    jdbi.useTransaction(h -> {
      reset(h, counter);
      store(h, u.id(), hash);
      int ended = sessions.endAll(h, u.id(), session.idHash());
      audit.append(h, new AuditLog.Actor(u.id(), u.party()), "password.set", "user", u.id().toString(),
          Map.of("name", u.name(), "by", "self", "sessionsEnded", ended));
    });
    return Change.CHANGED;
  }

  /** Thrown when a password check is refused during a wait or lock. */
  public static final class RefusedException extends RuntimeException {
    private final Duration retryAfter;

    public RefusedException(Duration retryAfter) {
      super("too many failed attempts; retry in " + retryAfter.toSeconds() + " s");
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /**
   * Sets a user's password (an admin or the command line: by says which), ending all its sessions. Returns
   * false when no user has that id.
   *
   * @throws IllegalArgumentException when the password may not be set
   */
  public boolean setPassword(AuditLog.Actor actor, String by, UUID userId, String password) {
    String problem = Passwords.problem(password);
    if (problem != null) {
      throw new IllegalArgumentException("the password " + problem);
    }
    if (jdbi.withHandle(h -> users.byId(h, userId)).isEmpty()) {
      return false;
    }
    String hash = passwords.hash(password);
    return jdbi.inTransaction(h -> {
      Optional<User> u = users.byId(h, userId);
      if (u.isEmpty()) {
        return false;
      }
      store(h, userId, hash);
      int ended = sessions.endAll(h, userId, null);
      audit.append(h, actor, "password.set", "user", userId.toString(),
          Map.of("name", u.get().name(), "by", by, "sessionsEnded", ended));
      return true;
    });
  }

  /** Clears a user's failure count and lock. Returns false when no user has that id. */
  public boolean unlock(AuditLog.Actor actor, UUID userId) {
    return jdbi.inTransaction(h -> {
      Optional<User> u = users.byId(h, userId);
      if (u.isEmpty()) {
        return false;
      }
      LoginPolicy.State before = state(h, Counter.of(userId)).orElse(LoginPolicy.State.NONE);
      reset(h, Counter.of(userId));
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("name", u.get().name());
      change.put("failures", before.failures());
      change.put("lockedUntil", before.lockedUntil() == null ? null : before.lockedUntil().toString());
      audit.append(h, actor, "user.unlock", "user", userId.toString(), change);
      return true;
    });
  }

  /** The user's counting state, for the command line and tests. */
  public LoginPolicy.State state(UUID userId) {
    return jdbi.withHandle(h -> state(h, Counter.of(userId))).orElse(LoginPolicy.State.NONE);
  }

  private static void store(Handle h, UUID userId, String hash) {
    h.createUpdate("update users set password_hash = :hash where id = :id").bind("hash", hash).bind("id", userId)
        .execute();
  }

  private static Optional<LoginPolicy.State> state(Handle h, Counter c) {
    return h.createQuery("select failed_logins, last_failed_at, locked_until from " + c.table() + " where " + c.key()
            + " = :key")
        .bind("key", c.value())
        .map((rs, ctx) -> new LoginPolicy.State(rs.getInt(1), instant(rs.getObject(2, OffsetDateTime.class)),
            instant(rs.getObject(3, OffsetDateTime.class))))
        .findOne();
  }

  private Optional<Account> account(Handle h, String name) {
    return users.byName(h, name).map(u -> h.createQuery("select password_hash, disabled_at from users where id = :id")
        .bind("id", u.id())
        .map((rs, ctx) -> new Account(u, rs.getString(1), rs.getObject(2, OffsetDateTime.class) != null))
        .one());
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
