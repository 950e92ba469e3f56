package org.truce;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.truce.access.Account;
import org.truce.access.Role;
import org.truce.access.Token;
import org.truce.access.UserAdmin;
import org.truce.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The `users` subcommands that read and change existing users; each change is audited as made by the system. */
final class UserCommands {

  private UserCommands() {}

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'");

  /** The user of that name, or an error naming it. */
  static Account account(App app, String name) {
    return app.userAdmin.byName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown user '" + name + "'; see ./truce users list"));
  }

  static String time(OffsetDateTime t) {
    return t == null ? "-" : TIME.format(t);
  }

  static String status(Account a, Instant now) {
    if (a.disabled()) {
      return a.lockedAt(now) ? "disabled, locked" : "disabled";
    }
    return a.lockedAt(now) ? "locked" : "enabled";
  }

  /** Rows as left-aligned columns two spaces apart; the first row is the heading. */
  static void table(List<String[]> rows) {
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        b.append(i == r.length - 1 ? r[i] : String.format("%-" + w[i] + "s  ", r[i]));
      }
      System.out.println(b.toString().stripTrailing());
    }
  }

  @Command(name = "list", description = "List every user: name, party, roles, status, creation time, id.")
  static final class ListUsers implements Callable<Integer> {
    @Mixin
    Truce.DbOptionsMixin db;

    @Override
    public Integer call() {
      try (App app = db.open()) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "PARTY", "ROLES", "STATUS", "CREATED", "ID"});
        Instant now = app.clock.instant();
        String cursor = null;
        do {
          UserAdmin.Page page = app.userAdmin.list(1000, cursor);
          for (Account a : page.items()) {
            rows.add(new String[] {a.user().name(), a.user().party(), a.user().roleCodes(), status(a, now), time(a.createdAt()),
                a.user().id().toString()});
          }
          cursor = page.next();
        } while (cursor != null);
        table(rows);
      }
      return 0;
    }
  }

  @Command(name = "show", description = "Show one user and how many tokens it holds.")
  static final class Show implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "user name")
    String name;

    @Mixin
    Truce.DbOptionsMixin db;

    @Override
    public Integer call() {
      try (App app = db.open()) {
        Account a = account(app, name);
        List<Token> tokens = app.tokens.list(a.user().id());
        long active = tokens.stream().filter(t -> !t.revoked()).count();
        System.out.println("name:     " + a.user().name());
        System.out.println("id:       " + a.user().id());
        System.out.println("party:    " + a.user().party());
        System.out.println("roles:    " + a.user().roleCodes());
        System.out.println("status:   " + status(a, app.clock.instant())
            + (a.disabled() ? " since " + time(a.disabledAt()) : "")
            + (a.lockedAt(app.clock.instant()) ? ", locked until " + time(a.lockedUntil()) : ""));
        System.out.println("created:  " + time(a.createdAt()));
        System.out.println("tokens:   " + active + " active, " + (tokens.size() - active) + " revoked");
      }
      return 0;
    }
  }

  @Command(name = "roles", description = "Set a user's roles (replacing the ones it has).")
  static final class Roles implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "user name")
    String name;

    @Option(names = "--roles", required = true,
        description = "comma-separated: reporter, reviewer, coordinator, observer, wg-member, admin")
    String roles;

    @Mixin
    Truce.DbOptionsMixin db;

    @Override
    public Integer call() {
      Set<Role> r = Role.parseList(roles);
      try (App app = db.open()) {
        Account before = account(app, name);
        Account after = app.userAdmin.changeRoles(AuditLog.Actor.SYSTEM, before.user().id(), r).orElseThrow();
        if (before.user().roles().equals(after.user().roles())) {
          System.out.println("roles of " + name + " unchanged: " + after.user().roleCodes());
        } else {
          System.out.println("roles of " + name + ": " + before.user().roleCodes() + " -> " + after.user().roleCodes());
        }
      }
      return 0;
    }
  }

  @Command(name = "disable", description = "Disable a user: its tokens stop working; it keeps its history.")
  static final class Disable implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "user name")
    String name;

    @Mixin
    Truce.DbOptionsMixin db;

    @Override
    public Integer call() {
      try (App app = db.open()) {
        Account before = account(app, name);
        if (before.disabled()) {
          System.out.println("user " + name + " was already disabled (since " + time(before.disabledAt()) + ")");
          return 0;
        }
        Optional<Account> after = app.userAdmin.disable(AuditLog.Actor.SYSTEM, before.user().id());
        System.out.println("disabled user " + name + " at " + time(after.orElseThrow().disabledAt())
            + "; its tokens no longer work (running servers: within 10 s)");
      }
      return 0;
    }
  }

  @Command(name = "enable", description = "Enable a disabled user: its unrevoked tokens work again.")
  static final class Enable implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "user name")
    String name;

    @Mixin
    Truce.DbOptionsMixin db;

    @Override
    public Integer call() {
      try (App app = db.open()) {
        Account before = account(app, name);
        if (!before.disabled()) {
          System.out.println("user " + name + " is not disabled");
          return 0;
        }
        app.userAdmin.enable(AuditLog.Actor.SYSTEM, before.user().id());
        System.out.println("enabled user " + name + "; its unrevoked tokens work again");
      }
      return 0;
    }
  }
}
