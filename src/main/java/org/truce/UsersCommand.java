package org.truce;

import java.util.Set;
import java.util.concurrent.Callable;
import org.truce.access.Role;
import org.truce.access.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** User administration from the command line. */
@Command(name = "users", description = "Manage users.", subcommands = {UsersCommand.Add.class,
    UserCommands.ListUsers.class, UserCommands.Show.class, UserCommands.Roles.class, UserCommands.Disable.class,
    UserCommands.Enable.class, TokenCommands.class, UsersPasswordCommand.class, UsersUnlockCommand.class})
final class UsersCommand {

  @Command(name = "add", description = "Create a user and print its API token (shown once).")
  static final class Add implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "unique user name")
    String name;

    @Option(names = "--party", required = true, description = "party code, e.g. RU, SY-OPP, UN")
    String party;

    @Option(names = {"--roles", "--role"}, required = true,
        description = "comma-separated: reporter, reviewer, coordinator, observer, wg-member, admin")
    String roles;

    @Mixin
    Truce.DbOptionsMixin db;

    @Override
    public Integer call() {
      Set<Role> r = Role.parseList(roles);
      try (App app = db.open()) {
        Users.Created c = app.users.addUser(name, party, r, app.parties);
        System.out.println("created user " + c.user().name() + " (" + c.user().id() + "), party " + party + ", roles "
            + c.user().roleCodes());
        System.out.println("token (shown once, keep it secret): " + c.token());
      }
      return 0;
    }
  }
}
