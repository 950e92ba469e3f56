package org.truce.access;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.truce.audit.AuditLog;

/**
 * Administration of existing users: listing them, changing their roles, disabling and enabling them. Nothing is
 * deleted: a disabled user keeps its history and its tokens, which stop working. There is always an enabled
 * admin left: a change that would remove the last one is refused.
 */
public final class UserAdmin {

  private final Jdbi jdbi;
  private final Users users;
  private final AuditLog audit;
  private final Clock clock;

  public UserAdmin(Jdbi jdbi, Users users, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
  }

  /** One page of users by name; next is the cursor of the following page, null on the last. */
  public record Page(List<Account> items, String next) {}

  /**
   * Users ordered by name, at most limit of them, after the cursor of the previous page (null: from the start).
   *
   * @throws IllegalArgumentException for a cursor this method did not make
   */
  public Page list(int limit, String cursor) {
    String after = cursor == null || cursor.isEmpty() ? null : decodeCursor(cursor);
    List<Account> rows = jdbi.withHandle(h -> accounts(h, after == null ? "" : "where u.name > :after",
        q -> q.bind("after", after), limit + 1));
    if (rows.size() <= limit) {
      return new Page(rows, null);
    }
    List<Account> page = rows.subList(0, limit);
    return new Page(List.copyOf(page), encodeCursor(page.get(limit - 1).user().name()));
  }

  /** The user with that id, disabled or not. */
  public Optional<Account> get(UUID id) {
    return jdbi.withHandle(h -> get(h, id));
  }

  /** The user with that name, disabled or not. */
  public Optional<Account> byName(String name) {
    return jdbi.withHandle(h -> accounts(h, "where u.name = :name", q -> q.bind("name", name), 1).stream().findFirst());
  }

  /**
   * Gives the user exactly these roles on behalf of actor; the same roles change nothing and append nothing.
   *
   * @throws IllegalArgumentException when roles is empty
   * @throws AccessConflict when the user is the last enabled admin and admin is not among the roles
   */
  public Optional<Account> changeRoles(AuditLog.Actor actor, UUID id, Set<Role> roles) {
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("at least one role is required; allowed: " + String.join(", ", Role.codes()));
    }
    Optional<Account> out = jdbi.inTransaction(h -> {
      lockAdmins(h);
      Optional<Account> before = lockUser(h, id);
      if (before.isEmpty() || before.get().user().roles().equals(roles)) {
        return before;
      }
      User u = before.get().user();
      if (!roles.contains(Role.ADMIN)) {
        keepAnAdmin(h, before.get(), "roles", "may not lose the role admin");
      }
      h.createUpdate("delete from user_roles where user_id = :id").bind("id", id).execute();
      Users.insertRoles(h, id, roles);
      User after = new User(id, u.name(), u.party(), roles);
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("name", u.name());
      change.put("before", u.roleCodes());
      change.put("after", after.roleCodes());
      audit.append(h, actor, "user.roles", "user", id.toString(), change);
      return get(h, id);
    });
    users.forgetCached();
    return out;
  }

  /**
   * Disables the user on behalf of actor: its tokens stop working (at once in this process, within the token
   * cache's time in others). Disabling a disabled user changes nothing and appends nothing.
   *
   * @throws AccessConflict when the user is the last enabled admin
   */
  public Optional<Account> disable(AuditLog.Actor actor, UUID id) {
    Optional<Account> out = jdbi.inTransaction(h -> {
      lockAdmins(h);
      Optional<Account> before = lockUser(h, id);
      if (before.isEmpty() || before.get().disabled()) {
        return before;
      }
      keepAnAdmin(h, before.get(), "id", "may not be disabled");
      h.createUpdate("update users set disabled_at = :at where id = :id").bind("at", OffsetDateTime.now(clock)).bind("id", id)
          .execute();
      // its web sessions end too: enabling the user again must not bring back a cookie taken before
      int ended = Sessions.endAllOf(h, id, OffsetDateTime.now(clock));
      audit.append(h, actor, "user.disable", "user", id.toString(),
          Map.of("name", before.get().user().name(), "sessionsEnded", ended));
      return get(h, id);
    });
    users.forgetCached();
    return out;
  }

  /** Enables a disabled user on behalf of actor; enabling an enabled user changes nothing and appends nothing. */
  public Optional<Account> enable(AuditLog.Actor actor, UUID id) {
    return jdbi.inTransaction(h -> {
      Optional<Account> before = lockUser(h, id);
      if (before.isEmpty() || !before.get().disabled()) {
        return before;
      }
      h.createUpdate("update users set disabled_at = null where id = :id").bind("id", id).execute();
      audit.append(h, actor, "user.enable", "user", id.toString(), Map.of("name", before.get().user().name()));
      return get(h, id);
    });
  }

  /**
   * Locks every admin's row, always in id order, before any change that could leave no enabled admin: two
   * admins disabling each other at once then take turns, and the second sees the first's change.
   */
  private static void lockAdmins(Handle h) {
    h.createQuery("select id from users where id in (select user_id from user_roles where role = 'admin') order by id for update")
        .mapTo(UUID.class).list();
  }

  private Optional<Account> lockUser(Handle h, UUID id) {
    if (h.createQuery("select id from users where id = :id for update").bind("id", id).mapTo(UUID.class).findOne().isEmpty()) {
      return Optional.empty();
    }
    return get(h, id);
  }

  /** Refuses the change when it takes away the last enabled admin. */
  private static void keepAnAdmin(Handle h, Account target, String field, String what) {
    if (target.disabled() || !target.user().has(Role.ADMIN)) {
      return;
    }
    int others = h.createQuery("select count(*) from users u where u.disabled_at is null and u.id <> :id "
            + "and exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'admin')")
        .bind("id", target.user().id()).mapTo(Integer.class).one();
    if (others == 0) {
      throw new AccessConflict(field, "user '" + target.user().name() + "' is the last enabled admin and " + what
          + "; give another user the role admin first");
    }
  }

  private static Optional<Account> get(Handle h, UUID id) {
    return accounts(h, "where u.id = :id", q -> q.bind("id", id), 1).stream().findFirst();
  }

  /** Users matching where, ordered by name, with their roles: one query for the users, one for their roles. */
  private static List<Account> accounts(Handle h, String where, UnaryOperator<Query> bind, int limit) {
    record Row(UUID id, String name, String party, OffsetDateTime created, OffsetDateTime disabled, OffsetDateTime locked) {}
    List<Row> rows = bind.apply(h.createQuery("select u.id, u.name, u.party, u.created_at, u.disabled_at, u.locked_until "
            + "from users u " + where + " order by u.name limit :limit").bind("limit", limit))
        .map((rs, ctx) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
            rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)))
        .list();
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<UUID, Set<Role>> roles = new HashMap<>();
    h.createQuery("select user_id, role from user_roles where user_id in (<ids>)")
        .bindList("ids", rows.stream().map(Row::id).toList())
        .map((rs, ctx) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
        .forEach(e -> {
          Role r = Role.fromCode(e.getValue());
          if (r != null) {
            roles.computeIfAbsent(e.getKey(), k -> EnumSet.noneOf(Role.class)).add(r);
          }
        });
    List<Account> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      User u = new User(r.id(), r.name(), r.party(), roles.getOrDefault(r.id(), Set.of()));
      out.add(new Account(u, Tokens.utc(r.created()), Tokens.utc(r.disabled()), Tokens.utc(r.locked())));
    }
    return out;
  }

  private static String encodeCursor(String name) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a cursor this server made; pass the 'next' of the previous page");
    }
  }
}
