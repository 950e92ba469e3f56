package org.truce;

import java.util.concurrent.Callable;
import org.truce.access.User;
import org.truce.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lifts a user's sign-in lock-out and clears its count of failed sign-ins. */
@Command(name = "unlock", description = "Lift a user's sign-in lock-out and clear its failed sign-ins.")
final class UsersUnlockCommand implements Callable<Integer> {

  @Option(names = "--name", required = true, description = "the user's name")
  String name;

  @Mixin
  Truce.DbOptionsMixin db;

  @Override
  public Integer call() {
    try (App app = db.open()) {
      User u = app.db.jdbi().withHandle(h -> app.users.byName(h, name))
          .orElseThrow(() -> new IllegalArgumentException("no user named '" + name + "'"));
      app.logins.unlock(AuditLog.Actor.SYSTEM, u.id());
      System.out.println("unlocked user " + u.name() + " (" + u.id() + ")");
    }
    return 0;
  }
}
