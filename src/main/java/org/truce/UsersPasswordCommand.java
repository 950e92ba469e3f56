package org.truce;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.truce.access.User;
import org.truce.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Sets a user's web password, read from the terminal (not echoed, asked twice) or from standard input. */
@Command(name = "password", description = "Set a user's web sign-in password (12 to 1024 characters); ends the user's "
    + "sessions. Reads it from the terminal without echo, or the first line of standard input.")
final class UsersPasswordCommand implements Callable<Integer> {

  @Option(names = "--name", required = true, description = "the user's name")
  String name;

  @Option(names = "--password-stdin", description = "read the password from the first line of standard input even "
      + "when a terminal is attached (for scripts: printf '%s\\n' \"$PW\" | truce users password --name N --password-stdin)")
  boolean fromStdin;

  @Mixin
  Truce.DbOptionsMixin db;

  @Override
  public Integer call() throws IOException {
    // never an argument: those show in ps and in shell histories
    String password = read();
    try (App app = db.open()) {
      User u = app.db.jdbi().withHandle(h -> app.users.byName(h, name))
          .orElseThrow(() -> new IllegalArgumentException("no user named '" + name + "'"));
      app.logins.setPassword(AuditLog.Actor.SYSTEM, "command line", u.id(), password);
      System.out.println("password set for user " + u.name() + " (" + u.id() + "); its web sessions were ended");
    }
    return 0;
  }

  private String read() throws IOException {
    Console console = System.console();
    if (!fromStdin && console != null) {
      char[] first = console.readPassword("New password for %s: ", name);
      char[] again = console.readPassword("Repeat it: ");
      if (first == null || again == null || !Arrays.equals(first, again)) {
        throw new IllegalArgumentException("the two passwords differ; nothing was changed");
      }
      return new String(first);
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null) {
      throw new IllegalArgumentException("no password on standard input; nothing was changed");
    }
    return line;
  }
}
